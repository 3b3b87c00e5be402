// Objects in the claimed schemas of kinds the model does not cover yet. One
// UNION ALL query so that adding a kind adds no round trip. Every branch
// returns the same columns: what is listed, then the object's identity in
// ObjectId's parts (schema, name, member, argument types), then a detail.
#include <stdexcept>

#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

std::string unmanaged_sql(int server_version) {
    const std::string claimed = "n.nspname = ANY ($1::pg_catalog.text[])";
    const std::string rel_not_ext = not_extension_member("pg_class", "c.oid");
    std::string sql;

    // Window functions and routines in C or internal languages
    // (functions.cpp and aggregates.cpp read the rest), identified by their input argument
    // types, which print qualified because search_path is empty. Functions
    // internal to another object (a range type's constructors, 'i') are
    // part of that object.
    sql += R"SQL(
SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END AS kind,
       n.nspname, p.proname, NULL::pg_catalog.text,
       ARRAY(SELECT pg_catalog.format_type(a.t, NULL)
             FROM pg_catalog.unnest(p.proargtypes::pg_catalog.oid[]) WITH ORDINALITY a(t, i) ORDER BY a.i),
       NULL::pg_catalog.text
FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
WHERE NOT ()SQL" +
           routine_is_managed("p") + " OR " + aggregate_is_managed("p") + ") AND " + claimed + " AND " +
           not_extension_member("pg_proc", "p.oid") + R"SQL(
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i
                  WHERE i.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND i.objid = p.oid
                    AND i.deptype = 'i'))SQL";

    // Foreign tables: the other relations are read by tables.cpp (tables,
    // partitioned tables, partitions), views.cpp and sequences.cpp.
    sql += R"SQL(
UNION ALL
SELECT 'foreign table', n.nspname, c.relname, NULL, NULL, NULL
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE )SQL" +
           claimed + " AND " + rel_not_ext + R"SQL(
  AND c.relkind = 'f'
UNION ALL
SELECT 'row level security', n.nspname, c.relname, NULL, NULL, NULL
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE )SQL" +
           claimed + " AND " + rel_not_ext + R"SQL( AND (c.relrowsecurity OR c.relforcerowsecurity)
  AND c.relkind NOT IN ('r', 'p')
)SQL";

    // Objects that hang off a relation. Triggers on the tables and views in
    // scope are read by triggers.cpp; those on materialized views (there
    // are none: the server refuses them) and foreign tables are listed here.
    sql += R"SQL(
UNION ALL
SELECT 'trigger', n.nspname, c.relname, tg.tgname, NULL, NULL
FROM pg_catalog.pg_trigger tg JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT tg.tgisinternal AND tg.tgparentid = 0 AND NOT )SQL" +
           relations_with_triggers("c") + "\n  AND " + claimed + " AND " + rel_not_ext + R"SQL(
UNION ALL
SELECT 'policy', n.nspname, c.relname, po.polname, NULL, NULL
FROM pg_catalog.pg_policy po JOIN pg_catalog.pg_class c ON c.oid = po.polrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind NOT IN ('r', 'p') AND )SQL" +
           claimed + " AND " + rel_not_ext + R"SQL(
UNION ALL
SELECT 'rule', n.nspname, c.relname, r.rulename, NULL, NULL
FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE r.rulename <> '_RETURN' AND )SQL" +
           claimed + " AND " + rel_not_ext + R"SQL(
)SQL";

    // Column privileges on views and materialized views: privileges.cpp
    // reads those of tables only, so a grant on a view's column would be
    // lost on rebuild without a word (found on PostgREST's fixtures).
    sql += R"SQL(
UNION ALL
SELECT 'column privileges', n.nspname, c.relname, a.attname, NULL, NULL
FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('v', 'm')
  AND )SQL" + claimed +
           " AND " + rel_not_ext + "\n";

    // Virtual generated columns are new in PostgreSQL 18; looking for them
    // scans all of pg_attribute, so only where they can exist.
    if (server_version >= pg18) {
        sql += R"SQL(
UNION ALL
SELECT 'virtual generated column', n.nspname, c.relname, a.attname, NULL, NULL
FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE a.attgenerated = 'v' AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind = 'r'
  AND )SQL" + claimed +
               " AND " + rel_not_ext;
    }

    // PostgreSQL 18 constraints the model cannot say yet (constraints.cpp
    // leaves the first two out; tables.cpp reads a column whose NOT NULL is
    // not valid yet as nullable). Partitions carry copies of their parent's.
    if (server_version >= pg18) {
        sql += R"SQL(
UNION ALL
SELECT CASE WHEN co.contype = 'n' THEN 'not valid NOT NULL constraint'
            WHEN NOT co.conenforced THEN 'not enforced constraint'
            ELSE 'temporal constraint' END,
       n.nspname, c.relname, co.conname, NULL, NULL
FROM pg_catalog.pg_constraint co JOIN pg_catalog.pg_class c ON c.oid = co.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE ((co.contype = 'n' AND NOT co.convalidated) OR NOT co.conenforced OR co.conperiod)
  AND co.conparentid = 0 AND co.conislocal AND c.relkind IN ('r', 'p')
  AND )SQL" + claimed +
               " AND " + rel_not_ext;
    }

    sql += R"SQL(
UNION ALL
SELECT 'collation', n.nspname, co.collname, NULL, NULL, NULL
FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace n ON n.oid = co.collnamespace
WHERE )SQL" +
           claimed + " AND " + not_extension_member("pg_collation", "co.oid") + R"SQL(
UNION ALL
SELECT 'statistics', n.nspname, s.stxname, NULL, NULL, NULL
FROM pg_catalog.pg_statistic_ext s JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace
WHERE )SQL" +
           claimed + " AND " + not_extension_member("pg_statistic_ext", "s.oid") + "\n";
    return sql;
}

namespace {

// The kind of object a listing names: the object itself ("view"), or the
// object that has the feature ("row level security" is on a table).
ObjectKind kind_listed(std::string_view what) {
    static const std::pair<std::string_view, ObjectKind> features[] = {
        {"row level security", ObjectKind::table},
        {"exclusion constraint", ObjectKind::constraint},
        {"virtual generated column", ObjectKind::column},
        {"column privileges", ObjectKind::column},
        {"not valid NOT NULL constraint", ObjectKind::constraint},
        {"not enforced constraint", ObjectKind::constraint},
        {"temporal constraint", ObjectKind::constraint},
    };
    for (const auto& [feature, kind] : features) {
        if (what == feature) return kind;
    }
    for (int k = 0; k <= static_cast<int>(ObjectKind::aggregate); ++k) {
        if (kind_name(static_cast<ObjectKind>(k)) == what) return static_cast<ObjectKind>(k);
    }
    throw std::logic_error("unmanaged_sql lists \"" + std::string(what) + "\", which has no ObjectKind");
}

}  // namespace

void build_unmanaged(const ResultSet& result, ReadContext&, Model& model) {
    for (auto row : result) {
        UnmanagedObject object;
        object.what = text(row, 0);
        object.id.kind = kind_listed(object.what);
        object.id.schema = text(row, 1);
        object.id.name = text(row, 2);
        if (auto member = optional_text(row, 3)) object.id.member = *member;
        if (auto arguments = optional_text(row, 4)) object.id.arguments = parse_text_array(*arguments);
        if (auto detail = optional_text(row, 5)) object.detail = *detail;
        model.unmanaged.push_back(std::move(object));
    }
}

}  // namespace reconcile::catalog::introspect_detail
