#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

namespace {

using catalog::ArgumentMode;
using catalog::ParallelSafety;
using catalog::Volatility;

bool plain_word(std::string_view text) {
    if (text.empty() || !(std::islower(static_cast<unsigned char>(text[0])) || text[0] == '_')) return false;
    return std::all_of(text.begin(), text.end(), [](char c) {
        return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
    });
}

// Languages and setting names are written bare when they are plain words,
// as people write them; anything else is quoted.
std::string word(std::string_view text) {
    return plain_word(text) ? std::string(text) : sql::ident(text);
}

std::string routine_word(ObjectKind kind) {
    if (kind == ObjectKind::aggregate) return "AGGREGATE";
    return kind == ObjectKind::procedure ? "PROCEDURE" : "FUNCTION";
}

std::string argument_text(const catalog::Argument& argument) {
    std::string out;
    switch (argument.mode) {
        case ArgumentMode::in:
            break;
        case ArgumentMode::out:
            out = "OUT ";
            break;
        case ArgumentMode::inout:
            out = "INOUT ";
            break;
        case ArgumentMode::variadic:
            out = "VARIADIC ";
            break;
    }
    if (!argument.name.empty()) out += sql::ident(argument.name) + " ";
    out += argument.type;
    if (argument.default_expr) out += " DEFAULT " + sql::expression(*argument.default_expr);
    return out;
}

// Settings whose value is a list the server quotes element by element
// (GUC_LIST_QUOTE): written as one literal per element, or the whole list
// would become a single quoted element.
bool is_list_setting(std::string_view name) {
    static constexpr std::array<std::string_view, 6> names{"search_path",
                                                           "temp_tablespaces",
                                                           "local_preload_libraries",
                                                           "session_preload_libraries",
                                                           "shared_preload_libraries",
                                                           "unix_socket_directories"};
    return std::find(names.begin(), names.end(), name) != names.end();
}

// "public, \"My Schema\"" -> {"public", "My Schema"}: elements as the
// server prints a list setting, double-quoted when they need it.
std::vector<std::string> list_elements(std::string_view value) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < value.size()) {
        while (i < value.size() && value[i] == ' ') ++i;
        std::string element;
        if (i < value.size() && value[i] == '"') {
            for (++i; i < value.size(); ++i) {
                if (value[i] == '"') {
                    if (i + 1 < value.size() && value[i + 1] == '"') {
                        element += '"';
                        ++i;
                    } else {
                        ++i;
                        break;
                    }
                } else {
                    element += value[i];
                }
            }
            while (i < value.size() && value[i] != ',') ++i;
        } else {
            while (i < value.size() && value[i] != ',') element += value[i++];
            while (!element.empty() && element.back() == ' ') element.pop_back();
        }
        out.push_back(std::move(element));
        if (i < value.size() && value[i] == ',') ++i;
    }
    return out;
}

std::string set_clause(const std::string& setting) {
    const auto equals = setting.find('=');
    const std::string name = setting.substr(0, equals);
    const std::string value = equals == std::string::npos ? "" : setting.substr(equals + 1);
    std::vector<std::string> values;
    if (is_list_setting(name)) {
        for (const auto& element : list_elements(value)) values.push_back(sql::literal(element));
    } else {
        values.push_back(sql::literal(value));
    }
    std::string out = "SET ";
    // A dotted custom setting (plpgsql.extra_warnings) is two words.
    const auto dot = name.find('.');
    out += dot == std::string::npos ? word(name) : word(name.substr(0, dot)) + "." + word(name.substr(dot + 1));
    return out + " TO " + join(values, ", ");
}

std::string number(double value) {
    return fmt::format("{}", value);
}

// The body between dollar quotes whose tag it does not contain, so it
// goes to the server exactly as written, whatever quotes it holds.
std::string dollar_quoted(const std::string& body) {
    for (int n = 0;; ++n) {
        std::string tag = n == 0 ? "$$" : "$body" + (n == 1 ? std::string() : std::to_string(n)) + "$";
        if ((body + tag).find(tag) == body.size()) return tag + body + tag;
    }
}

