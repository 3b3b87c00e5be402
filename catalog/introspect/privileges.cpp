// Privileges, owners and default privileges of the objects in scope, each
// one query over every privilege-bearing catalog (UNION ALL), so the round
// trips do not grow with the kinds. ACLs are exploded into one row per
// (grantee, privilege); the owner's own entries are left out, since an
// owner holds every privilege implicitly and they are not what a manifest
// states. A NULL ACL means the kind's built-in default (acldefault), which
// for schemas, tables, columns and sequences grants nothing to anyone but
// the owner, so those rows are skipped without exploding them.
//
// A new kind with an ACL (views, functions, types, the database) is one
// more branch here, with its ObjectKind name in the first column (see
// kind_of_name below), and nothing else in the catalog layer.
#include <stdexcept>

#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

namespace {

std::string grantee_name(std::string_view oid_column) {
    const std::string c(oid_column);
    return "CASE " + c + " WHEN 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(" + c + ") END";
}

ObjectKind kind_of_name(std::string_view name) {
    if (name == "schema") return ObjectKind::schema;
    if (name == "table") return ObjectKind::table;
    if (name == "column") return ObjectKind::column;
    if (name == "sequence") return ObjectKind::sequence;
    if (name == "enum") return ObjectKind::enum_type;
    throw std::runtime_error("unexpected object kind \"" + std::string(name) + "\"");
}

ObjectId id_of(const Row& row, std::size_t kind, std::size_t schema, std::size_t name, std::size_t member) {
    ObjectId id;
    id.kind = kind_of_name(view(row, kind));
    if (id.kind == ObjectKind::schema) {
        id.name = text(row, name);
        return id;
    }
    id.schema = text(row, schema);
    id.name = text(row, name);
    if (row[member]) id.member = text(row, member);
    return id;
}

}  // namespace

std::string grants_sql(int) {
    const std::string claimed = "n.nspname = ANY ($1::pg_catalog.text[])";
    const std::string explode = "pg_catalog.aclexplode(";
    // Sequences owned by a column (serial, identity) are in scope with their
    // table; standalone ones too, so their grants are seen once they are
    // managed. relkind 'r' without partitions: the tables the model holds.
    return R"SQL(
SELECT 'schema' AS kind, NULL::pg_catalog.text AS schema, n.nspname AS name, NULL::pg_catalog.text AS member,
       )SQL" +
           grantee_name("a.grantee") +
           R"SQL( AS grantee, a.privilege_type AS privilege, a.is_grantable AS grantable
FROM pg_catalog.pg_namespace n, )SQL" +
           explode + R"SQL(n.nspacl) a
WHERE n.nspacl IS NOT NULL AND a.grantee <> n.nspowner AND )SQL" +
           claimed + R"SQL(
UNION ALL
SELECT CASE c.relkind WHEN 'S' THEN 'sequence' ELSE 'table' END, n.nspname, c.relname, NULL,
       )SQL" +
           grantee_name("a.grantee") +
           R"SQL(, a.privilege_type, a.is_grantable
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace, )SQL" +
           explode + R"SQL(c.relacl) a
WHERE c.relacl IS NOT NULL AND a.grantee <> c.relowner
  AND ((c.relkind = 'r' AND NOT c.relispartition) OR c.relkind = 'S') AND )SQL" +
           claimed + " AND " + not_extension_member("pg_class", "c.oid") + R"SQL(
UNION ALL
SELECT 'column', n.nspname, c.relname, at.attname, )SQL" +
           grantee_name("a.grantee") + R"SQL(, a.privilege_type, a.is_grantable
FROM pg_catalog.pg_attribute at JOIN pg_catalog.pg_class c ON c.oid = at.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace, )SQL" +
           explode + R"SQL(at.attacl) a
WHERE at.attacl IS NOT NULL AND at.attnum > 0 AND NOT at.attisdropped AND a.grantee <> c.relowner AND )SQL" +
           tables_in_scope("c") + "\n";
}

