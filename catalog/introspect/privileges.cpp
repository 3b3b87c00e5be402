// Privileges, owners and default privileges of the objects in scope, each
// one query over every privilege-bearing catalog (UNION ALL), so the round
// trips do not grow with the kinds. ACLs are exploded into one row per
// (grantee, privilege); the owner's own entries are left out, since an
// owner holds every privilege implicitly and they are not what a manifest
// states, unless the owner revoked some from itself (owner_privileges_sql
// reads those). A NULL ACL means the kind's built-in default (acldefault): for
// schemas and relations it grants nothing to anyone but the owner, so those
// rows are skipped without exploding them; for functions and types it
// grants EXECUTE or USAGE to PUBLIC, so the default is exploded too (a
// manifest that revokes it must see it). The database's default, CONNECT and
// TEMPORARY for PUBLIC, is exploded the same way; only the connected
// database is read (its grants are what a manifest's "database_grants" say),
// under the empty name database_id("") gives it, not its own.
//
// A new kind with an ACL is one more branch here, with its ObjectKind name
// in the first column (see kind_of_name below), and nothing else in the
// catalog layer. Routines carry their identity argument types, as
// format_type prints them (the way functions.cpp reads them).
#include <map>
#include <stdexcept>

#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

namespace {

std::string grantee_name(std::string_view oid_column) {
    const std::string c(oid_column);
    return "CASE " + c + " WHEN 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(" + c + ") END";
}

ObjectKind kind_of_name(std::string_view name) {
    for (auto kind : {ObjectKind::database, ObjectKind::schema, ObjectKind::table, ObjectKind::column, ObjectKind::sequence,
                      ObjectKind::view, ObjectKind::materialized_view, ObjectKind::enum_type, ObjectKind::domain,
                      ObjectKind::composite_type, ObjectKind::function, ObjectKind::procedure,
                      ObjectKind::aggregate}) {
        if (name == kind_name(kind)) return kind;
    }
    throw std::runtime_error("unexpected object kind \"" + std::string(name) + "\"");
}

struct IdColumns {
    std::size_t kind, schema, name, member, arguments;

    explicit IdColumns(const ResultSet& result)
        : kind(result.column("kind")),
          schema(result.column("schema")),
          name(result.column("name")),
          member(result.column("member")),
          arguments(result.column("arguments")) {}

    ObjectId id_of(const Row& row) const {
        ObjectId id;
        id.kind = kind_of_name(view(row, kind));
        if (id.kind == ObjectKind::schema || id.kind == ObjectKind::database) {
            id.name = text(row, name);
            return id;
        }
        id.schema = text(row, schema);
        id.name = text(row, name);
        if (row[member]) id.member = text(row, member);
        if (row[arguments]) id.arguments = parse_text_array(view(row, arguments));
        return id;
    }
};

// The kind name of a pg_type row of a kind the model holds (enum, domain,
// composite); NULL for the others, which the caller filters out.
const char* type_kind_sql = R"SQL(CASE t.typtype WHEN 'e' THEN 'enum' WHEN 'd' THEN 'domain' WHEN 'c' THEN 'composite type' END)SQL";

// Types in scope: enums, domains and composite types (not a table's row
// type) of the claimed schemas, not an extension's.
std::string types_in_scope() {
    return "(t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND (SELECT tc.relkind FROM pg_catalog.pg_class tc "
           "WHERE tc.oid = t.typrelid) = 'c'))\n  AND n.nspname = ANY ($1::pg_catalog.text[]) AND " +
           not_extension_member("pg_type", "t.oid");
}

// The input argument types of routine p: its identity.
const char* routine_arguments_sql =
    "ARRAY(SELECT pg_catalog.format_type(a.t, NULL) FROM pg_catalog.unnest(p.proargtypes::pg_catalog.oid[]) "
    "WITH ORDINALITY a(t, i) ORDER BY a.i)";

// Routines the model holds: functions, procedures and aggregates (whose
// EXECUTE defaults to PUBLIC as a function's does).
std::string routine_or_aggregate(std::string_view p) {
    return "(" + routine_is_managed(p) + " OR " + aggregate_is_managed(p) + ")";
}

// Sequences whose owner is their own: not linked to a column (serial,
// identity, OWNED BY), which PostgreSQL keeps owned by the table's owner.
std::string standalone_sequence(std::string_view c) {
    const std::string rel(c);
    return rel + ".relkind = 'S' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend sd WHERE sd.classid = "
                 "'pg_catalog.pg_class'::pg_catalog.regclass AND sd.objid = " +
           rel + ".oid AND sd.deptype IN ('a', 'i'))";
}

}  // namespace

