#include "engine/canonicalize/functions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <variant>

#include "catalog/introspect/introspector.hpp"
#include "catalog/model/identifier.hpp"
#include "catalog/model/type_text.hpp"
#include "engine/canonicalize/canonicalizer.hpp"
#include "engine/canonicalize/scratch_names.hpp"
#include "engine/canonicalize/scratch_references.hpp"
#include "engine/canonicalize/scratch_session.hpp"
#include "engine/canonicalize/type_order.hpp"
#include "engine/render/render.hpp"

namespace reconcile::engine {

namespace {

using catalog::Function;
using catalog::Model;

// Scratch copies are named by their position in the list sent, so each
// maps back to its desired function whatever identity the server gives it.
constexpr std::string_view scratch_prefix = "reconcile_function_";

template <class T>
T without_comment(T object) {
    object.comment.reset();
    return object;
}

// True when the desired function, as written, is a live one: an export,
// or a manifest that was applied. Nothing to ask the server then.
bool already_canonical(const Function& want, const Model& live) {
    const Function* have = live.find_function(want.id());
    return have && without_comment(*have) == without_comment(want);
}

class ScratchTypes {
public:
    ScratchTypes(const Model& want, const Model& live, const ScratchNames& names)
        : want_(want), live_(live), names_(names) {}

    // A qualified type that names a declared enum, domain, composite or
    // range type, or a declared table or view that does not exist yet,
    // means its scratch copy (for a relation, a stand-in of that name).
    std::string rewrite(const std::string& type) {
        if (auto table = rewrite_table_result(type)) return *table;
        std::string_view text = type;
        std::string prefix;
        if (text.starts_with("SETOF ") || text.starts_with("setof ")) {
            prefix = std::string(text.substr(0, 6));
            text.remove_prefix(6);
        }
        auto named = catalog::named_type(text);
        if (!named) return type;
        bool table = (want_.find_table(*named) && !live_.find_table(*named)) ||
                     (want_.find_view(*named) && !live_.find_view(*named));
        bool declared_type = want_.find_enum(*named) || want_.find_domain(*named) ||
                             want_.find_composite_type(*named) || want_.find_range_type(*named);
        if (!declared_type && !table) return type;
        if (table) tables_.insert(*named);
        std::string arrays;
        for (int dims = catalog::split_array_bounds(text).second; dims > 0; --dims) arrays += "[]";
        return prefix + catalog::quote_identifier(names_.scratch_of(named->schema)) + "." +
               catalog::quote_identifier(named->name) + arrays;
    }

    // RETURNS TABLE (name type, ...): each column's type may be declared
    // too (an enum of a new schema), so each is rewritten like an argument's.
    // Column names may be quoted; types may hold commas (numeric(10,2)).
    std::optional<std::string> rewrite_table_result(const std::string& type) {
        std::size_t open = 0;
        if (type.size() < 6 || (type.compare(0, 5, "TABLE") != 0 && type.compare(0, 5, "table") != 0)) {
            return std::nullopt;
        }
        open = type.find_first_not_of(' ', 5);
        if (open == std::string::npos || type[open] != '(' || type.back() != ')') return std::nullopt;
        std::vector<std::string> columns;
        std::string current;
        int depth = 0;
        bool quoted = false;
        for (std::size_t i = open + 1; i + 1 < type.size(); ++i) {
            char c = type[i];
            if (c == '"') quoted = !quoted;
            if (!quoted && c == '(') ++depth;
            if (!quoted && c == ')') --depth;
            if (!quoted && depth == 0 && c == ',') {
                columns.push_back(current);
                current.clear();
                continue;
            }
            current += c;
        }
        columns.push_back(current);
        std::string out = type.substr(0, open + 1);
        for (std::size_t n = 0; n < columns.size(); ++n) {
            std::string column = columns[n];
            std::size_t start = column.find_first_not_of(' ');
            if (start == std::string::npos) return std::nullopt;
            std::size_t end = start;
            if (column[start] == '"') {
                end = start + 1;
                while (end < column.size()) {
                    if (column[end] == '"' && (end + 1 >= column.size() || column[end + 1] != '"')) break;
                    end += column[end] == '"' ? 2 : 1;
                }
                ++end;
            } else {
                end = column.find(' ', start);
            }
            if (end == std::string::npos || end >= column.size()) return std::nullopt;
            std::size_t type_start = column.find_first_not_of(' ', end);
            if (type_start == std::string::npos) return std::nullopt;
            out += (n ? ", " : "") + column.substr(start, end - start) + " " + rewrite(column.substr(type_start));
        }
        return out + ")";
    }

