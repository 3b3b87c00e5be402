// Function files: one function or procedure each. Its body is inline
// ("body") or in a .sql file beside the manifest ("body_file"), so that a
// reviewer sees a long body's change as an ordinary diff of SQL.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "desired-state/loader.hpp"
#include "desired-state/vocabulary.hpp"

namespace reconcile::desired_state::detail {

namespace fs = std::filesystem;

namespace {

std::optional<catalog::Argument> read_argument(const Json& value, const std::string& pointer, Problems& problems) {
    ObjectReader reader(value, pointer, problems, {"name", "type", "mode", "default"});
    if (!reader.valid()) return std::nullopt;
    catalog::Argument argument;
    if (auto name = reader.string("name")) {
        if (!check_identifier(*name, reader.pointer("name"), problems, "argument")) return std::nullopt;
        argument.name = *name;
    }
    auto type = reader.string("type", Need::required);
    if (!type) return std::nullopt;
    if (type->find_first_not_of(" \t\r\n") == std::string::npos) {
        problems.error(reader.pointer("type"), "empty type");
        return std::nullopt;
    }
    argument.type = *type;
    if (auto mode = read_word(reader, "mode", argument_modes, "argument mode")) argument.mode = *mode;
    argument.default_expr = reader.string("default");
    if (argument.default_expr && argument.mode == catalog::ArgumentMode::out) {
        problems.error(reader.pointer("default"), "an OUT argument cannot have a default");
    }
    return argument;
}

void read_arguments(const ObjectReader& reader, catalog::Function& function) {
    const Json* arguments = reader.array("arguments");
    if (!arguments) return;
    std::map<std::string, std::string> names;  // name -> pointer
    bool defaults = false;
    for (std::size_t i = 0; i < arguments->size(); ++i) {
        auto pointer = pointer_join(reader.pointer("arguments"), i);
        auto argument = read_argument((*arguments)[i], pointer, reader.problems());
        if (!argument) continue;
        if (!argument->name.empty()) {
            if (auto [it, inserted] = names.emplace(argument->name, pointer); !inserted) {
                reader.problems().error(pointer_join(pointer, "name"),
                                        "argument \"" + argument->name + "\" is already declared at " + it->second);
            }
        }
        // PostgreSQL's rule: once an input argument has a default, every
        // input argument after it needs one.
        if (argument->mode != catalog::ArgumentMode::out) {
            if (argument->default_expr) {
                defaults = true;
            } else if (defaults) {
                reader.problems().error(pointer, "an input argument after one with a default needs a default too");
            }
        }
        function.arguments.push_back(std::move(*argument));
    }
}

// Settings are "name": "value"; names as PostgreSQL spells a setting
// (letters, digits, "_", and one "." for an extension's settings).
void read_settings(const ObjectReader& reader, catalog::Function& function) {
    const Json* settings = reader.object("set");
    if (!settings) return;
    for (const auto& [name, value] : settings->items()) {
        auto pointer = pointer_join(reader.pointer("set"), name);
        bool valid = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) && name.front() != '.' &&
                     name.back() != '.' && std::count(name.begin(), name.end(), '.') <= 1 &&
                     std::all_of(name.begin(), name.end(), [](char c) {
                         return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
                     });
        if (!valid) {
            reader.problems().error(pointer, "\"" + name + "\" is not a setting name");
            continue;
        }
        if (!value.is_string()) {
            reader.problems().error(pointer, "expected a string, got " + describe_type(value));
            continue;
        }
        std::string lowered = name;
        std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        function.config.push_back(lowered + "=" + value.get<std::string>());
    }
}

std::optional<double> read_estimate(const ObjectReader& reader, std::string_view key) {
    const Json* value = reader.value(key);
    if (!value) return std::nullopt;
    if (!value->is_number() || value->get<double>() <= 0) {
        reader.problems().error(reader.pointer(key), "expected a positive number, got " + value->dump());
        return std::nullopt;
    }
    return value->get<double>();
}

bool valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        auto byte = static_cast<unsigned char>(text[i]);
        std::size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : (byte >> 3) == 0x1E ? 4 : 0;
        if (length == 0 || i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
        }
        i += length;
    }
    return true;
}

