// Extensions installed in the requested schemas. An extension is a database
// object, but it puts its members in one schema, and that schema is what a
// manifest claims: an extension in a schema nobody claims is not ours.
// (plpgsql lives in pg_catalog, so it is never read.) The comment CREATE
// EXTENSION copies from the control file is the extension's, not the
// user's: it reads as no comment.
#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

std::string extensions_sql(int) {
    static const std::string sql = R"SQL(
SELECT x.extname AS name, n.nspname AS schema, x.extversion AS version,
       CASE WHEN d.description IS DISTINCT FROM a.comment THEN d.description END AS comment
FROM pg_catalog.pg_extension x
JOIN pg_catalog.pg_namespace n ON n.oid = x.extnamespace
LEFT JOIN pg_catalog.pg_available_extensions a ON a.name = x.extname
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = x.oid AND d.classoid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND d.objsubid = 0
WHERE n.nspname = ANY ($1::pg_catalog.text[])
)SQL";
    return sql;
}

void build_extensions(const ResultSet& result, ReadContext&, Model& model) {
    const auto name = result.column("name"), schema = result.column("schema"), version = result.column("version"),
               comment = result.column("comment");
    for (auto row : result) {
        model.extensions.push_back(
            Extension{text(row, name), text(row, schema), optional_text(row, version), optional_text(row, comment)});
    }
}

}  // namespace reconcile::catalog::introspect_detail
