#include "engine/pipeline/roles_check.hpp"

#include <map>
#include <set>

#include "engine/plan/planner.hpp"

namespace reconcile::engine {

namespace {

constexpr int pg16 = 160000;  // membership options INHERIT and SET
constexpr int pg17 = 170000;  // the MAINTAIN privilege

void fail_if(const std::vector<std::string>& problems, const std::string& what) {
    if (problems.empty()) return;
    std::string message = what;
    for (const auto& problem : problems) message += "\n  " + problem;
    throw PlanError(message + "\nNothing was changed.");
}

std::string version_text(int version) {
    return std::to_string(version / 10000);
}

std::string text_array(const std::vector<std::string>& items) {
    std::string array = "{";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) array += ',';
        array += '"';
        for (char c : items[i]) {
            if (c == '"' || c == '\\') array += '\\';
            array += c;
        }
        array += '"';
    }
    return array + '}';
}

// REASSIGN OWNED and DROP OWNED reach only the current database; a role
// that owns objects or holds privileges in another database of the
// cluster cannot be dropped, so the plan names those databases now.
// pg_shdepend is shared and readable by every role.
void check_drops_elsewhere(const Plan& plan, catalog::Connection& target) {
    std::vector<std::string> dropped;
    for (const auto& step : plan.steps) {
        if (const auto* drop = std::get_if<DropRole>(&step.change)) dropped.push_back(drop->role.name);
    }
    if (dropped.empty()) return;
    static const std::string sql = R"SQL(
SELECT r.rolname, pg_catalog.string_agg(DISTINCT d.datname, ', ' ORDER BY d.datname)
FROM pg_catalog.pg_shdepend s
JOIN pg_catalog.pg_roles r ON r.oid = s.refobjid AND s.refclassid = 'pg_catalog.pg_authid'::pg_catalog.regclass
JOIN pg_catalog.pg_database d ON d.oid = s.dbid
WHERE r.rolname = ANY ($1::pg_catalog.text[]) AND d.datname <> pg_catalog.current_database()
  AND s.deptype IN ('o', 'a', 'r', 'i')
GROUP BY r.rolname ORDER BY r.rolname
)SQL";
    auto result = target.query(sql, {text_array(dropped)});
    std::vector<std::string> problems;
    for (auto row : result) {
        problems.push_back("role " + std::string(row[0].value_or("")) + " still owns objects or holds privileges in " +
                           std::string(row[1].value_or("")) +
                           "; run REASSIGN OWNED BY and DROP OWNED BY there first (they act on one database)");
    }
    fail_if(problems, "the plan cannot drop these roles:");
}

}  // namespace

void check_roles(const catalog::Model& want, const catalog::Model& have, int server_version) {
    std::vector<std::string> problems;
    std::set<std::string> referenced(want.external_roles.begin(), want.external_roles.end());
    auto refer = [&](const std::string& role) {
        if (role.rfind("pg_", 0) == 0) referenced.insert(role);
    };
    for (const auto& m : want.memberships) refer(m.role);
    for (const auto& g : want.grants) refer(g.grantee);
    for (const auto& o : want.owners) refer(o.owner);
    for (const auto& role : referenced) {
        // The built-in roles are not in the model; pg_roles lists them, but
        // the introspector leaves them out. They exist from the version
        // that added them, which the server's own GRANT checks.
        if (role.rfind("pg_", 0) == 0) continue;
        if (!have.find_role(role)) {
            problems.push_back("external role \"" + role +
                               "\" does not exist on this server (external roles are never created)");
        }
    }
    if (server_version < pg16) {
        for (const auto& m : want.memberships) {
            if (m.inherit || m.set) {
                problems.push_back("membership of " + m.member + " in " + m.role +
                                   ": the INHERIT and SET options need PostgreSQL 16 or later; this server is " +
                                   version_text(server_version));
            }
        }
    }
    if (server_version < pg17) {
        for (const auto& g : want.grants) {
            if (g.privilege == "MAINTAIN") {
                problems.push_back("MAINTAIN on " + catalog::display(g.object) +
                                   " needs PostgreSQL 17 or later; this server is " + version_text(server_version));
            }
        }
        for (const auto& p : want.owner_privileges) {
            if (p.held.count("MAINTAIN")) {
                problems.push_back("MAINTAIN in the owner's privileges on " + catalog::display(p.object) +
                                   " needs PostgreSQL 17 or later; this server is " + version_text(server_version));
            }
        }
    }
    fail_if(problems, "the manifests cannot be planned on this server:");
}

