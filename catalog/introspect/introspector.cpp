// Orchestrates the per-kind readers (readers.hpp) and the transaction that
// makes their picture consistent.
#include "catalog/introspect/introspector.hpp"

#include <algorithm>
#include <set>

#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog {

using namespace introspect_detail;

Model read_model(Connection& conn, const std::vector<std::string>& schemas) {
    ReadContext ctx{conn, text_array_literal(schemas), conn.server_version()};
    Model model;
    read_schemas(ctx, model);
    read_enums(ctx, model);
    read_tables(ctx, model);  // before constraints and indexes, which attach to tables
    read_constraints(ctx, model);
    read_indexes(ctx, model);
    read_unmanaged(ctx, model);
    model.normalize();
    return model;
}

Model introspect(Connection& conn, const std::vector<std::string>& schemas) {
    // REPEATABLE READ: every reader sees the same snapshot. An empty
    // search_path makes format_type, pg_get_expr and regclass output
    // schema-qualify everything outside pg_catalog. JIT-compiling the catalog
    // queries costs seconds on big catalogs and saves nothing.
    conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL search_path = ''; SET LOCAL jit = off");
    try {
        Model model = read_model(conn, schemas);
        conn.execute("COMMIT");
        return model;
    } catch (...) {
        try {
            conn.execute("ROLLBACK");
        } catch (...) {
            // The original error is the one worth reporting.
        }
        throw;
    }
}

std::vector<std::string> list_user_schemas(Connection& conn) {
    static const std::string sql = R"SQL(
SELECT n.nspname
FROM pg_catalog.pg_namespace n
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg\_temp\_%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
  AND )SQL" + not_extension_member("pg_namespace", "n.oid");
    auto result = conn.query(sql);
    std::vector<std::string> names;
    for (const auto& row : result.rows) names.push_back(text(row, 0));
    std::sort(names.begin(), names.end());
    return names;
}

std::map<QualifiedName, std::vector<std::string>> read_table_columns(Connection& conn,
                                                                     const std::vector<QualifiedName>& tables) {
    // Deduplicated: a repeated name would repeat its columns in the join.
    std::set<QualifiedName> unique(tables.begin(), tables.end());
    std::vector<std::string> schemas, names;
    for (const auto& table : unique) {
        schemas.push_back(table.schema);
        names.push_back(table.name);
    }
    // Foreign keys can reference plain and partitioned tables.
    static const std::string sql = R"SQL(
SELECT n.nspname, c.relname, a.attname
FROM ROWS FROM (pg_catalog.unnest($1::pg_catalog.text[]), pg_catalog.unnest($2::pg_catalog.text[]))
  AS wanted(schema_name, table_name)
JOIN pg_catalog.pg_namespace n ON n.nspname = wanted.schema_name
JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = wanted.table_name AND c.relkind IN ('r', 'p')
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY n.nspname, c.relname, a.attnum
)SQL";
    auto result = conn.query(sql, {text_array_literal(schemas), text_array_literal(names)});
    std::map<QualifiedName, std::vector<std::string>> out;
    for (const auto& row : result.rows) {
        auto& columns = out[QualifiedName{text(row, 0), text(row, 1)}];
        if (row[2]) columns.push_back(*row[2]);
    }
    return out;
}

}  // namespace reconcile::catalog
