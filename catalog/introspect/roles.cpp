// Roles and memberships of the whole cluster (roles are not in a schema):
// from pg_roles, never pg_authid, which only a superuser may read. The
// built-in pg_* roles are left out; they exist on every server and are
// never managed. Passwords are not read (they cannot be).
#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

namespace {

// The marker of the last password set (see catalog/model/role.hpp): a
// per-role setting, readable without superuser unlike the password itself.
constexpr const char* rotation_setting = "reconcile.password_rotation";

}  // namespace

std::string roles_sql(int) {
    // $1 (the schemas) is not needed: roles are cluster-wide. The
    // comparison keeps it referenced, as every reader's query is sent with it.
    return std::string(R"SQL(
SELECT r.rolname AS name, r.rolsuper, r.rolinherit, r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,
       r.rolreplication, r.rolbypassrls, r.rolconnlimit,
       CASE WHEN r.rolvaliduntil IS NULL THEN NULL
            WHEN r.rolvaliduntil = 'infinity' THEN 'infinity'
            ELSE pg_catalog.to_char(r.rolvaliduntil AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') END AS valid_until,
       d.description AS comment,
       (SELECT pg_catalog.substr(c, )SQL") +
           std::to_string(std::string_view(rotation_setting).size() + 2) + R"SQL()
        FROM pg_catalog.pg_db_role_setting s, pg_catalog.unnest(s.setconfig) c
        WHERE s.setrole = r.oid AND s.setdatabase = 0 AND c LIKE ')SQL" +
           rotation_setting + R"SQL(=%' LIMIT 1) AS rotation
FROM pg_catalog.pg_roles r
LEFT JOIN pg_catalog.pg_shdescription d
  ON d.objoid = r.oid AND d.classoid = 'pg_catalog.pg_authid'::pg_catalog.regclass
WHERE r.rolname NOT LIKE 'pg\_%' AND $1::pg_catalog.text[] IS NOT NULL
)SQL";
}

void build_roles(const ResultSet& result, ReadContext&, Model& model) {
    const auto name = result.column("name"), super = result.column("rolsuper"), inherit = result.column("rolinherit"),
               createrole = result.column("rolcreaterole"), createdb = result.column("rolcreatedb"),
               login = result.column("rolcanlogin"), replication = result.column("rolreplication"),
               bypassrls = result.column("rolbypassrls"), connlimit = result.column("rolconnlimit"),
               valid_until = result.column("valid_until"), comment = result.column("comment"),
               rotation = result.column("rotation");
    for (auto row : result) {
        Role role;
        role.name = text(row, name);
        role.superuser = boolean(row, super);
        role.inherit = boolean(row, inherit);
        role.createrole = boolean(row, createrole);
        role.createdb = boolean(row, createdb);
        role.login = boolean(row, login);
        role.replication = boolean(row, replication);
        role.bypassrls = boolean(row, bypassrls);
        role.connection_limit = static_cast<int>(integer(row, connlimit));
        role.valid_until = optional_text(row, valid_until);
        role.comment = optional_text(row, comment);
        role.applied_rotation = optional_text(row, rotation);
        model.roles.push_back(std::move(role));
    }
}

// PostgreSQL 16 made memberships carry their own INHERIT and SET options
// and allowed one row per grantor; before it, inheriting followed the
// member's INHERIT attribute and SET was always possible. The model holds
// the 16+ shape either way, one entry per (role, member).
std::string memberships_sql(int server_version) {
    const std::string options = server_version >= pg16
                                    ? "pg_catalog.bool_or(a.inherit_option) AS inherit, "
                                      "pg_catalog.bool_or(a.set_option) AS set_option"
                                    : "pg_catalog.bool_or(m.rolinherit) AS inherit, true AS set_option";
    return R"SQL(
SELECT r.rolname AS role, m.rolname AS member, pg_catalog.bool_or(a.admin_option) AS admin, )SQL" +
           options + R"SQL(
FROM pg_catalog.pg_auth_members a
JOIN pg_catalog.pg_roles r ON r.oid = a.roleid
JOIN pg_catalog.pg_roles m ON m.oid = a.member
WHERE m.rolname NOT LIKE 'pg\_%' AND $1::pg_catalog.text[] IS NOT NULL
GROUP BY r.rolname, m.rolname
)SQL";
}

void build_memberships(const ResultSet& result, ReadContext&, Model& model) {
    const auto role = result.column("role"), member = result.column("member"), admin = result.column("admin"),
               inherit = result.column("inherit"), set = result.column("set_option");
    for (auto row : result) {
        model.memberships.push_back(Membership{text(row, role), text(row, member), boolean(row, admin),
                                               boolean(row, inherit), boolean(row, set)});
    }
}

namespace {

// A list setting as PostgreSQL stores it: names separated by ", ", each in
// double quotes (with "" for a quote) when it needs them.
std::vector<std::string> split_list_setting(std::string_view stored) {
    std::vector<std::string> names;
    std::size_t at = 0;
    while (at <= stored.size()) {
        while (at < stored.size() && stored[at] == ' ') ++at;
        std::string name;
        if (at < stored.size() && stored[at] == '"') {
            for (++at; at < stored.size(); ++at) {
                if (stored[at] != '"') {
                    name += stored[at];
                } else if (at + 1 < stored.size() && stored[at + 1] == '"') {
                    name += '"';
                    ++at;
                } else {
                    ++at;
                    break;
                }
            }
            while (at < stored.size() && stored[at] != ',') ++at;
        } else {
            auto comma = std::min(stored.find(',', at), stored.size());
            name = std::string(stored.substr(at, comma - at));
            while (!name.empty() && name.back() == ' ') name.pop_back();
            at = comma;
        }
        names.push_back(std::move(name));
        ++at;  // past the comma (or the end)
    }
    return names;
}

}  // namespace

// The settings of every role (ALTER ROLE ... SET) for all databases and for
// the connected one (IN DATABASE), the rotation marker left out: it is
// reconcile's, not the role's. Names are folded to lower case: PostgreSQL
// keeps a setting under its own spelling ("DateStyle").
std::string role_settings_sql(int) {
    return std::string(R"SQL(
SELECT r.rolname AS role, s.setdatabase <> 0 AS in_database,
       pg_catalog.lower(pg_catalog.split_part(c, '=', 1)) AS name,
       pg_catalog.substr(c, pg_catalog.strpos(c, '=') + 1) AS value
FROM pg_catalog.pg_db_role_setting s
JOIN pg_catalog.pg_roles r ON r.oid = s.setrole,
     pg_catalog.unnest(s.setconfig) c
WHERE (s.setdatabase = 0 OR s.setdatabase = (SELECT d.oid FROM pg_catalog.pg_database d
                                            WHERE d.datname = pg_catalog.current_database()))
  AND r.rolname NOT LIKE 'pg\_%' AND c NOT LIKE ')SQL") +
           rotation_setting + R"SQL(=%' AND $1::pg_catalog.text[] IS NOT NULL
)SQL";
}

void build_role_settings(const ResultSet& result, ReadContext&, Model& model) {
    const auto role = result.column("role"), in_database = result.column("in_database"), name = result.column("name"),
               value = result.column("value");
    for (auto row : result) {
        RoleSetting setting{text(row, role), boolean(row, in_database), text(row, name), {}};
        auto stored = text(row, value);
        if (is_list_setting(setting.name)) {
            setting.value = split_list_setting(stored);
        } else {
            setting.value.push_back(std::move(stored));
        }
        model.role_settings.push_back(std::move(setting));
    }
}

}  // namespace reconcile::catalog::introspect_detail