    // Tables and views whose row type a rewritten type names: created in
    // scratch as tables without columns, as only their name matters to a
    // signature.
    const std::set<catalog::QualifiedName>& tables() const { return tables_; }

private:
    const Model& want_;
    const Model& live_;
    const ScratchNames& names_;
    std::set<catalog::QualifiedName> tables_;
};

Function scratch_copy(const Function& function, std::size_t position, ScratchTypes& types,
                      const ScratchReferences& references, const ScratchNames& names) {
    Function copy = without_comment(function);
    copy.name = {names.scratch_of(function.name.schema), std::string(scratch_prefix) + std::to_string(position)};
    for (auto& argument : copy.arguments) {
        argument.type = types.rewrite(argument.type);
        if (argument.default_expr) argument.default_expr = references.rewrite(*argument.default_expr);
    }
    if (copy.returns) copy.returns = types.rewrite(*copy.returns);
    if (copy.sql_standard_body) copy.body = references.rewrite(copy.body);
    return copy;
}

void map_back(Function& canonical, const Function& written, const ScratchNames& names,
              const std::vector<std::string>& quoted) {
    auto real = [&](std::string& text) { text = names.to_real(text, quoted); };
    canonical.name = written.name;
    for (auto& argument : canonical.arguments) {
        real(argument.type);
        if (argument.default_expr) real(*argument.default_expr);
    }
    if (canonical.returns) real(*canonical.returns);
    if (canonical.sql_standard_body) real(canonical.body);
    canonical.comment = written.comment;
}

// A function's grants, owner and renamed_from are keyed by its identity as
// the manifest wrote it ("int"); once the server has spelled its argument
// types ("integer"), they follow. Its earlier names take the same types.
void follow_identities(Model& want, const std::map<ObjectId, ObjectId>& respelled) {
    if (respelled.empty()) return;
    auto follow = [&](ObjectId& id) {
        if (auto found = respelled.find(id); found != respelled.end()) id = found->second;
    };
    for (auto& grant : want.grants) follow(grant.object);
    for (auto& owner : want.owners) follow(owner.object);
    for (auto& held : want.owner_privileges) follow(held.object);
    for (auto& id : want.public_stated) follow(id);
    for (auto& rename : want.renames) {
        auto found = respelled.find(rename.to);
        if (found == respelled.end()) continue;
        rename.to = found->second;
        for (auto& old : rename.from) old.arguments = rename.to.arguments;
    }
    want.normalize();
}

[[noreturn]] void rejected(const Function& function, const catalog::QueryError& error) {
    auto id = function.id();
    auto message = fmt::format("{} {}: the server rejects the desired definition: {}", catalog::kind_name(id.kind),
                               catalog::display(id), error.what());
    throw CanonicalizeError(std::move(id), message);
}

void check_distinct(const std::vector<Function>& functions) {
    for (std::size_t i = 1; i < functions.size(); ++i) {
        if (functions[i - 1].id() == functions[i].id()) {
            auto id = functions[i].id();
            throw CanonicalizeError(id, fmt::format("{} {} is declared twice (its argument types are the same types "
                                                    "spelled differently); declare each function once",
                                                    catalog::kind_name(id.kind), catalog::display(id)));
        }
    }
}

}  // namespace

std::vector<Function> scratch_functions_called(const Model& want, const std::vector<std::string>& texts,
                                               const ScratchNames& names, const ScratchReferences& references) {
    std::vector<Function> out;
    for (const auto& function : want.functions) {
        const std::string call = function.name.name + "(";
        bool called = std::any_of(texts.begin(), texts.end(),
                                  [&](const std::string& text) { return text.find(call) != std::string::npos; });
        if (!called) continue;
        Function copy = without_comment(function);
        copy.name.schema = names.scratch_of(function.name.schema);
        for (auto& argument : copy.arguments) {
            argument.type = references.rewrite(argument.type);
            if (argument.default_expr) argument.default_expr = references.rewrite(*argument.default_expr);
        }
        if (copy.returns) copy.returns = references.rewrite(*copy.returns);
        if (copy.sql_standard_body) copy.body = references.rewrite(copy.body);
        out.push_back(std::move(copy));
    }
    return out;
}

void canonicalize_functions(Model& want, const Model& live, catalog::Connection& conn) {
    std::vector<std::size_t> to_server;
    for (std::size_t i = 0; i < want.functions.size(); ++i) {
        if (!already_canonical(want.functions[i], live)) to_server.push_back(i);
    }
    if (to_server.empty()) return;

    std::vector<std::string> real;
    for (const auto& schema : want.schemas) real.push_back(schema.name);
    ScratchNames names(real);
    // A SQL-standard body is parsed and checked at creation: the tables it
    // reads must exist, so new ones get scratch copies (columns only).
    std::set<catalog::QualifiedName> new_tables;
    bool standard_bodies = std::any_of(to_server.begin(), to_server.end(),
                                       [&](std::size_t i) { return want.functions[i].sql_standard_body; });
    if (standard_bodies) {
        for (const auto& table : want.tables) {
            if (!live.find_table(table.name)) new_tables.insert(table.name);
        }
    }
    ScratchReferences references(want, names, new_tables);
    ScratchTypes types(want, live, names);

    // Bodies in languages other than SQL-standard are not parsed (a body
    // may use tables this plan has yet to create); unqualified names
    // resolve to the desired objects first, as for tables.
    std::vector<std::string> setup = scratch_settings(names.scratch_schemas(), real);
    std::vector<Function> copies;
    for (std::size_t n = 0; n < to_server.size(); ++n) {
        copies.push_back(scratch_copy(want.functions[to_server[n]], n, types, references, names));
    }
    for (const auto& scratch : names.scratch_schemas()) {
        for (auto& sql : render_sql(CreateSchema{{scratch, std::nullopt}})) setup.push_back(std::move(sql));
    }
    // A signature may name an extension's type (citext, isbn).
    for (auto& statement : new_extensions_sql(want, live)) setup.push_back(std::move(statement.second));
    for (auto type : want.enums) {
        type.name.schema = names.scratch_of(type.name.schema);
        type.comment.reset();
        for (auto& sql : render_sql(CreateEnum{type})) setup.push_back(std::move(sql));
    }
    // The other declared types a signature may name, after the enums they
    // may stand on, each after the declared types it stands on
    // (type_order.hpp). A signature needs only their names: domains go
    // without defaults and checks (which may call functions not created
    // yet), ranges without their functions.
    auto add_domain = [&](catalog::Domain domain) {
        domain.name.schema = names.scratch_of(domain.name.schema);
        domain.base_type = types.rewrite(domain.base_type);
        domain.default_expr.reset();
        domain.checks.clear();
        domain.comment.reset();
        for (auto& sql : render_sql(CreateDomain{domain})) setup.push_back(std::move(sql));
    };
    auto add_range = [&](catalog::RangeType type) {
        type.name.schema = names.scratch_of(type.name.schema);
        type.subtype = types.rewrite(type.subtype);
        type.canonical.reset();
        type.subtype_diff.reset();
        type.comment.reset();
        for (auto& sql : render_sql(CreateRangeType{type})) setup.push_back(std::move(sql));
    };
    auto add_composite = [&](catalog::CompositeType type) {
        type.name.schema = names.scratch_of(type.name.schema);
        for (auto& attribute : type.attributes) attribute.type = types.rewrite(attribute.type);
        type.comment.reset();
        for (auto& sql : render_sql(CreateCompositeType{type})) setup.push_back(std::move(sql));
    };
    for (const auto& declared : canonicalize_detail::declared_types_in_order(want)) {
        std::visit(overloaded{[&](const catalog::Domain* domain) { add_domain(*domain); },
                              [&](const catalog::RangeType* type) { add_range(*type); },
                              [&](const catalog::CompositeType* type) { add_composite(*type); }},
                   declared);
    }
    for (const auto& name : new_tables) {
        catalog::Table copy;
        copy.name = {names.scratch_of(name.schema), name.name};
        for (const auto& column : want.find_table(name)->columns) {
            catalog::Column plain;
            plain.name = column.name;
            plain.type = types.rewrite(column.type);  // a declared domain or composite type too
            copy.columns.push_back(std::move(plain));
        }
        for (auto& sql : render_sql(CreateTable{copy})) setup.push_back(std::move(sql));
    }
    for (const auto& table : types.tables()) {
        if (new_tables.count(table)) continue;
        catalog::Table empty;
        empty.name = {names.scratch_of(table.schema), table.name};
        for (auto& sql : render_sql(CreateTable{empty})) setup.push_back(std::move(sql));
    }
    // The functions the copies' argument defaults call (f2(v int DEFAULT
    // f1())): the defaults now call them in the scratch schemas, so they
    // are created there under their own names. Found on pgschema's test
    // pairs: two new functions, one calling the other, were rejected.
    std::vector<std::string> defaults;  // as written: the copies' call "scratch"."f1"(
    for (std::size_t i : to_server) {
        for (const auto& argument : want.functions[i].arguments) {
            if (argument.default_expr) defaults.push_back(*argument.default_expr);
        }
    }
    for (auto& called : scratch_functions_called(want, defaults, names, references)) {
        for (auto& sql : render_sql(CreateFunction{std::move(called)})) setup.push_back(std::move(sql));
    }
    std::vector<std::string> batch = setup;
    for (const auto& copy : copies) {
        auto statements = render_sql(CreateFunction{copy});
        batch.insert(batch.end(), statements.begin(), statements.end());
    }

    Model scratch;
    std::vector<std::string> quoted;
    {
        RollbackGuard transaction(conn);
        try {
            // Manifest text travels one statement per send.
            conn.execute_pipelined(batch);
        } catch (const catalog::PipelineError& error) {
            if (error.index < setup.size()) {
                throw CanonicalizeError(std::nullopt,
                                        fmt::format("cannot canonicalize the desired functions: {}", error.what()));
            }
            rejected(want.functions[to_server[error.index - setup.size()]], error);
        }
        conn.execute("SET LOCAL search_path = ''");
        scratch = catalog::read_model(conn, names.scratch_schemas());
        quoted = server_quoted(conn, real);
    }

    std::map<ObjectId, ObjectId> respelled;
    for (auto& canonical : scratch.functions) {
        if (!canonical.name.name.starts_with(scratch_prefix)) continue;
        const std::size_t n = std::stoul(canonical.name.name.substr(scratch_prefix.size()));
        Function& written = want.functions[to_server.at(n)];
        map_back(canonical, written, names, quoted);
        if (canonical.id() != written.id()) respelled.emplace(written.id(), canonical.id());
        written = std::move(canonical);
    }
    follow_identities(want, respelled);
    std::sort(want.functions.begin(), want.functions.end(),
              [](const Function& a, const Function& b) { return a.id() < b.id(); });
    check_distinct(want.functions);
}

}  // namespace reconcile::engine
