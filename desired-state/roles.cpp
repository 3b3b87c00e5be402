// Role files: {"roles": {...}, "external_roles": [...], "default_privileges": {...},
// "database_grants": {...}}.
// Roles are cluster-wide, so they are declared in files of their own, not
// in a schema; a role may be declared once. See docs/manifest.md, "Roles".
#include <algorithm>
#include <regex>

#include "desired-state/loader.hpp"

namespace reconcile::desired_state::detail {

namespace {

bool is_env_name(const std::string& name) {
    static const std::regex pattern("[A-Za-z_][A-Za-z0-9_]*");
    return std::regex_match(name, pattern);
}

// VALID UNTIL in one spelling, so that it compares with what the
// introspector prints without asking the server: UTC, to the second.
bool is_valid_until(const std::string& text) {
    static const std::regex pattern("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
    return text == "infinity" || std::regex_match(text, pattern);
}

std::optional<catalog::PasswordSource> read_password(const ObjectReader& role) {
    const Json* value = role.value("password");
    if (!value) return std::nullopt;
    Problems& problems = role.problems();
    if (value->is_string()) {
        // The text itself is not repeated: it may be a real password.
        problems.error(role.pointer("password"),
                       "a password is never written in a manifest; name the environment variable that holds it "
                       "({\"env\": \"VAR\"}) or give a SCRAM-SHA-256 verifier ({\"scram\": \"SCRAM-SHA-256$...\"})");
        return std::nullopt;
    }
    ObjectReader reader(*value, role.pointer("password"), problems, {"env", "scram", "rotation"});
    if (!reader.valid()) return std::nullopt;
    catalog::PasswordSource source{reader.string("env"), reader.string("scram"), reader.string("rotation")};
    if (source.env.has_value() == source.scram.has_value()) {
        problems.error(reader.pointer(), "give exactly one of \"env\" and \"scram\"");
        return std::nullopt;
    }
    if (source.env && !is_env_name(*source.env)) {
        problems.error(reader.pointer("env"), "not an environment variable name: \"" + *source.env + "\"");
        return std::nullopt;
    }
    if (source.scram && source.scram->rfind("SCRAM-SHA-256$", 0) != 0) {
        // Not repeated either: a clear-text password put here by mistake.
        problems.error(reader.pointer("scram"), "not a SCRAM-SHA-256 verifier (they start with \"SCRAM-SHA-256$\")");
        return std::nullopt;
    }
    return source;
}

void read_member_of(const ObjectReader& reader, const std::string& member, Draft& draft) {
    const Json* roles = reader.object("member_of");
    if (!roles) return;
    Problems& problems = reader.problems();
    for (const auto& [role, value] : roles->items()) {
        auto pointer = pointer_join(reader.pointer("member_of"), role);
        if (!check_identifier(role, pointer, problems, "role")) continue;
        ObjectReader options(value, pointer, problems, {"admin", "inherit", "set"});
        if (!options.valid()) continue;
        draft.declared.role_references.push_back({role, problems.at(pointer)});
        draft.model.memberships.push_back(catalog::Membership{role, member, options.boolean("admin").value_or(false),
                                                              options.boolean("inherit"), options.boolean("set")});
        draft.sources[catalog::ObjectId{catalog::ObjectKind::role, {}, member, role, {}}] = problems.at(pointer);
    }
}

void read_role(const std::string& name, const Json& value, const std::string& pointer, Problems& problems,
               Draft& draft) {
    if (!check_identifier(name, pointer, problems, "role")) return;
    if (name == catalog::public_grantee || name.rfind("pg_", 0) == 0) {
        problems.error(pointer, "\"" + name + "\" is reserved by PostgreSQL and cannot be a role's name");
        return;
    }
    ObjectReader reader(value, pointer, problems,
                        {"login", "superuser", "createdb", "createrole", "inherit", "replication", "bypassrls",
                         "connection_limit", "valid_until", "comment", "password", "member_of", "settings",
                         "database_settings"});
    if (!reader.valid()) return;
    auto key = catalog::role_id(name);
    if (auto previous = draft.sources.find(key); previous != draft.sources.end()) {
        problems.error(pointer, "role \"" + name + "\" is already declared in " + previous->second.file +
                                    "; declare each role in one file only");
        return;
    }
    draft.sources[key] = problems.at(pointer);
    catalog::Role role;
    role.name = name;
    role.login = reader.boolean("login").value_or(false);
    role.superuser = reader.boolean("superuser").value_or(false);
    role.createdb = reader.boolean("createdb").value_or(false);
    role.createrole = reader.boolean("createrole").value_or(false);
    role.inherit = reader.boolean("inherit").value_or(true);
    role.replication = reader.boolean("replication").value_or(false);
    role.bypassrls = reader.boolean("bypassrls").value_or(false);
    if (auto limit = reader.integer("connection_limit")) {
        if (*limit < -1 || *limit > 2147483647) {
            problems.error(reader.pointer("connection_limit"), "a connection limit is -1 (none) or a count");
        } else {
            role.connection_limit = static_cast<int>(*limit);
        }
    }
    role.valid_until = reader.string("valid_until");
    if (role.valid_until && !is_valid_until(*role.valid_until)) {
        problems.error(reader.pointer("valid_until"),
                       "expected \"infinity\" or a UTC time written YYYY-MM-DDTHH:MM:SSZ, e.g. "
                       "\"2027-01-31T00:00:00Z\"");
    }
    role.comment = reader.string("comment");
    role.password = read_password(reader);
    read_member_of(reader, name, draft);
    read_role_settings(reader, name, draft);
    draft.model.roles.push_back(std::move(role));
}

}  // namespace

void read_roles(const ObjectReader& file, Problems& problems, Draft& draft) {
    const Json* roles = file.object("roles");
    if (!roles) return;
    for (const auto& [name, value] : roles->items()) {
        read_role(name, value, pointer_join(file.pointer("roles"), name), problems, draft);
    }
}

void read_external_roles(const ObjectReader& file, Problems& problems, Draft& draft) {
    auto names = file.strings("external_roles");
    if (!names) return;
    for (std::size_t i = 0; i < names->size(); ++i) {
        const auto& name = (*names)[i];
        auto pointer = pointer_join(file.pointer("external_roles"), i);
        if (!check_identifier(name, pointer, problems, "role")) continue;
        // Few: a search is fine.
        const auto& known = draft.model.external_roles;
        if (std::find(known.begin(), known.end(), name) != known.end()) {
            problems.error(pointer, "external role \"" + name + "\" is listed twice");
            continue;
        }
        draft.model.external_roles.push_back(name);
    }
}

void read_role_claims(const ObjectReader& file, Problems& problems, Draft& draft) {
    auto claims = file.strings("claim_roles");
    if (!claims) return;
    for (std::size_t i = 0; i < claims->size(); ++i) {
        const auto& claim = (*claims)[i];
        auto pointer = pointer_join(file.pointer("claim_roles"), i);
        auto stem = !claim.empty() && claim.back() == '*' ? claim.substr(0, claim.size() - 1) : claim;
        // An empty stem ("*") would claim every role of the cluster,
        // superusers included.
        if (claim.empty() || stem.empty() || stem.find('*') != std::string::npos) {
            problems.error(pointer, "a role claim is a role name, or a prefix followed by one \"*\" (\"app_*\")");
            continue;
        }
        if (stem.rfind("pg_", 0) == 0) {
            problems.error(pointer, "the pg_ roles are PostgreSQL's and cannot be claimed");
            continue;
        }
        draft.model.role_claims.push_back(claim);
    }
}

void read_global_default_privileges(const ObjectReader& file, Problems&, Draft& draft) {
    read_default_privileges(file, "default_privileges", "", draft.declared);
}

// The database the command targets, whatever its name in this environment.
void read_database_grants(const ObjectReader& file, Problems&, Draft& draft) {
    read_grants(file, "database_grants", catalog::database_id(""), draft.declared);
}

void check_role_references(Draft& draft) {
    auto& model = draft.model;
    for (const auto& name : model.external_roles) {
        if (model.find_role(name)) {
            auto where = source_of(draft, catalog::role_id(name));
            Problems problems(where.file, draft.diagnostics);
            problems.error(where.pointer, "role \"" + name + "\" is declared both as managed and as external");
        }
    }
    for (const auto& reference : draft.declared.role_references) {
        const auto& role = reference.role;
        if (model.find_role(role) || model.is_external_role(role) || role.rfind("pg_", 0) == 0) continue;
        Problems problems(reference.where.file, draft.diagnostics);
        problems.error(reference.where.pointer,
                       "role \"" + role +
                           "\" is not declared; declare it under \"roles\" (managed) or \"external_roles\" (exists, "
                           "never changed) in a role file");
    }
    auto& declared = draft.declared;
    auto move_into = [](auto& to, auto& from) {
        to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
        from.clear();
    };
    move_into(model.grants, declared.grants);
    move_into(model.public_stated, declared.public_stated);
    move_into(model.owners, declared.owners);
    move_into(model.owner_privileges, declared.owner_privileges);
    move_into(model.default_grants, declared.default_grants);
    move_into(model.public_defaults, declared.public_defaults);
    declared.role_references.clear();
    model.normalize();
}

}  // namespace reconcile::desired_state::detail
