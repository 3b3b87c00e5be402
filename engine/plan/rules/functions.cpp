// Functions and procedures. pg_depend does not see into a function's body,
// and PostgreSQL resolves a PL/pgSQL body's queries only when it runs, so
// the order here is conservative: a function comes after the types,
// tables and views its signature names; for a SQL-language body (which
// CREATE FUNCTION parses and checks), after the tables, views and
// functions of this plan it mentions; for a PL/pgSQL body (whose DECLARE
// types the validator resolves), after the views of this plan it mentions;
// and before whatever calls it (an expression that mentions its name
// needs any_overload(name)).
#include "catalog/model/type_text.hpp"
#include "engine/diff/mentions.hpp"
#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

namespace {

// "SETOF public.posts" -> "public.posts"; a TABLE (...) result names its
// column types inside, which are not looked at.
std::optional<std::string> result_type(const std::optional<std::string>& returns) {
    if (!returns) return std::nullopt;
    std::string_view text = catalog::without_setof(*returns);
    if (text.starts_with("TABLE(")) return std::nullopt;
    return std::string(text);
}

// A named type may be an enum or a table's or view's row type; whichever
// this plan creates or drops gets the edge, the other ids match nothing.
void add_type(std::vector<ObjectId>& out, const std::string& type) {
    if (auto named = named_type(type)) {
        out.push_back(catalog::enum_id(*named));
        out.push_back(catalog::table_id(*named));
        out.push_back(catalog::object_id(ObjectKind::view, *named));
        out.push_back(catalog::object_id(ObjectKind::materialized_view, *named));
    }
}

std::vector<ObjectId> signature_types(const Function& function) {
    std::vector<ObjectId> out;
    for (const auto& argument : function.arguments) add_type(out, argument.type);
    if (auto type = result_type(function.returns)) add_type(out, *type);
    return out;
}

// What creating or replacing the function needs. An unchecked body (in a
// cycle of calls, see CreateFunction) needs nothing it mentions.
std::vector<ObjectId> creation_needs(const Function& function, bool unchecked_body, const PlanContext& context) {
    std::vector<ObjectId> out = signature_types(function);
    for (const auto& argument : function.arguments) {
        if (argument.default_expr) {
            for (auto& id : context.functions_called(*argument.default_expr, function.name)) out.push_back(id);
        }
    }
    if (unchecked_body) return out;
    // Only SQL bodies are parsed by CREATE FUNCTION (with the default
    // check_function_bodies); PL/pgSQL's validator resolves only the types
    // of its declarations; other languages resolve names at run time.
    if (function.language == "sql" || function.language == "plpgsql") {
        for (const auto& view : context.created_views) {
            if (expression_mentions(function.body, view.name)) out.push_back(view);
        }
    }
    if (function.language == "sql") {
        for (const auto& table : context.created_tables) {
            if (expression_mentions(function.body, table.name)) out.push_back(catalog::table_id(table));
        }
        for (auto& id : context.functions_called(function.body, function.name)) out.push_back(id);
    }
    return out;
}

}  // namespace

ObjectId any_overload(const QualifiedName& name) {
    ObjectId id = catalog::routine_id(ObjectKind::function, name, {});
    // Not a real function's id: no function has "*" for a member.
    id.member.assign(1, '*');  // not operator=("*"): GCC 12 -O2 warns falsely (-Wrestrict)
    return id;
}

int priority_of(const CreateFunction&) {
    return 3;
}
int priority_of(const ReplaceFunction&) {
    return 3;
}
int priority_of(const DropFunction&) {
    return 14;
}

Dependencies dependencies_of(const CreateFunction& change, const PlanContext& context) {
    return {.creates = {change.object(), any_overload(change.function.name)},
            .needs = creation_needs(change.function, change.unchecked_body, context)};
}

Dependencies dependencies_of(const ReplaceFunction& change, const PlanContext& context) {
    return {.creates = {change.object(), any_overload(change.to.name)},
            .needs = creation_needs(change.to, change.unchecked_body, context)};
}

// Before the tables and types its signature names are dropped, and before
// the functions its argument defaults and a SQL-standard body call: the
// server records those calls (pg_depend), unlike a quoted body's.
Dependencies dependencies_of(const DropFunction& change, const PlanContext& context) {
    const Function& function = change.function;
    Dependencies out{.drops = {change.object(), any_overload(function.name)}, .releases = signature_types(function)};
    for (const auto& argument : function.arguments) {
        if (argument.default_expr) {
            for (auto& id : context.functions_called(*argument.default_expr, function.name)) {
                out.releases.push_back(id);
            }
        }
    }
    if (function.sql_standard_body) {
        for (auto& id : context.functions_called(function.body, function.name)) out.releases.push_back(id);
    }
    return out;
}

std::vector<Hazard> hazards(const CreateFunction&, const HazardContext&) {
    return {};
}
std::vector<Hazard> hazards(const ReplaceFunction&, const HazardContext&) {
    return {};
}
std::vector<Hazard> hazards(const DropFunction&, const HazardContext&) {
    return {};
}

std::optional<std::string> refusal(const CreateFunction&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const ReplaceFunction&, const HazardContext&) {
    return std::nullopt;
}
// Dropping a function loses no data; what still calls it makes the server
// refuse the drop (the feasibility check says so before apply).
std::optional<std::string> refusal(const DropFunction&, const HazardContext&) {
    return std::nullopt;
}

}  // namespace reconcile::engine::plan_detail
