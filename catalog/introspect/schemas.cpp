// Schemas: the requested ones that exist, with their comments.
#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

void read_schemas(ReadContext& ctx, Model& model) {
    static const std::string sql = R"SQL(
SELECT n.nspname AS name, d.description AS comment
FROM pg_catalog.pg_namespace n
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = n.oid AND d.classoid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND d.objsubid = 0
WHERE n.nspname = ANY ($1::pg_catalog.text[])
)SQL";
    auto result = ctx.conn.query(sql, {ctx.schemas});
    const auto name = result.column("name"), comment = result.column("comment");
    for (const auto& row : result.rows) {
        model.schemas.push_back(Schema{text(row, name), optional_text(row, comment)});
    }
}

}  // namespace reconcile::catalog::introspect_detail
