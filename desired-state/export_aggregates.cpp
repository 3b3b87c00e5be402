// Aggregate files as export writes them: the keys in the order CREATE
// AGGREGATE lists its options, defaults left out, so the file reads back
// (aggregate_file.cpp) to the same model.
#include "desired-state/export_json.hpp"
#include "desired-state/vocabulary.hpp"

namespace reconcile::desired_state::detail {

namespace {

// pg_catalog's functions and operators bare, as the reader takes a bare
// name; the object form when a part holds a dot, which the string form
// cannot say.
OrderedJson name_json(const catalog::QualifiedName& name) {
    if (name.schema.find('.') != std::string::npos || name.name.find('.') != std::string::npos) {
        OrderedJson out = OrderedJson::object();
        out["schema"] = name.schema;
        out["name"] = name.name;
        return out;
    }
    return name.schema == "pg_catalog" ? name.name : name.schema + "." + name.name;
}

void put_name(OrderedJson& out, const char* key, const std::optional<catalog::QualifiedName>& name) {
    if (name) out[key] = name_json(*name);
}

const char* modify_word(catalog::FinalModify modify) {
    switch (modify) {
        case catalog::FinalModify::shareable:
            return "shareable";
        case catalog::FinalModify::read_write:
            return "read_write";
        case catalog::FinalModify::read_only:
            break;
    }
    return "read_only";
}

void put_final(OrderedJson& out, const std::string& prefix, const std::optional<catalog::FinalStep>& final) {
    if (!final) return;
    out[prefix + "finalfunc"] = name_json(final->function);
    if (final->extra) out[prefix + "finalfunc_extra"] = true;
    if (final->modify != catalog::FinalModify::read_only) out[prefix + "finalfunc_modify"] = modify_word(final->modify);
}

OrderedJson arguments_json(const std::vector<catalog::Argument>& arguments) {
    OrderedJson out = OrderedJson::array();
    for (const auto& argument : arguments) {
        OrderedJson entry = OrderedJson::object();
        if (!argument.name.empty()) entry["name"] = argument.name;
        entry["type"] = argument.type;
        if (argument.mode != catalog::ArgumentMode::in) {
            entry["mode"] = std::string(spelling_of(argument_modes, argument.mode));
        }
        out.push_back(std::move(entry));
    }
    return out;
}

}  // namespace

OrderedJson aggregate_document(const catalog::Model& model, const catalog::Aggregate& aggregate) {
    OrderedJson out = OrderedJson::object();
    out["$schema"] = std::string(manifest_schema_id);
    out["schema"] = aggregate.name.schema;
    out["aggregate"] = aggregate.name.name;
    if (aggregate.kind != catalog::AggregateKind::normal) {
        // "arguments" before ORDER BY (maybe none), "order_by" after it.
        auto direct = aggregate.direct();
        if (!direct.empty()) out["arguments"] = arguments_json(direct);
        out["order_by"] = arguments_json(aggregate.aggregated());
        if (aggregate.kind == catalog::AggregateKind::hypothetical) out["hypothetical"] = true;
    } else if (!aggregate.arguments.empty()) {
        out["arguments"] = arguments_json(aggregate.arguments);
    }
    out["sfunc"] = name_json(aggregate.state_function);
    out["stype"] = aggregate.state_type;
    if (aggregate.state_space != 0) out["sspace"] = aggregate.state_space;
    put_final(out, "", aggregate.final);
    put_name(out, "combinefunc", aggregate.combine_function);
    put_name(out, "serialfunc", aggregate.serial_function);
    put_name(out, "deserialfunc", aggregate.deserial_function);
    if (aggregate.initial_condition) out["initcond"] = *aggregate.initial_condition;
    if (const auto& moving = aggregate.moving) {
        out["msfunc"] = name_json(moving->state_function);
        out["minvfunc"] = name_json(moving->inverse_function);
        out["mstype"] = moving->state_type;
        if (moving->state_space != 0) out["msspace"] = moving->state_space;
        put_final(out, "m", moving->final);
        if (moving->initial_condition) out["minitcond"] = *moving->initial_condition;
    }
    if (const auto& op = aggregate.sort_operator) {
        out["sortop"] = op->schema == "pg_catalog" ? op->name : op->schema + "." + op->name;
    }
    if (aggregate.parallel != catalog::ParallelSafety::unsafe) {
        out["parallel"] = std::string(spelling_of(parallel_safeties, aggregate.parallel));
    }
    if (aggregate.comment) out["comment"] = *aggregate.comment;
    put_access(out, model, aggregate.id());
    return out;
}

}  // namespace reconcile::desired_state::detail