// The body file named at `pointer`, relative to the manifest's directory.
// It must stay inside the manifest directory (no "..", no absolute path, no
// link leading out): a manifest must not make plan read /etc/passwd into
// a function body.
std::optional<std::string> read_body_file(const std::string& written, const std::string& pointer,
                                          const FileContext& context, Problems& problems) {
    const fs::path relative(written);
    if (written.empty() || relative.is_absolute() || relative.has_root_name() || relative.has_root_directory()) {
        problems.error(pointer, "\"" + written + "\" must be a path relative to this manifest's directory");
        return std::nullopt;
    }
    for (const auto& part : relative) {
        if (part == "..") {
            problems.error(pointer, "\"" + written + "\" must not leave the manifest directory (no \"..\")");
            return std::nullopt;
        }
    }
    if (relative.extension() != ".sql") {
        problems.error(pointer, "\"" + written + "\": a body file's name ends in .sql");
        return std::nullopt;
    }
    const fs::path path = context.manifest.parent_path() / relative;
    std::error_code error;
    const fs::path root = fs::weakly_canonical(context.root, error);
    const fs::path resolved = fs::weakly_canonical(path, error);
    auto inside = std::mismatch(root.begin(), root.end(), resolved.begin(), resolved.end()).first == root.end();
    if (error || !inside) {
        problems.error(pointer, "\"" + written + "\" leads outside the manifest directory");
        return std::nullopt;
    }
    if (!fs::is_regular_file(resolved, error)) {
        problems.error(pointer, "\"" + written + "\" is not a file (looked for " + path.generic_string() + ")");
        return std::nullopt;
    }
    std::ifstream in(resolved, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) {
        problems.error(pointer, "cannot read \"" + written + "\"");
        return std::nullopt;
    }
    std::string body = text.str();
    if (body.find('\0') != std::string::npos || !valid_utf8(body)) {
        problems.error(pointer, "\"" + written + "\" is not UTF-8 text");
        return std::nullopt;
    }
    return body;
}

// SQL-standard bodies (PostgreSQL 14+) are SQL, not a string: BEGIN ATOMIC
// ... END or RETURN expression. A body in a string cannot start that way.
bool is_sql_standard_body(const std::string& language, std::string_view body) {
    if (language != "sql") return false;
    // The first two words, upper-cased, one space between them.
    std::string words;
    for (char c : body) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            if (!words.empty() && words.back() != ' ') words += ' ';
        } else {
            words += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        if (words.size() > 13) break;
    }
    return words.starts_with("RETURN ") || words.starts_with("BEGIN ATOMIC ") || words == "BEGIN ATOMIC";
}

}  // namespace

bool is_function_file(const Json& document) {
    return document.is_object() && (document.contains("function") || document.contains("procedure"));
}

