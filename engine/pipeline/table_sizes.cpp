#include "engine/pipeline/table_sizes.hpp"

#include <map>

#include "engine/render/sql_writer.hpp"

namespace reconcile::engine {

void estimate_table_sizes(Plan& plan, catalog::Connection& target) {
    std::map<QualifiedName, std::size_t> position;
    std::vector<std::string> names;
    std::vector<QualifiedName> tables;
    for (const auto& step : plan.steps) {
        if (step.hazards.empty()) continue;
        auto table = table_worked_on(step.change);
        if (!table || position.count(*table)) continue;
        position.emplace(*table, tables.size());
        tables.push_back(*table);
        names.push_back(sql::qualified(*table));
    }
    if (tables.empty()) return;
    // A partitioned table holds no rows itself: its partitions' sums. Since
    // PostgreSQL 14 reltuples is -1 until the table is first analyzed or
    // vacuumed (before, 0 and empty pages both mean "not yet").
    auto rows = target.query(
        "SELECT n.ordinality, "
        "  CASE WHEN pg_catalog.bool_and(p.reltuples < 0 OR (p.reltuples = 0 AND p.relpages = 0)) "
        "       THEN NULL ELSE pg_catalog.sum(GREATEST(p.reltuples, 0))::pg_catalog.int8 END, "
        "  pg_catalog.sum(pg_catalog.pg_total_relation_size(p.oid))::pg_catalog.int8 "
        "FROM pg_catalog.unnest($1::pg_catalog.text[]) WITH ORDINALITY AS n(name, ordinality) "
        "JOIN pg_catalog.pg_class c ON c.oid = pg_catalog.to_regclass(n.name) "
        "CROSS JOIN LATERAL (SELECT c.oid WHERE c.relkind = 'r' "
        "  UNION ALL SELECT t.relid FROM pg_catalog.pg_partition_tree(c.oid) t WHERE c.relkind = 'p' AND t.isleaf"
        ") AS leaf(oid) "
        "JOIN pg_catalog.pg_class p ON p.oid = leaf.oid "
        "GROUP BY n.ordinality",
        {catalog::text_array_literal(names)});
    std::vector<std::optional<TableSize>> sizes(tables.size());
    for (auto row : rows) {
        const std::size_t index = std::stoul(std::string(row[0].value_or("1"))) - 1;
        TableSize size{tables[index], std::nullopt, std::stoll(std::string(row[2].value_or("0")))};
        if (row[1]) size.rows = std::stoll(std::string(*row[1]));
        sizes[index] = size;
    }
    for (auto& step : plan.steps) {
        if (step.hazards.empty()) continue;
        if (auto table = table_worked_on(step.change)) step.table_size = sizes[position.at(*table)];
    }
}

}  // namespace reconcile::engine
