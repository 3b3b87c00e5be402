// Range types (CREATE TYPE ... AS RANGE), one row each from pg_range. The
// multirange type PostgreSQL 14+ creates with each comes and goes with it.
#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

namespace {

// A function named as a manifest names it: qualified unless in pg_catalog.
std::string function_name(const std::string& oid_column) {
    return "(SELECT CASE WHEN pn.nspname = 'pg_catalog' THEN pg_catalog.quote_ident(p.proname)\n"
           "             ELSE pg_catalog.quote_ident(pn.nspname) || '.' || pg_catalog.quote_ident(p.proname) END\n"
           "        FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace\n"
           "        WHERE p.oid = " +
           oid_column + ")";
}

}  // namespace

std::string range_types_sql(int) {
    return R"SQL(
SELECT n.nspname AS schema, t.typname AS name, pg_catalog.format_type(r.rngsubtype, NULL) AS subtype,
       CASE WHEN NOT opc.opcdefault THEN
         CASE WHEN opcn.nspname = 'pg_catalog' THEN pg_catalog.quote_ident(opc.opcname)
              ELSE pg_catalog.quote_ident(opcn.nspname) || '.' || pg_catalog.quote_ident(opc.opcname) END
       END AS subtype_opclass,
       CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation
            THEN pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)
       END AS collation_name,
       )SQL" +
           function_name("r.rngcanonical") + R"SQL( AS canonical,
       )SQL" +
           function_name("r.rngsubdiff") + R"SQL( AS subtype_diff,
       d.description AS comment
FROM pg_catalog.pg_range r
JOIN pg_catalog.pg_type t ON t.oid = r.rngtypid
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_type st ON st.oid = r.rngsubtype
JOIN pg_catalog.pg_opclass opc ON opc.oid = r.rngsubopc
JOIN pg_catalog.pg_namespace opcn ON opcn.oid = opc.opcnamespace
LEFT JOIN pg_catalog.pg_collation co ON co.oid = r.rngcollation
LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.objsubid = 0
WHERE n.nspname = ANY ($1::pg_catalog.text[])
  AND )SQL" +
           not_extension_member("pg_type", "t.oid") + "\n";
}

void build_range_types(const ResultSet& result, ReadContext&, Model& model) {
    const auto schema = result.column("schema"), name = result.column("name"), subtype = result.column("subtype"),
               opclass = result.column("subtype_opclass"), collation = result.column("collation_name"),
               canonical = result.column("canonical"), subtype_diff = result.column("subtype_diff"),
               comment = result.column("comment");
    for (auto row : result) {
        RangeType type;
        type.name = {text(row, schema), text(row, name)};
        type.subtype = text(row, subtype);
        type.subtype_opclass = optional_text(row, opclass);
        type.collation = optional_text(row, collation);
        type.canonical = optional_text(row, canonical);
        type.subtype_diff = optional_text(row, subtype_diff);
        type.comment = optional_text(row, comment);
        model.range_types.push_back(std::move(type));
    }
}

}  // namespace reconcile::catalog::introspect_detail