std::optional<FunctionDeclaration> read_function_file(const Json& document, Problems& problems,
                                                      const FileContext& context) {
    ObjectReader reader(document, "", problems,
                        {"$schema", "schema", "function", "procedure", "arguments", "returns", "language", "body",
                         "body_file", "volatility", "strict", "security_definer", "leakproof", "parallel", "cost",
                         "rows", "set", "comment", "owner", "owner_privileges", "grants", "renamed_from"});
    if (!reader.valid()) return std::nullopt;
    reader.string("$schema");
    catalog::Function function;
    const bool procedure = reader.has("procedure");
    if (procedure && reader.has("function")) {
        problems.error("", "a function file declares either a \"function\" or a \"procedure\", not both");
        return std::nullopt;
    }
    const std::string key = procedure ? "procedure" : "function";
    function.kind = procedure ? catalog::ObjectKind::procedure : catalog::ObjectKind::function;
    auto name = reader.string(key, Need::required);
    auto schema = reader.string("schema").value_or("public");
    bool named = name && check_identifier(*name, reader.pointer(key), problems, key);
    if (!check_identifier(schema, reader.pointer("schema"), problems, "schema") || !named) return std::nullopt;
    function.name = {std::move(schema), std::move(*name)};
    read_arguments(reader, function);
    function.returns = reader.string("returns");
    if (procedure && function.returns) {
        problems.error(reader.pointer("returns"), "a procedure returns nothing; use INOUT or OUT arguments");
    } else if (!procedure && !function.returns) {
        reader.value("returns", Need::required);
    }
    if (auto language = reader.string("language", Need::required)) {
        function.language = *language;
        std::transform(function.language.begin(), function.language.end(), function.language.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (function.language == "c" || function.language == "internal") {
            problems.error(reader.pointer("language"),
                           "functions in " + function.language + " are not managed (their body is a library symbol)");
        }
    }
    auto body = reader.string("body");
    auto body_file = reader.string("body_file");
    if (body && body_file) {
        problems.error(reader.pointer("body_file"), "give the body inline (\"body\") or in a file (\"body_file\"), not both");
    } else if (body_file) {
        body = read_body_file(*body_file, reader.pointer("body_file"), context, problems);
    } else if (!body) {
        problems.error("", "missing \"body\" (the function's code) or \"body_file\" (a .sql file holding it)");
    }
    if (body) {
        function.body = std::move(*body);
        function.sql_standard_body = is_sql_standard_body(function.language, function.body);
    }
    if (auto volatility = read_word(reader, "volatility", volatilities, "volatility")) function.volatility = *volatility;
    function.strict = reader.boolean("strict").value_or(false);
    function.security_definer = reader.boolean("security_definer").value_or(false);
    function.leakproof = reader.boolean("leakproof").value_or(false);
    if (auto parallel = read_word(reader, "parallel", parallel_safeties, "parallel safety")) function.parallel = *parallel;
    function.cost = read_estimate(reader, "cost");
    function.rows = read_estimate(reader, "rows");
    read_settings(reader, function);
    function.comment = reader.string("comment");
    if (procedure) {
        for (std::string_view attribute : {"volatility", "strict", "leakproof", "parallel", "cost", "rows"}) {
            if (reader.has(attribute)) {
                problems.error(reader.pointer(attribute), "a procedure has no " + std::string(attribute));
            }
        }
    }
    FunctionDeclaration out{std::move(function), {}, {}};
    read_owner(reader, out.function.id(), out.declared);
    read_grants(reader, "grants", out.function.id(), out.declared);
    // ALTER FUNCTION ... RENAME TO, or SET SCHEMA from another claimed
    // schema ("schema.name"); a rename keeps the argument types.
    if (auto rename = read_renamed_from(reader, out.function.id(), OtherSchema::allowed)) {
        out.renames.push_back(std::move(*rename));
    }
    return out;
}

void add_function(FunctionDeclaration declaration, Problems& problems, Draft& draft) {
    auto id = declaration.function.id();
    const std::string pointer = pointer_join("", declaration.function.kind == catalog::ObjectKind::procedure
                                                     ? "procedure"
                                                     : "function");
    if (auto previous = draft.sources.find(id); previous != draft.sources.end()) {
        problems.error(pointer, std::string(catalog::kind_name(id.kind)) + " " + catalog::display(id) +
                                    " is declared twice: in " + previous->second.file + " and in " + problems.file());
        return;
    }
    draft.sources.emplace(std::move(id), problems.at(pointer));
    draft.model.functions.push_back(std::move(declaration.function));
    draft.declared.append(std::move(declaration.declared));
    for (auto& rename : declaration.renames) draft.model.renames.push_back(std::move(rename));
}

}  // namespace reconcile::desired_state::detail
