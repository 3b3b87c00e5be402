// Roles and memberships. A password never appears in SQL a plan shows: the
// statement that sets one from the environment is written with a psql
// variable named after the environment variable (PASSWORD :'VAR'), and the
// executor builds the real statement at apply time (engine/apply/secrets.hpp).
#include "engine/render/detail.hpp"
#include "engine/render/roles_detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

namespace {

// Every attribute, as CREATE ROLE and ALTER ROLE spell them.
std::vector<std::string> attribute_clauses(const Role& role, const Role* from) {
    std::vector<std::string> out;
    auto flag = [&](bool Role::*member, const char* yes, const char* no) {
        if (!from || (*from).*member != role.*member) out.emplace_back(role.*member ? yes : no);
    };
    flag(&Role::login, "LOGIN", "NOLOGIN");
    flag(&Role::superuser, "SUPERUSER", "NOSUPERUSER");
    flag(&Role::createdb, "CREATEDB", "NOCREATEDB");
    flag(&Role::createrole, "CREATEROLE", "NOCREATEROLE");
    flag(&Role::inherit, "INHERIT", "NOINHERIT");
    flag(&Role::replication, "REPLICATION", "NOREPLICATION");
    flag(&Role::bypassrls, "BYPASSRLS", "NOBYPASSRLS");
    if (!from || from->connection_limit != role.connection_limit) {
        out.push_back("CONNECTION LIMIT " + std::to_string(role.connection_limit));
    }
    if (!from || from->valid_until != role.valid_until) {
        // No VALID UNTIL at all means "for ever"; 'infinity' says so explicitly.
        if (role.valid_until || from)
            out.push_back("VALID UNTIL " + sql::literal(role.valid_until.value_or("infinity")));
    }
    return out;
}

std::string flags_text(const std::vector<std::string>& clauses) {
    std::string out;
    for (const auto& clause : clauses) out += (out.empty() ? "" : " ") + clause;
    return out;
}

}  // namespace

std::string password_statement(const std::string& role, const PasswordSource& source) {
    if (source.scram) return "ALTER ROLE " + sql::ident(role) + " PASSWORD " + sql::literal(*source.scram);
    // The variable name passed the manifest check (letters, digits, _), so
    // it is safe as a psql variable reference.
    return "ALTER ROLE " + sql::ident(role) + " PASSWORD :'" + source.env.value_or("") + "'";
}

std::string rotation_statement(const std::string& role, const std::optional<std::string>& rotation) {
    if (!rotation) return "ALTER ROLE " + sql::ident(role) + " RESET " + std::string(rotation_setting);
    return "ALTER ROLE " + sql::ident(role) + " SET " + std::string(rotation_setting) + " = " + sql::literal(*rotation);
}

std::string password_origin(const PasswordSource& source) {
    return source.env ? "$" + *source.env : std::string("the manifest's SCRAM verifier");
}

Statements sql_of(const CreateRole& change) {
    const Role& role = change.role;
    Statements out{"CREATE ROLE " + sql::ident(role.name) + " WITH " + flags_text(attribute_clauses(role, nullptr))};
    if (role.password) {
        out.push_back(password_statement(role.name, *role.password));
        if (role.password->rotation) out.push_back(rotation_statement(role.name, role.password->rotation));
    }
    return out;
}

Statements sql_of(const AlterRole& change) {
    return {"ALTER ROLE " + sql::ident(change.to.name) + " WITH " +
            flags_text(attribute_clauses(change.to, &change.from))};
}

Statements sql_of(const SetPassword& change) {
    return {password_statement(change.role, change.source), rotation_statement(change.role, change.source.rotation)};
}

// REASSIGN OWNED and DROP OWNED act on the current database only; a role
// that still owns objects or holds privileges elsewhere in the cluster makes
// DROP ROLE fail, and the transaction rolls back.
Statements sql_of(const DropRole& change) {
    const auto name = sql::ident(change.role.name);
    return {"REASSIGN OWNED BY " + name + " TO CURRENT_USER", "DROP OWNED BY " + name, "DROP ROLE " + name};
}

namespace {

std::string membership_options(const Membership& membership) {
    std::vector<std::string> options;
    if (membership.admin) options.emplace_back("ADMIN OPTION");
    // PostgreSQL 16+ only; the plan refuses them on older servers.
    if (membership.inherit) options.emplace_back(*membership.inherit ? "INHERIT TRUE" : "INHERIT FALSE");
    if (membership.set) options.emplace_back(*membership.set ? "SET TRUE" : "SET FALSE");
    if (options.empty()) return "";
    return " WITH " + join(options, ", ");
}

std::string membership_text(const Membership& membership) {
    return membership.role + " to " + membership.member;
}

}  // namespace

Statements sql_of(const GrantMembership& change) {
    const auto& m = change.membership;
    return {"GRANT " + sql::ident(m.role) + " TO " + sql::ident(m.member) + membership_options(m)};
}

Statements sql_of(const RevokeMembership& change) {
    const auto& m = change.membership;
    return {"REVOKE " + sql::ident(m.role) + " FROM " + sql::ident(m.member)};
}

Statements sql_of(const AlterMembership& change) {
    const auto& from = change.from;
    const auto& to = change.to;
    Statements out;
    if (from.admin && !to.admin) {
        out.push_back("REVOKE ADMIN OPTION FOR " + sql::ident(to.role) + " FROM " + sql::ident(to.member));
    }
    Membership grant = to;
    grant.admin = to.admin && !from.admin;
    if (grant.inherit == from.inherit) grant.inherit.reset();
    if (grant.set == from.set) grant.set.reset();
    if (grant.admin || grant.inherit || grant.set) {
        out.push_back("GRANT " + sql::ident(to.role) + " TO " + sql::ident(to.member) + membership_options(grant));
    }
    return out;
}

std::string description_of(const CreateRole& change) {
    std::string out = "create role " + change.role.name;
    if (change.role.password) out += " (password from " + password_origin(*change.role.password) + ")";
    return out;
}

std::string description_of(const AlterRole& change) {
    return "alter role " + change.to.name + ": " + flags_text(attribute_clauses(change.to, &change.from));
}

std::string description_of(const SetPassword& change) {
    return "set password of role " + change.role + " from " + password_origin(change.source);
}

std::string description_of(const DropRole& change) {
    return "drop role " + change.role.name + " (reassign and drop what it owns in this database)";
}

std::string description_of(const GrantMembership& change) {
    return "grant membership of " + membership_text(change.membership) +
           (change.membership.admin ? " with admin option" : "");
}

std::string description_of(const RevokeMembership& change) {
    return "revoke membership of " + membership_text(change.membership);
}

std::string description_of(const AlterMembership& change) {
    return "change options of membership of " + membership_text(change.to);
}

}  // namespace reconcile::engine::render_detail