void build_grants(const ResultSet& result, ReadContext&, Model& model) {
    const auto kind = result.column("kind"), schema = result.column("schema"), name = result.column("name"),
               member = result.column("member"), grantee = result.column("grantee"),
               privilege = result.column("privilege"), grantable = result.column("grantable");
    model.grants.reserve(result.size());
    for (auto row : result) {
        model.grants.push_back(Grant{id_of(row, kind, schema, name, member), text(row, grantee), text(row, privilege),
                                     boolean(row, grantable)});
    }
}

// Sequences owned by a column follow their table's owner (PostgreSQL
// refuses to change them alone), so only schemas, tables and enums.
std::string owners_sql(int) {
    const std::string claimed = "n.nspname = ANY ($1::pg_catalog.text[])";
    return R"SQL(
SELECT 'schema' AS kind, NULL::pg_catalog.text AS schema, n.nspname AS name, NULL::pg_catalog.text AS member,
       pg_catalog.pg_get_userbyid(n.nspowner) AS owner
FROM pg_catalog.pg_namespace n WHERE )SQL" +
           claimed + R"SQL(
UNION ALL
SELECT 'table', n.nspname, c.relname, NULL, pg_catalog.pg_get_userbyid(c.relowner)
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE )SQL" +
           tables_in_scope("c") +
           R"SQL(
UNION ALL
SELECT 'enum', n.nspname, t.typname, NULL, pg_catalog.pg_get_userbyid(t.typowner)
FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND )SQL" +
           claimed + " AND " + not_extension_member("pg_type", "t.oid") + "\n";
}

void build_owners(const ResultSet& result, ReadContext&, Model& model) {
    const auto kind = result.column("kind"), schema = result.column("schema"), name = result.column("name"),
               member = result.column("member"), owner = result.column("owner");
    model.owners.reserve(result.size());
    for (auto row : result) {
        model.owners.push_back(Ownership{id_of(row, kind, schema, name, member), text(row, owner)});
    }
}

// Global entries (defaclnamespace 0) replace the built-in defaults, so
// they also list what acldefault grants (the FOR ROLE itself; PUBLIC on
// functions and types): those rows are the defaults, not choices, and are
// left out. Entries IN SCHEMA only add to the defaults.
std::string default_grants_sql(int) {
    return R"SQL(
SELECT pg_catalog.pg_get_userbyid(d.defaclrole) AS role, n.nspname AS schema, d.defaclobjtype AS objects,
       )SQL" +
           grantee_name("a.grantee") +
           R"SQL( AS grantee, a.privilege_type AS privilege, a.is_grantable AS grantable
FROM pg_catalog.pg_default_acl d
LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace, pg_catalog.aclexplode(d.defaclacl) a
WHERE (d.defaclnamespace = 0 OR n.nspname = ANY ($1::pg_catalog.text[])) AND a.grantee <> d.defaclrole
  AND NOT (d.defaclnamespace = 0 AND (a.grantee, a.privilege_type, a.is_grantable) IN (
        SELECT dd.grantee, dd.privilege_type, dd.is_grantable
        FROM pg_catalog.aclexplode(pg_catalog.acldefault(
               CASE d.defaclobjtype WHEN 'S' THEN 's' ELSE d.defaclobjtype END, d.defaclrole)) dd))
)SQL";
}

void build_default_grants(const ResultSet& result, ReadContext&, Model& model) {
    const auto role = result.column("role"), schema = result.column("schema"), objects = result.column("objects"),
               grantee = result.column("grantee"), privilege = result.column("privilege"),
               grantable = result.column("grantable");
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
        model.default_grants.push_back(DefaultGrant{text(row, role), row[schema] ? text(row, schema) : std::string(),
                                                    kind, text(row, grantee), text(row, privilege),
                                                    boolean(row, grantable)});
    }
}

}  // namespace reconcile::catalog::introspect_detail
