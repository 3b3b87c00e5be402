// Tables, one row each: ordinary tables, partitioned tables (relkind 'p')
// and partitions, each with its PARTITION BY or its parent and bound.
// columns.cpp, constraints.cpp and indexes.cpp read the same set of tables
// (tables_in_scope) and attach to them by oid; they leave out what a
// partition inherits from its parent (columns, cloned keys and indexes), and
// what an INHERITS child has from its parents (columns, checks), so that it
// is declared, and diffed, once.
#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

std::string tables_in_scope(std::string_view c, std::string_view n) {
    const std::string rel(c), nsp(n);
    return rel + ".relkind IN ('r', 'p') AND " + nsp + ".nspname = ANY ($1::pg_catalog.text[])\n  AND " +
           not_extension_member("pg_class", rel + ".oid");
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
       c.relrowsecurity AS row_security, c.relforcerowsecurity AS force_row_security,
       CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partitioning,
       pn.nspname AS parent_schema, pc.relname AS parent_name,
       -- A bound holds constants only: no relation to deparse against.
       CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, 0) END AS bound,
       -- INHERITS parents in order (a partition's one parent is above).
       ARRAY(SELECT hn.nspname FROM pg_catalog.pg_inherits h
             JOIN pg_catalog.pg_class hc ON hc.oid = h.inhparent
             JOIN pg_catalog.pg_namespace hn ON hn.oid = hc.relnamespace
             WHERE h.inhrelid = c.oid AND NOT c.relispartition ORDER BY h.inhseqno) AS inherits_schemas,
       ARRAY(SELECT hc.relname FROM pg_catalog.pg_inherits h
             JOIN pg_catalog.pg_class hc ON hc.oid = h.inhparent
             JOIN pg_catalog.pg_namespace hn ON hn.oid = hc.relnamespace
             WHERE h.inhrelid = c.oid AND NOT c.relispartition ORDER BY h.inhseqno) AS inherits_names
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_inherits i ON c.relispartition AND i.inhrelid = c.oid
LEFT JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent
LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
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
               row_security = result.column("row_security"), force_row_security = result.column("force_row_security"),
               partitioning = result.column("partitioning"), parent_schema = result.column("parent_schema"),
               parent_name = result.column("parent_name"), bound = result.column("bound"),
               inherits_schemas = result.column("inherits_schemas"), inherits_names = result.column("inherits_names");
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
        table.partitioning = optional_text(row, partitioning);
        if (auto parent = optional_text(row, parent_name)) {
            table.partition_of = PartitionOf{{text(row, parent_schema), *parent}, text(row, bound)};
        }
        auto parent_schemas = parse_text_array(view(row, inherits_schemas));
        auto parent_names = parse_text_array(view(row, inherits_names));
        for (std::size_t i = 0; i < parent_schemas.size() && i < parent_names.size(); ++i) {
            table.inherits.push_back({std::move(parent_schemas[i]), std::move(parent_names[i])});
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
