// Enum types with their labels in sort order (not creation order: ALTER TYPE
// ... ADD VALUE BEFORE gives labels fractional enumsortorder values).
#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

std::string enums_sql(int) {
    static const std::string sql = R"SQL(
SELECT n.nspname AS schema, t.typname AS name, e.enumlabel AS label, d.description AS comment
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.objsubid = 0
WHERE t.typtype = 'e'
  AND n.nspname = ANY ($1::pg_catalog.text[])
  AND )SQL" + not_extension_member("pg_type", "t.oid") +
                                   R"SQL(
ORDER BY n.nspname, t.typname, e.enumsortorder
)SQL";
    return sql;
}

void build_enums(const ResultSet& result, ReadContext&, Model& model) {
    const auto schema = result.column("schema"), name = result.column("name"), label = result.column("label"),
               comment = result.column("comment");
    for (auto row : result) {
        QualifiedName qualified{text(row, schema), text(row, name)};
        if (model.enums.empty() || model.enums.back().name != qualified) {
            model.enums.push_back(EnumType{qualified, {}, optional_text(row, comment)});
        }
        // An enum without labels comes back as one row with a NULL label.
        if (auto value = optional_text(row, label)) model.enums.back().values.push_back(*value);
    }
}

}  // namespace reconcile::catalog::introspect_detail