std::string grants_sql(int) {
    const std::string claimed = "n.nspname = ANY ($1::pg_catalog.text[])";
    const std::string grantee = grantee_name("a.grantee");
    const std::string exploded = grantee + ", a.privilege_type, a.is_grantable";
    // Sequences owned by a column (serial, identity) are in scope with their
    // table, standalone ones with theirs. Tables, partitioned tables and
    // partitions: the tables the model holds.
    return R"SQL(
SELECT 'schema' AS kind, NULL::pg_catalog.text AS schema, n.nspname AS name, NULL::pg_catalog.text AS member,
       NULL::pg_catalog.text[] AS arguments, )SQL" +
           grantee + R"SQL( AS grantee, a.privilege_type AS privilege, a.is_grantable AS grantable
FROM pg_catalog.pg_namespace n, pg_catalog.aclexplode(n.nspacl) a
WHERE n.nspacl IS NOT NULL AND a.grantee <> n.nspowner AND )SQL" +
           claimed + R"SQL(
UNION ALL
SELECT 'database', NULL, '', NULL, NULL, )SQL" +
           exploded + R"SQL(
FROM pg_catalog.pg_database d,
     pg_catalog.aclexplode(COALESCE(d.datacl, pg_catalog.acldefault('d', d.datdba))) a
WHERE d.datname = pg_catalog.current_database() AND a.grantee <> d.datdba
UNION ALL
SELECT CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
       ELSE 'table' END, n.nspname, c.relname, NULL, NULL, )SQL" +
           exploded + R"SQL(
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace,
     pg_catalog.aclexplode(c.relacl) a
WHERE c.relacl IS NOT NULL AND a.grantee <> c.relowner
  AND c.relkind IN ('r', 'p', 'S', 'v', 'm') AND )SQL" +
           claimed + " AND " + not_extension_member("pg_class", "c.oid") + R"SQL(
UNION ALL
SELECT 'column', n.nspname, c.relname, at.attname, NULL, )SQL" +
           exploded + R"SQL(
FROM pg_catalog.pg_attribute at JOIN pg_catalog.pg_class c ON c.oid = at.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace, pg_catalog.aclexplode(at.attacl) a
WHERE at.attacl IS NOT NULL AND at.attnum > 0 AND NOT at.attisdropped AND a.grantee <> c.relowner AND )SQL" +
           tables_in_scope("c") + R"SQL(
UNION ALL
SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END, n.nspname, p.proname, NULL, )SQL" +
           routine_arguments_sql + ", " + exploded + R"SQL(
FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace,
     pg_catalog.aclexplode(COALESCE(p.proacl, pg_catalog.acldefault('f', p.proowner))) a
WHERE a.grantee <> p.proowner AND )SQL" +
           claimed + " AND " + routine_or_aggregate("p") + " AND " + not_extension_member("pg_proc", "p.oid") + R"SQL(
UNION ALL
SELECT )SQL" + type_kind_sql + R"SQL(, n.nspname, t.typname, NULL, NULL, )SQL" + exploded + R"SQL(
FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace,
     pg_catalog.aclexplode(COALESCE(t.typacl, pg_catalog.acldefault('T', t.typowner))) a
WHERE a.grantee <> t.typowner AND )SQL" +
           types_in_scope() + "\n";
}

void build_grants(const ResultSet& result, ReadContext&, Model& model) {
    const IdColumns id(result);
    const auto grantee = result.column("grantee"), privilege = result.column("privilege"),
               grantable = result.column("grantable");
    model.grants.reserve(result.size());
    for (auto row : result) {
        model.grants.push_back(Grant{id.id_of(row), text(row, grantee), text(row, privilege), boolean(row, grantable)});
    }
}

