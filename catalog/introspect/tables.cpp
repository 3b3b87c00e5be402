// Tables, one row each. Only ordinary tables: partitions and partitioned
// tables are listed as unmanaged by unmanaged.cpp until the model covers
// them. columns.cpp, constraints.cpp and indexes.cpp read the same set of
// tables (tables_in_scope) and attach to them by oid.
#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

std::string tables_in_scope(std::string_view c, std::string_view n) {
    const std::string rel(c), nsp(n);
    return rel + ".relkind = 'r' AND NOT " + rel + ".relispartition AND " + nsp +
           ".nspname = ANY ($1::pg_catalog.text[])\n  AND " + not_extension_member("pg_class", rel + ".oid");
}

std::string table_share(std::string_view c) {
    return "pg_catalog.mod(" + std::string(c) + ".oid::pg_catalog.int8, $2::pg_catalog.int8) BETWEEN $3 AND $4";
}

std::string tables_sql(int) {
    return R"SQL(
SELECT c.oid, n.nspname AS schema, c.relname AS name, d.description AS comment,
       c.relpersistence = 'u' AS unlogged, c.reloptions AS storage, c.relreplident AS replica_identity,
       CASE WHEN c.relreplident = 'i'
            THEN (SELECT ic.relname FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
                  WHERE i.indrelid = c.oid AND i.indisreplident) END AS replica_identity_index,
       c.relrowsecurity AS row_security, c.relforcerowsecurity AS force_row_security
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objsubid = 0
WHERE )SQL" +
           tables_in_scope("c") + "\n";
}

void build_tables(const ResultSet& result, ReadContext& ctx, Model& model) {
    const auto oid_column = result.column("oid"), schema = result.column("schema"), name = result.column("name"),
               comment = result.column("comment"), unlogged = result.column("unlogged"),
               storage = result.column("storage"), replica_identity = result.column("replica_identity"),
               replica_identity_index = result.column("replica_identity_index"),
               row_security = result.column("row_security"), force_row_security = result.column("force_row_security");
    model.tables.reserve(result.size());
    for (auto row : result) {
        Table table;
        table.name = {text(row, schema), text(row, name)};
        table.comment = optional_text(row, comment);
        table.unlogged = boolean(row, unlogged);
        table.row_security = boolean(row, row_security);
        table.force_row_security = boolean(row, force_row_security);
        if (auto options = optional_text(row, storage)) table.storage = parse_text_array(*options);
        const auto identity = view(row, replica_identity);
        if (identity == "f") table.replica_identity = ReplicaIdentity::full;
        if (identity == "n") table.replica_identity = ReplicaIdentity::nothing;
        // An index dropped since falls back to the default in PostgreSQL.
        if (auto index = optional_text(row, replica_identity_index); identity == "i" && index) {
            table.replica_identity = ReplicaIdentity::index;
            table.replica_identity_index = *index;
        }
        ctx.tables[oid(row, oid_column)].index = model.tables.size();
        model.tables.push_back(std::move(table));
    }
}

Table* ReadContext::table(Model& model, std::uint32_t oid) {
    auto found = tables.find(oid);
    return found == tables.end() ? nullptr : &model.tables[found->second.index];
}

}  // namespace reconcile::catalog::introspect_detail
