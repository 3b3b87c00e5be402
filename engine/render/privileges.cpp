// GRANT, REVOKE, ALTER ... OWNER TO and ALTER DEFAULT PRIVILEGES, for every
// kind with an ACL. How GRANT and ALTER ... OWNER name an object of each
// kind is one line in the tables below: a kind that gains privileges (view,
// function, type, database) adds its line here and nothing else in render/.
#include <stdexcept>

#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

namespace {

std::string qualified_of(const ObjectId& id) {
    return sql::qualified(id.qualified());
}

std::string routine_of(const ObjectId& id) {
    // Argument types are format_type() text: valid SQL as they are.
    return qualified_of(id) + "(" + join(id.arguments, ", ") + ")";
}

struct Target {
    ObjectKind kind;
    const char* grant_keyword;  // GRANT ... ON <keyword> <name>
    const char* owner_keyword;  // ALTER <keyword> <name> OWNER TO; nullptr: no such statement
    std::string (*name)(const ObjectId&);
    // ALTER ... OWNER TO's spelling of the name, where it is not GRANT's.
    std::string (*owner_name)(const ObjectId&) = nullptr;
};

constexpr Target targets[] = {
    {ObjectKind::schema, "SCHEMA", "SCHEMA", [](const ObjectId& id) { return sql::ident(id.name); }},
    {ObjectKind::table, "TABLE", "TABLE", qualified_of},
    // A column's privileges are granted on its table, the column in the list.
    {ObjectKind::column, "TABLE", nullptr, qualified_of},
    {ObjectKind::sequence, "SEQUENCE", "SEQUENCE", qualified_of},
    {ObjectKind::view, "TABLE", "VIEW", qualified_of},
    {ObjectKind::materialized_view, "TABLE", "MATERIALIZED VIEW", qualified_of},
    {ObjectKind::enum_type, "TYPE", "TYPE", qualified_of},
    {ObjectKind::domain, "DOMAIN", "DOMAIN", qualified_of},
    {ObjectKind::composite_type, "TYPE", "TYPE", qualified_of},
    {ObjectKind::range_type, "TYPE", "TYPE", qualified_of},
    {ObjectKind::function, "FUNCTION", "FUNCTION", routine_of},
    {ObjectKind::procedure, "PROCEDURE", "PROCEDURE", routine_of},
    // GRANT names an aggregate as a FUNCTION, over no argument `cnt()`; ALTER
    // as an AGGREGATE, which writes that `cnt(*)` (`cnt()` is a syntax error).
    {ObjectKind::aggregate, "FUNCTION", "AGGREGATE", routine_of, routine_signature},
    {ObjectKind::database, "DATABASE", "DATABASE", [](const ObjectId& id) { return sql::ident(id.name); }},
};

const Target& target_of(const ObjectId& id) {
    for (const auto& target : targets) {
        if (target.kind == id.kind) return target;
    }
    throw std::logic_error("privileges on a " + std::string(kind_name(id.kind)) + " are not rendered yet");
}

std::string grantee_sql(const std::string& grantee) {
    return grantee == catalog::public_grantee ? "PUBLIC" : sql::ident(grantee);
}

std::string grantee_text(const std::string& grantee) {
    return grantee == catalog::public_grantee ? "PUBLIC" : grantee;
}

// Privilege names come from a fixed vocabulary (checked when the manifest
// is read; the catalog prints them; "ALL" from the owner's diff), so they
// are written as they are.
std::string privilege_list(const ObjectId& target, const std::vector<std::string>& privileges) {
    if (target.kind != ObjectKind::column) return join(privileges, ", ");
    std::vector<std::string> parts;
    for (const auto& privilege : privileges) parts.push_back(privilege + " (" + sql::ident(target.member) + ")");
    return join(parts, ", ");
}

std::string on_clause(const ObjectId& target) {
    const Target& t = target_of(target);
    return std::string(" ON ") + t.grant_keyword + " " + t.name(target);
}

std::string objects_keyword(DefaultObjects objects) {
    switch (objects) {
        case DefaultObjects::tables:
            return "TABLES";
        case DefaultObjects::sequences:
            return "SEQUENCES";
        case DefaultObjects::functions:
            return "FUNCTIONS";
        case DefaultObjects::types:
            return "TYPES";
        case DefaultObjects::schemas:
            return "SCHEMAS";
    }
    return "TABLES";
}

std::string default_prefix(const DefaultPrivilegesTarget& target) {
    std::string out = "ALTER DEFAULT PRIVILEGES FOR ROLE " + sql::ident(target.role);
    if (!target.schema.empty()) out += " IN SCHEMA " + sql::ident(target.schema);
    return out;
}

std::string default_where(const DefaultPrivilegesTarget& target) {
    std::string out = "on " + objects_keyword(target.objects) + " created by " + target.role;
    out += target.schema.empty() ? " (any schema)" : " in schema " + target.schema;
    return out;
}

std::string object_text(const ObjectId& id) {
    return std::string(kind_name(id.kind)) + " " + display(id);
}

}  // namespace