// The owner's own ACL entry, on the objects whose owner owners_sql reads,
// where it differs from the one acldefault gives the owner (all of the
// kind's privileges, no grant option): one row per privilege the owner still
// holds, or one row with a NULL privilege when it holds none. A NULL ACL is
// the default itself and is not looked at; the database's owner is not
// managed (see diff_owners). Entries from several grantors are merged, as
// GRANT checks them.
std::string owner_privileges_sql(int) {
    const std::string claimed = "n.nspname = ANY ($1::pg_catalog.text[])";
    return R"SQL(
SELECT o.kind, o.schema, o.name, NULL::pg_catalog.text AS member, o.arguments, h.privilege, h.grantable
FROM (
  SELECT 'schema' AS kind, NULL::pg_catalog.text AS schema, n.nspname AS name, NULL::pg_catalog.text[] AS arguments,
         n.nspowner AS owner, n.nspacl AS acl, 'n'::pg_catalog."char" AS acl_kind
  FROM pg_catalog.pg_namespace n WHERE n.nspacl IS NOT NULL AND )SQL" +
           claimed + R"SQL(
  UNION ALL
  SELECT CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
         ELSE 'table' END, n.nspname, c.relname, NULL, c.relowner, c.relacl,
         CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::pg_catalog."char"
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relacl IS NOT NULL AND (c.relkind IN ('r', 'p', 'v', 'm') OR )SQL" +
           standalone_sequence("c") + ")\n    AND " + claimed + " AND " + not_extension_member("pg_class", "c.oid") +
           R"SQL(
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END, n.nspname,
         p.proname, )SQL" +
           routine_arguments_sql + R"SQL(, p.proowner, p.proacl, 'f'
  FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  WHERE p.proacl IS NOT NULL AND )SQL" +
           claimed + " AND " + routine_or_aggregate("p") + " AND " + not_extension_member("pg_proc", "p.oid") +
           R"SQL(
  UNION ALL
  SELECT )SQL" + type_kind_sql + R"SQL(, n.nspname, t.typname, NULL, t.typowner, t.typacl, 'T'
  FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  WHERE t.typacl IS NOT NULL AND )SQL" +
           types_in_scope() + R"SQL(
) o
LEFT JOIN LATERAL (
  SELECT a.privilege_type AS privilege, pg_catalog.bool_or(a.is_grantable) AS grantable
  FROM pg_catalog.aclexplode(o.acl) a WHERE a.grantee = o.owner GROUP BY a.privilege_type
) h ON true
WHERE EXISTS (
  (SELECT a.privilege_type, a.is_grantable FROM pg_catalog.aclexplode(o.acl) a WHERE a.grantee = o.owner
   EXCEPT
   SELECT d.privilege_type, d.is_grantable
   FROM pg_catalog.aclexplode(pg_catalog.acldefault(o.acl_kind, o.owner)) d WHERE d.grantee = o.owner)
  UNION ALL
  (SELECT d.privilege_type, d.is_grantable
   FROM pg_catalog.aclexplode(pg_catalog.acldefault(o.acl_kind, o.owner)) d WHERE d.grantee = o.owner
   EXCEPT
   SELECT a.privilege_type, a.is_grantable FROM pg_catalog.aclexplode(o.acl) a WHERE a.grantee = o.owner))
)SQL";
}

void build_owner_privileges(const ResultSet& result, ReadContext&, Model& model) {
    const IdColumns id(result);
    const auto privilege = result.column("privilege"), grantable = result.column("grantable");
    std::map<ObjectId, std::map<std::string, bool>> held;
    for (auto row : result) {
        auto& entry = held[id.id_of(row)];
        if (row[privilege]) entry[text(row, privilege)] = boolean(row, grantable);
    }
    for (auto& [object, privileges] : held) {
        model.owner_privileges.push_back(OwnerPrivileges{object, std::move(privileges)});
    }
}

// Every object in scope, so that an object the catalog side has no owner
// for does not exist (the diff relies on it). Sequences linked to a column
// follow their table's owner (PostgreSQL refuses to change them alone).
std::string owners_sql(int) {
    const std::string claimed = "n.nspname = ANY ($1::pg_catalog.text[])";
    return R"SQL(
SELECT 'schema' AS kind, NULL::pg_catalog.text AS schema, n.nspname AS name, NULL::pg_catalog.text AS member,
       NULL::pg_catalog.text[] AS arguments, pg_catalog.pg_get_userbyid(n.nspowner) AS owner
FROM pg_catalog.pg_namespace n WHERE )SQL" +
           claimed + R"SQL(
UNION ALL
SELECT 'database', NULL, '', NULL, NULL, pg_catalog.pg_get_userbyid(d.datdba)
FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()
UNION ALL
SELECT CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
       ELSE 'table' END, n.nspname, c.relname, NULL, NULL, pg_catalog.pg_get_userbyid(c.relowner)
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE (c.relkind IN ('r', 'p', 'v', 'm') OR )SQL" +
           standalone_sequence("c") + ")\n  AND " + claimed + " AND " + not_extension_member("pg_class", "c.oid") +
           R"SQL(
