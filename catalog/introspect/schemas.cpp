// Schemas: the requested ones that exist, with their comments.
#include <algorithm>

#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

std::string schemas_sql(int) {
    static const std::string sql = R"SQL(
SELECT n.nspname AS name, d.description AS comment
FROM pg_catalog.pg_namespace n
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = n.oid AND d.classoid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND d.objsubid = 0
WHERE n.nspname = ANY ($1::pg_catalog.text[])
)SQL";
    return sql;
}

void build_schemas(const ResultSet& result, ReadContext&, Model& model) {
    const auto name = result.column("name"), comment = result.column("comment");
    for (auto row : result) {
        model.schemas.push_back(Schema{text(row, name), optional_text(row, comment)});
    }
    // The later steps look schemas up by name.
    std::sort(model.schemas.begin(), model.schemas.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
}

}  // namespace reconcile::catalog::introspect_detail