std::string create_statement(const Function& f, std::string_view verb) {
    std::vector<std::string> arguments;
    for (const auto& argument : f.arguments) arguments.push_back(argument_text(argument));
    std::string out = std::string(verb) + " " + routine_word(f.kind) + " " + sql::qualified(f.name) + "(" +
                      join(arguments, ", ") + ")";
    if (f.returns) out += "\n    RETURNS " + *f.returns;
    out += "\n    LANGUAGE " + word(f.language);
    if (f.kind != ObjectKind::procedure) {
        if (f.volatility == Volatility::immutable) out += "\n    IMMUTABLE";
        if (f.volatility == Volatility::stable) out += "\n    STABLE";
        if (f.strict) out += "\n    STRICT";
        if (f.leakproof) out += "\n    LEAKPROOF";
        if (f.parallel == ParallelSafety::safe) out += "\n    PARALLEL SAFE";
        if (f.parallel == ParallelSafety::restricted) out += "\n    PARALLEL RESTRICTED";
        if (f.cost) out += "\n    COST " + number(*f.cost);
        if (f.rows) out += "\n    ROWS " + number(*f.rows);
    }
    if (f.security_definer) out += "\n    SECURITY DEFINER";
    for (const auto& setting : f.config) out += "\n    " + set_clause(setting);
    // A SQL-standard body is SQL, not a string.
    out += f.sql_standard_body ? "\n" + f.body : "\nAS " + dollar_quoted(f.body);
    return out;
}

// What a replacement changes, for its description.
std::vector<std::string> changed_parts(const Function& from, const Function& to) {
    std::vector<std::string> out;
    if (from.body != to.body || from.sql_standard_body != to.sql_standard_body) out.emplace_back("body");
    if (from.language != to.language) out.emplace_back("language");
    if (from.arguments != to.arguments) out.emplace_back("argument defaults or types");
    if (from.volatility != to.volatility) out.emplace_back("volatility");
    if (from.strict != to.strict) out.emplace_back("strictness");
    if (from.security_definer != to.security_definer) out.emplace_back("security");
    if (from.leakproof != to.leakproof) out.emplace_back("leakproof");
    if (from.parallel != to.parallel) out.emplace_back("parallel safety");
    if (from.cost != to.cost || from.rows != to.rows) out.emplace_back("cost estimates");
    if (from.config != to.config) out.emplace_back("settings");
    return out;
}

}  // namespace

std::string routine_signature(const ObjectId& id) {
    std::vector<std::string> types = id.arguments;
    // An aggregate over no argument is written agg(*) by its DROP, ALTER
    // and COMMENT ON.
    if (types.empty() && id.kind == ObjectKind::aggregate) types.emplace_back("*");
    return sql::qualified(id.qualified()) + "(" + join(types, ", ") + ")";
}

std::string routine_target(const ObjectId& id) {
    return routine_word(id.kind) + " " + routine_signature(id);
}

namespace {

// check_function_bodies off around one statement only (RESET returns to the
// session's own setting), inside a transaction or not.
Statements body_unchecked(std::string statement, bool unchecked) {
    if (!unchecked) return {std::move(statement)};
    return {"SET check_function_bodies = off", std::move(statement), "RESET check_function_bodies"};
}

}  // namespace

Statements sql_of(const CreateFunction& change) {
    return body_unchecked(create_statement(change.function, "CREATE"), change.unchecked_body);
}

Statements sql_of(const ReplaceFunction& change) {
    return body_unchecked(create_statement(change.to, "CREATE OR REPLACE"), change.unchecked_body);
}

Statements sql_of(const DropFunction& change) {
    return {"DROP " + routine_target(change.function.id())};
}

std::string description_of(const CreateFunction& change) {
    return "create " + std::string(kind_name(change.function.kind)) + " " + display(change.object());
}

std::string description_of(const ReplaceFunction& change) {
    auto parts = changed_parts(change.from, change.to);
    return "replace " + std::string(kind_name(change.to.kind)) + " " + display(change.object()) +
           (parts.empty() ? "" : " (" + join(parts, ", ") + ")");
}

std::string description_of(const DropFunction& change) {
    return "drop " + std::string(kind_name(change.function.kind)) + " " + display(change.object());
}

}  // namespace reconcile::engine::render_detail