UNION ALL
SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END, n.nspname, p.proname, NULL, )SQL" +
           routine_arguments_sql + R"SQL(, pg_catalog.pg_get_userbyid(p.proowner)
FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
WHERE )SQL" + claimed + " AND " + routine_or_aggregate("p") + " AND " + not_extension_member("pg_proc", "p.oid") +
           R"SQL(
UNION ALL
SELECT )SQL" + type_kind_sql + R"SQL(, n.nspname, t.typname, NULL, NULL, pg_catalog.pg_get_userbyid(t.typowner)
FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE )SQL" + types_in_scope() + "\n";
}

void build_owners(const ResultSet& result, ReadContext&, Model& model) {
    const IdColumns id(result);
    const auto owner = result.column("owner");
    model.owners.reserve(result.size());
    for (auto row : result) model.owners.push_back(Ownership{id.id_of(row), text(row, owner)});
}

// Global entries (defaclnamespace 0) replace the built-in defaults, so
// they also list what acldefault grants (the FOR ROLE itself; PUBLIC on
// functions and types): those rows are the defaults, not choices, and are
// left out. Entries IN SCHEMA only add to the defaults. The built-in
// defaults of PUBLIC that a global entry lacks were revoked: the last
// branch reads those, marked `revoked`.
std::string default_grants_sql(int) {
    return R"SQL(
SELECT pg_catalog.pg_get_userbyid(d.defaclrole) AS role, n.nspname AS schema, d.defaclobjtype AS objects,
       )SQL" +
           grantee_name("a.grantee") +
           R"SQL( AS grantee, a.privilege_type AS privilege, a.is_grantable AS grantable,
       false AS revoked
FROM pg_catalog.pg_default_acl d
LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace, pg_catalog.aclexplode(d.defaclacl) a
WHERE (d.defaclnamespace = 0 OR n.nspname = ANY ($1::pg_catalog.text[])) AND a.grantee <> d.defaclrole
  AND NOT (d.defaclnamespace = 0 AND (a.grantee, a.privilege_type, a.is_grantable) IN (
        SELECT dd.grantee, dd.privilege_type, dd.is_grantable
        FROM pg_catalog.aclexplode(pg_catalog.acldefault(
               CASE d.defaclobjtype WHEN 'S' THEN 's' ELSE d.defaclobjtype END, d.defaclrole)) dd))
UNION ALL
SELECT pg_catalog.pg_get_userbyid(d.defaclrole), NULL, d.defaclobjtype, 'PUBLIC', dd.privilege_type, false, true
FROM pg_catalog.pg_default_acl d,
     pg_catalog.aclexplode(pg_catalog.acldefault(d.defaclobjtype, d.defaclrole)) dd
WHERE d.defaclnamespace = 0 AND d.defaclobjtype IN ('f', 'T') AND dd.grantee = 0
  AND NOT EXISTS (SELECT FROM pg_catalog.aclexplode(d.defaclacl) a
                  WHERE a.grantee = 0 AND a.privilege_type = dd.privilege_type)
)SQL";
}

void build_default_grants(const ResultSet& result, ReadContext&, Model& model) {
    const auto role = result.column("role"), schema = result.column("schema"), objects = result.column("objects"),
               grantee = result.column("grantee"), privilege = result.column("privilege"),
               grantable = result.column("grantable"), revoked = result.column("revoked");
    for (auto row : result) {
        DefaultObjects kind;
        switch (view(row, objects).front()) {
            case 'r':
                kind = DefaultObjects::tables;
                break;
            case 'S':
                kind = DefaultObjects::sequences;
                break;
            case 'f':
                kind = DefaultObjects::functions;
                break;
            case 'T':
                kind = DefaultObjects::types;
                break;
            case 'n':
                kind = DefaultObjects::schemas;
                break;
            default:
                continue;  // a kind a newer server added: not modelled
        }
        if (boolean(row, revoked)) {
            model.public_defaults.push_back(PublicDefault{text(row, role), kind, true});
            continue;
        }
        model.default_grants.push_back(DefaultGrant{text(row, role), row[schema] ? text(row, schema) : std::string(),
                                                    kind, text(row, grantee), text(row, privilege),
                                                    boolean(row, grantable)});
    }
}

}  // namespace reconcile::catalog::introspect_detail
