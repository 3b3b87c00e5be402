// CREATE [OR REPLACE] AGGREGATE and DROP AGGREGATE. Names go through the
// SQL writer; types are format_type() text (or canonicalized manifest
// text) and written as they are, as for functions; an operator name is
// checked to be operator characters when read. DROP, ALTER and COMMENT ON
// name an ordered-set aggregate by all its argument types in one list,
// which PostgreSQL accepts in place of the ORDER BY form.
#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

namespace {

using catalog::Aggregate;
using catalog::FinalModify;

std::string argument_text(const catalog::Argument& argument) {
    std::string out = argument.mode == catalog::ArgumentMode::variadic ? "VARIADIC " : "";
    if (!argument.name.empty()) out += sql::ident(argument.name) + " ";
    return out + argument.type;
}

const char* modify_word(FinalModify modify) {
    switch (modify) {
        case FinalModify::shareable:
            return "SHAREABLE";
        case FinalModify::read_write:
            return "READ_WRITE";
        case FinalModify::read_only:
            break;
    }
    return "READ_ONLY";
}

// FINALFUNC (or MFINALFUNC with prefix "M") and its options. The modify
// option is always written: its default differs between kinds.
void add_final(std::vector<std::string>& options, const std::string& prefix, const catalog::FinalStep& final) {
    options.push_back(prefix + "FINALFUNC = " + sql::qualified(final.function));
    if (final.extra) options.push_back(prefix + "FINALFUNC_EXTRA");
    options.push_back(prefix + "FINALFUNC_MODIFY = " + modify_word(final.modify));
}

std::string argument_list(const std::vector<catalog::Argument>& arguments) {
    std::vector<std::string> out;
    for (const auto& argument : arguments) out.push_back(argument_text(argument));
    return join(out, ", ");
}

// (a, b), (*), or for an ordered-set aggregate (a ORDER BY b) and (ORDER BY b).
std::string signature(const Aggregate& a) {
    if (a.kind == catalog::AggregateKind::normal) return a.arguments.empty() ? "*" : argument_list(a.arguments);
    const auto direct = a.direct();
    return (direct.empty() ? "" : argument_list(direct) + " ") + "ORDER BY " + argument_list(a.aggregated());
}

std::string create_statement(const Aggregate& a, std::string_view verb) {
    std::vector<std::string> options = {"SFUNC = " + sql::qualified(a.state_function), "STYPE = " + a.state_type};
    if (a.state_space != 0) options.push_back("SSPACE = " + std::to_string(a.state_space));
    if (a.final) add_final(options, "", *a.final);
    if (a.combine_function) options.push_back("COMBINEFUNC = " + sql::qualified(*a.combine_function));
    if (a.serial_function) options.push_back("SERIALFUNC = " + sql::qualified(*a.serial_function));
    if (a.deserial_function) options.push_back("DESERIALFUNC = " + sql::qualified(*a.deserial_function));
    if (a.initial_condition) options.push_back("INITCOND = " + sql::literal(*a.initial_condition));
    if (const auto& moving = a.moving) {
        options.push_back("MSFUNC = " + sql::qualified(moving->state_function));
        options.push_back("MINVFUNC = " + sql::qualified(moving->inverse_function));
        options.push_back("MSTYPE = " + moving->state_type);
        if (moving->state_space != 0) options.push_back("MSSPACE = " + std::to_string(moving->state_space));
        if (moving->final) add_final(options, "M", *moving->final);
        if (moving->initial_condition) options.push_back("MINITCOND = " + sql::literal(*moving->initial_condition));
    }
    if (a.sort_operator) {
        options.push_back("SORTOP = OPERATOR(" + sql::ident(a.sort_operator->schema) + "." + a.sort_operator->name +
                          ")");
    }
    if (a.parallel == catalog::ParallelSafety::safe) options.emplace_back("PARALLEL = SAFE");
    if (a.parallel == catalog::ParallelSafety::restricted) options.emplace_back("PARALLEL = RESTRICTED");
    if (a.kind == catalog::AggregateKind::hypothetical) options.emplace_back("HYPOTHETICAL");
    return std::string(verb) + " AGGREGATE " + sql::qualified(a.name) + "(" + signature(a) + ") (\n    " +
           join(options, ",\n    ") + "\n)";
}

}  // namespace

Statements sql_of(const CreateAggregate& change) {
    return {create_statement(change.aggregate, "CREATE")};
}

Statements sql_of(const ReplaceAggregate& change) {
    return {create_statement(change.to, "CREATE OR REPLACE")};
}

Statements sql_of(const DropAggregate& change) {
    return {"DROP " + routine_target(change.object())};
}

std::string description_of(const CreateAggregate& change) {
    return "create aggregate " + display(change.object());
}

std::string description_of(const ReplaceAggregate& change) {
    return "replace aggregate " + display(change.object());
}

std::string description_of(const DropAggregate& change) {
    return "drop aggregate " + display(change.object());
}

}  // namespace reconcile::engine::render_detail
