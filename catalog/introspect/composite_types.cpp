// Standalone composite types (CREATE TYPE ... AS (...)): a pg_type of
// typtype 'c' whose relation is relkind 'c' (every table has a row type
// too), with its attributes in order, one row each.
#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

std::string composite_types_sql(int) {
    static const std::string sql = R"SQL(
SELECT t.oid, n.nspname AS schema, t.typname AS name, a.attnum, a.attname AS attribute,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
       CASE WHEN a.attcollation <> at.typcollation
            THEN pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)
       END AS collation_name,
       d.description AS comment
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_catalog.pg_type at ON at.oid = a.atttypid
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.objsubid = 0
WHERE t.typtype = 'c' AND n.nspname = ANY ($1::pg_catalog.text[])
  AND )SQL" + not_extension_member("pg_type", "t.oid") +
                                   "\nORDER BY t.oid, a.attnum\n";
    return sql;
}

void build_composite_types(const ResultSet& result, ReadContext&, Model& model) {
    const auto type_oid = result.column("oid"), schema = result.column("schema"), name = result.column("name"),
               attribute = result.column("attribute"), type = result.column("type"),
               collation = result.column("collation_name"), comment = result.column("comment");
    std::uint32_t last = 0;
    for (auto row : result) {
        if (model.composite_types.empty() || oid(row, type_oid) != last) {
            last = oid(row, type_oid);
            model.composite_types.push_back(
                CompositeType{{text(row, schema), text(row, name)}, {}, optional_text(row, comment)});
        }
        // A type without attributes comes back as one row with NULLs.
        if (auto attr = optional_text(row, attribute)) {
            model.composite_types.back().attributes.push_back({*attr, text(row, type), optional_text(row, collation)});
        }
    }
}

}  // namespace reconcile::catalog::introspect_detail