void check_rights(const Plan& plan, const catalog::Model& have, catalog::Connection& target) {
    bool role_steps = false;
    bool superuser_attribute = false;
    std::set<std::string> owners_needed;
    std::map<catalog::ObjectId, std::string> owners;
    for (const auto& o : have.owners) owners[o.object] = o.owner;
    auto owner_of = [&](const catalog::ObjectId& id) {
        auto object = id.kind == catalog::ObjectKind::column ? catalog::table_id(id.qualified()) : id;
        if (auto found = owners.find(object); found != owners.end()) owners_needed.insert(found->second);
    };
    auto needs_superuser = [](const Role& role) { return role.superuser || role.replication || role.bypassrls; };
    for (const auto& step : plan.steps) {
        std::visit(overloaded{
                       [&](const CreateRole& c) {
                           role_steps = true;
                           superuser_attribute |= needs_superuser(c.role);
                       },
                       [&](const AlterRole& c) {
                           role_steps = true;
                           superuser_attribute |= needs_superuser(c.to) || needs_superuser(c.from);
                       },
                       [&](const DropRole&) { role_steps = true; },
                       [&](const SetPassword&) { role_steps = true; },
                       [&](const SetRoleSetting&) { role_steps = true; },
                       [&](const ResetRoleSetting&) { role_steps = true; },
                       [&](const GrantMembership&) { role_steps = true; },
                       [&](const RevokeMembership&) { role_steps = true; },
                       [&](const AlterMembership&) { role_steps = true; },
                       [&](const GrantPrivileges& c) { owner_of(c.target); },
                       [&](const RevokePrivileges& c) { owner_of(c.target); },
                       [&](const SetOwner& c) {
                           owner_of(c.target);
                           owners_needed.insert(c.owner);
                       },
                       [](const auto&) {},
                   },
                   step.change);
    }
    check_drops_elsewhere(plan, target);
    if (!role_steps && owners_needed.empty()) return;
    std::string array = text_array(std::vector<std::string>(owners_needed.begin(), owners_needed.end()));
    // Roles the plan creates do not exist yet: pg_has_role would fail on
    // them, and AND does not promise to evaluate its left side first.
    static const std::string sql = R"SQL(
SELECT r.rolsuper, r.rolcreaterole, CURRENT_USER,
       ARRAY(SELECT o FROM pg_catalog.unnest($1::pg_catalog.text[]) o
             WHERE CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_roles x WHERE x.rolname = o)
                        THEN NOT pg_catalog.pg_has_role(o, 'MEMBER') ELSE false END)
FROM pg_catalog.pg_roles r WHERE r.rolname = CURRENT_USER
)SQL";
    auto result = target.query(sql, {array});
    if (result.size() == 0) return;
    auto row = result.row(0);
    bool superuser = row[0] && *row[0] == "t";
    bool createrole = row[1] && *row[1] == "t";
    std::string user(row[2].value_or(""));
    std::vector<std::string> problems;
    if (role_steps && !superuser && !createrole) {
        problems.push_back("the plan creates or alters roles, and " + user + " has neither SUPERUSER nor CREATEROLE");
    }
    if (superuser_attribute && !superuser) {
        problems.push_back(
            "the plan sets or clears SUPERUSER, REPLICATION or BYPASSRLS, which only a superuser "
            "may do, and " +
            user + " is not one");
    }
    std::string missing(row[3].value_or("{}"));
    if (missing != "{}") {
        problems.push_back("the plan grants, revokes or changes owners on objects owned by roles " + user +
                           " is not a member of: " + missing.substr(1, missing.size() - 2));
    }
    fail_if(problems, "the connected role cannot run this plan:");
}

}  // namespace reconcile::engine