Statements sql_of(const GrantPrivileges& change) {
    return {"GRANT " + privilege_list(change.target, change.privileges) + on_clause(change.target) + " TO " +
            grantee_sql(change.grantee) + (change.grant_option ? " WITH GRANT OPTION" : "")};
}

Statements sql_of(const RevokePrivileges& change) {
    return {std::string("REVOKE ") + (change.what == RevokeWhat::grant_option ? "GRANT OPTION FOR " : "") +
            privilege_list(change.target, change.privileges) + on_clause(change.target) + " FROM " +
            grantee_sql(change.grantee)};
}

Statements sql_of(const SetOwner& change) {
    const Target& t = target_of(change.target);
    if (!t.owner_keyword) throw std::logic_error("a " + std::string(kind_name(change.target.kind)) + " has no owner");
    return {std::string("ALTER ") + t.owner_keyword + " " + (t.owner_name ? t.owner_name : t.name)(change.target) +
            " OWNER TO " + sql::ident(change.owner)};
}

Statements sql_of(const GrantDefaultPrivileges& change) {
    return {default_prefix(change.target) + " GRANT " + join(change.privileges, ", ") + " ON " +
            objects_keyword(change.target.objects) + " TO " + grantee_sql(change.target.grantee) +
            (change.grant_option ? " WITH GRANT OPTION" : "")};
}

Statements sql_of(const RevokeDefaultPrivileges& change) {
    return {default_prefix(change.target) + " REVOKE " +
            (change.what == RevokeWhat::grant_option ? "GRANT OPTION FOR " : "") + join(change.privileges, ", ") +
            " ON " + objects_keyword(change.target.objects) + " FROM " + grantee_sql(change.target.grantee)};
}

std::string description_of(const GrantPrivileges& change) {
    const bool owner = change.holder == Holder::owner;
    return "grant " + join(change.privileges, ", ") + (change.grant_option ? " with grant option" : "") + " on " +
           object_text(change.target) + " to " + (owner ? "its owner " : "") + grantee_text(change.grantee);
}

std::string description_of(const RevokePrivileges& change) {
    const bool owner = change.holder == Holder::owner;
    return std::string("revoke ") + (change.what == RevokeWhat::grant_option ? "grant option for " : "") +
           join(change.privileges, ", ") + " on " + object_text(change.target) + " from " +
           (owner ? "its owner " : "") + grantee_text(change.grantee) +
           (owner ? " (not in its \"owner_privileges\")" : " (not in the manifests)");
}

std::string description_of(const SetOwner& change) {
    return "set owner of " + object_text(change.target) + " to " + change.owner;
}

std::string description_of(const GrantDefaultPrivileges& change) {
    return "grant " + join(change.privileges, ", ") + (change.grant_option ? " with grant option" : "") +
           " by default " + default_where(change.target) + " to " + grantee_text(change.target.grantee);
}

std::string description_of(const RevokeDefaultPrivileges& change) {
    const auto& target = change.target;
    // PUBLIC's built-in EXECUTE or USAGE: the manifest says "public": [].
    const char* built_in = catalog::public_default(target.objects);
    bool stated = target.schema.empty() && target.grantee == catalog::public_grantee && built_in &&
                  change.privileges == std::vector<std::string>{built_in};
    return std::string("revoke default ") + (change.what == RevokeWhat::grant_option ? "grant option for " : "") +
           join(change.privileges, ", ") + " " + default_where(target) + " from " + grantee_text(target.grantee) +
           (stated ? " (PostgreSQL's built-in default)" : " (not in the manifests)");
}

}  // namespace reconcile::engine::render_detail
