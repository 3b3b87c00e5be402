// Aggregate files: one normal aggregate each, its options named as CREATE
// AGGREGATE names them ("sfunc", "stype", "initcond"...), so a reader who
// knows the SQL knows the file.
#include <algorithm>

#include "desired-state/edit_distance.hpp"
#include "desired-state/loader.hpp"
#include "desired-state/vocabulary.hpp"

namespace reconcile::desired_state::detail {

namespace {

inline constexpr Word<catalog::FinalModify> final_modifies[] = {
    {"read_only", catalog::FinalModify::read_only},
    {"shareable", catalog::FinalModify::shareable},
    {"read_write", catalog::FinalModify::read_write},
};

// "name" (pg_catalog's, as the server prints a built-in under an empty
// search_path), "schema.name", or {"schema": ..., "name": ...} for names
// that hold a dot.
std::optional<catalog::QualifiedName> read_name(const ObjectReader& reader, std::string_view key,
                                                std::string_view what) {
    const Json* value = reader.value(key);
    if (!value) return std::nullopt;
    const auto pointer = reader.pointer(key);
    catalog::QualifiedName name;
    if (value->is_string()) {
        const auto& text = value->get_ref<const std::string&>();
        const auto dot = text.find('.');
        name = dot == std::string::npos ? catalog::QualifiedName{"pg_catalog", text}
                                        : catalog::QualifiedName{text.substr(0, dot), text.substr(dot + 1)};
    } else {
        ObjectReader object(*value, pointer, reader.problems(), {"schema", "name"});
        if (!object.valid()) return std::nullopt;
        auto bare = object.string("name", Need::required);
        if (!bare) return std::nullopt;
        name = {object.string("schema").value_or("pg_catalog"), *bare};
    }
    if (!check_identifier(name.schema, pointer, reader.problems(), "schema") ||
        !check_identifier(name.name, pointer, reader.problems(), what)) {
        return std::nullopt;
    }
    return name;
}

// An operator name is made of the characters PostgreSQL allows in one; it
// is written into SQL as it is, so nothing else may pass.
bool operator_name(std::string_view text) {
    return !text.empty() && text.size() <= 63 && std::all_of(text.begin(), text.end(), [](char c) {
        return std::string_view("+-*/<>=~!@#%^&|`?").find(c) != std::string_view::npos;
    });
}

std::optional<catalog::QualifiedName> read_operator(const ObjectReader& reader) {
    auto text = reader.string("sortop");
    if (!text) return std::nullopt;
    const auto dot = text->find('.');
    catalog::QualifiedName name = dot == std::string::npos
                                      ? catalog::QualifiedName{"pg_catalog", *text}
                                      : catalog::QualifiedName{text->substr(0, dot), text->substr(dot + 1)};
    if (!check_identifier(name.schema, reader.pointer("sortop"), reader.problems(), "schema")) return std::nullopt;
    if (!operator_name(name.name)) {
        reader.problems().error(reader.pointer("sortop"), "\"" + *text + "\" is not an operator name (\"<\", \">\")");
        return std::nullopt;
    }
    return name;
}

std::optional<std::string> read_type(const ObjectReader& reader, std::string_view key, Need need) {
    auto type = reader.string(key, need);
    if (type && type->find_first_not_of(" \t\r\n") == std::string::npos) {
        reader.problems().error(reader.pointer(key), "empty type");
        return std::nullopt;
    }
    return type;
}

int read_space(const ObjectReader& reader, std::string_view key) {
    auto value = reader.integer(key);
    if (!value) return 0;
    if (*value <= 0 || *value > 1'000'000'000) {
        reader.problems().error(reader.pointer(key), "expected a positive number of bytes");
        return 0;
    }
    return static_cast<int>(*value);
}

std::vector<catalog::Argument> read_argument_list(const ObjectReader& reader, std::string_view key) {
    std::vector<catalog::Argument> out;
    const Json* arguments = reader.array(key);
    if (!arguments) return out;
    for (std::size_t i = 0; i < arguments->size(); ++i) {
        ObjectReader argument_reader((*arguments)[i], pointer_join(reader.pointer(key), i), reader.problems(),
                                     {"name", "type", "mode"});
        if (!argument_reader.valid()) continue;
        catalog::Argument argument;
        if (auto name = argument_reader.string("name")) {
            if (!check_identifier(*name, argument_reader.pointer("name"), reader.problems(), "argument")) continue;
            argument.name = *name;
        }
        auto type = read_type(argument_reader, "type", Need::required);
        if (!type) continue;
        argument.type = *type;
        if (auto mode = read_word(argument_reader, "mode", argument_modes, "argument mode")) {
            if (*mode == catalog::ArgumentMode::out || *mode == catalog::ArgumentMode::inout) {
                reader.problems().error(argument_reader.pointer("mode"),
                                        "an aggregate's arguments are \"in\" or \"variadic\"");
            }
            argument.mode = *mode;
        }
        out.push_back(std::move(argument));
    }
    return out;
}

// "arguments", and for an ordered-set aggregate "order_by": the arguments
// after ORDER BY. PostgreSQL stores (VARIADIC "any" ORDER BY VARIADIC
// "any") as one variadic argument standing for both lists.
void read_arguments(const ObjectReader& reader, catalog::Aggregate& aggregate) {
    aggregate.arguments = read_argument_list(reader, "arguments");
    const bool hypothetical = reader.boolean("hypothetical").value_or(false);
    if (!reader.has("order_by")) {
        if (hypothetical) {
            reader.problems().error(reader.pointer("hypothetical"),
                                    "a hypothetical-set aggregate needs \"order_by\" (its aggregated arguments)");
        }
        return;
    }
    auto ordered = read_argument_list(reader, "order_by");
    aggregate.kind = hypothetical ? catalog::AggregateKind::hypothetical : catalog::AggregateKind::ordered_set;
    aggregate.direct_arguments = static_cast<int>(aggregate.arguments.size());
    if (ordered.empty()) {
        reader.problems().error(reader.pointer("order_by"), "\"order_by\" needs at least one argument");
        return;
    }
    const bool variadic_direct =
        !aggregate.arguments.empty() && aggregate.arguments.back().mode == catalog::ArgumentMode::variadic;
    if (variadic_direct) {
        if (ordered.size() != 1 || ordered[0].mode != catalog::ArgumentMode::variadic) {
            reader.problems().error(reader.pointer("order_by"),
                                    "after a variadic direct argument, \"order_by\" is one variadic argument of "
                                    "the same type");
        }
        return;
    }
    for (auto& argument : ordered) aggregate.arguments.push_back(std::move(argument));
}

std::optional<catalog::FinalStep> read_final(const ObjectReader& reader, std::string_view prefix) {
    const std::string function_key = std::string(prefix) + "finalfunc";
    const std::string extra_key = function_key + "_extra", modify_key = function_key + "_modify";
    auto function = read_name(reader, function_key, "function");
    if (!function) {
        for (const auto& key : {extra_key, modify_key}) {
            if (reader.has(key))
                reader.problems().error(reader.pointer(key), "\"" + key + "\" needs \"" + function_key + "\"");
        }
        return std::nullopt;
    }
    catalog::FinalStep final{*function};
    final.extra = reader.boolean(extra_key).value_or(false);
    if (auto modify = read_word(reader, modify_key, final_modifies, "final function modify")) final.modify = *modify;
    return final;
}

// MSFUNC, MINVFUNC and MSTYPE go together; the other moving options need them.
std::optional<catalog::MovingMode> read_moving(const ObjectReader& reader) {
    auto function = read_name(reader, "msfunc", "function");
    auto inverse = read_name(reader, "minvfunc", "function");
    auto type = read_type(reader, "mstype", Need::optional);
    if (!function && !inverse && !type) {
        for (std::string_view key : {"msspace", "mfinalfunc", "mfinalfunc_extra", "mfinalfunc_modify", "minitcond"}) {
            if (reader.has(key)) {
                reader.problems().error(reader.pointer(key), "\"" + std::string(key) +
                                                                 "\" needs the moving-aggregate mode: \"msfunc\", "
                                                                 "\"minvfunc\" and \"mstype\"");
            }
        }
        return std::nullopt;
    }
    if (!function || !inverse || !type) {
        reader.problems().error("", "the moving-aggregate mode needs all of \"msfunc\", \"minvfunc\" and \"mstype\"");
        return std::nullopt;
    }
    catalog::MovingMode moving{*function, *inverse, *type};
    moving.state_space = read_space(reader, "msspace");
    moving.final = read_final(reader, "m");
    moving.initial_condition = reader.string("minitcond");
    return moving;
}

}  // namespace

bool is_aggregate_file(const Json& document) {
    return document.is_object() && document.contains("aggregate");
}

std::optional<AggregateDeclaration> read_aggregate_file(const Json& document, Problems& problems) {
    ObjectReader reader(document, "", problems,
                        {"$schema",
                         "schema",
                         "aggregate",
                         "arguments",
                         "order_by",
                         "hypothetical",
                         "sfunc",
                         "stype",
                         "sspace",
                         "finalfunc",
                         "finalfunc_extra",
                         "finalfunc_modify",
                         "combinefunc",
                         "serialfunc",
                         "deserialfunc",
                         "initcond",
                         "msfunc",
                         "minvfunc",
                         "mstype",
                         "msspace",
                         "mfinalfunc",
                         "mfinalfunc_extra",
                         "mfinalfunc_modify",
                         "minitcond",
                         "sortop",
                         "parallel",
                         "comment",
                         "owner",
                         "owner_privileges",
                         "grants"});
    if (!reader.valid()) return std::nullopt;
    reader.string("$schema");
    catalog::Aggregate aggregate;
    auto name = reader.string("aggregate", Need::required);
    auto schema = reader.string("schema").value_or("public");
    bool named = name && check_identifier(*name, reader.pointer("aggregate"), problems, "aggregate");
    if (!check_identifier(schema, reader.pointer("schema"), problems, "schema") || !named) return std::nullopt;
    aggregate.name = {std::move(schema), std::move(*name)};
    read_arguments(reader, aggregate);
    auto state_function = read_name(reader, "sfunc", "function");
    if (!state_function) reader.value("sfunc", Need::required);
    auto state_type = read_type(reader, "stype", Need::required);
    if (!state_function || !state_type) return std::nullopt;
    aggregate.state_function = *state_function;
    aggregate.state_type = *state_type;
    aggregate.state_space = read_space(reader, "sspace");
    aggregate.final = read_final(reader, "");
    aggregate.combine_function = read_name(reader, "combinefunc", "function");
    aggregate.serial_function = read_name(reader, "serialfunc", "function");
    aggregate.deserial_function = read_name(reader, "deserialfunc", "function");
    if (aggregate.serial_function.has_value() != aggregate.deserial_function.has_value()) {
        problems.error(reader.pointer(aggregate.serial_function ? "serialfunc" : "deserialfunc"),
                       "\"serialfunc\" and \"deserialfunc\" go together");
    }
    aggregate.initial_condition = reader.string("initcond");
    aggregate.moving = read_moving(reader);
    aggregate.sort_operator = read_operator(reader);
    if (auto parallel = read_word(reader, "parallel", parallel_safeties, "parallel safety")) {
        aggregate.parallel = *parallel;
    }
    aggregate.comment = reader.string("comment");
    AggregateDeclaration out{std::move(aggregate), {}};
    read_owner(reader, out.aggregate.id(), out.declared);
    read_grants(reader, "grants", out.aggregate.id(), out.declared);
    return out;
}

void add_aggregate(AggregateDeclaration declaration, Problems& problems, Draft& draft) {
    auto id = declaration.aggregate.id();
    if (auto previous = draft.sources.find(id); previous != draft.sources.end()) {
        problems.error("/aggregate", "aggregate " + catalog::display(id) + " is declared twice: in " +
                                         previous->second.file + " and in " + problems.file());
        return;
    }
    draft.sources.emplace(std::move(id), problems.at("/aggregate"));
    draft.model.aggregates.push_back(std::move(declaration.aggregate));
    draft.declared.append(std::move(declaration.declared));
}

// The schema is claimed; a bare support function name means pg_catalog's,
// so one that names a function the manifests declare elsewhere is almost
// certainly missing its schema.
void check_aggregates(Draft& draft) {
    std::vector<std::string> declared;
    for (const auto& schema : draft.model.schemas) declared.push_back(schema.name);
    for (const auto& aggregate : draft.model.aggregates) {
        auto problems = problems_at(draft, aggregate.id());
        if (!draft.model.find_schema(aggregate.name.schema)) {
            problems.error("/schema",
                           "schema \"" + aggregate.name.schema +
                               "\" is not declared in any schema file; declare it "
                               "in a schema file",
                           closest(aggregate.name.schema, declared));
        }
        for (const auto& used : aggregate.support_functions()) {
            if (used.schema != "pg_catalog") continue;
            for (const auto& function : draft.model.functions) {
                if (function.name.name != used.name) continue;
                problems.error("/aggregate", "support function \"" + used.name +
                                                 "\" has no schema, so it means pg_catalog." + used.name +
                                                 "; write \"" + function.name.schema + "." + used.name +
                                                 "\" for the declared one");
                break;
            }
        }
    }
}

}  // namespace reconcile::desired_state::detail
