#include <map>

#include "engine/plan/rules/repairs.hpp"

namespace reconcile::engine::plan_detail {

// Several ALTER COLUMNs on one column must run in an order PostgreSQL
// accepts: an identity column cannot drop NOT NULL or take a default, so
// identity goes first when removed and last when added (it also needs NOT
// NULL and no default); the old default is dropped before the type changes
// (it may not cast) and the new one set after; NOT NULL is relaxed first and
// tightened last, after the default that fills it.
int alter_stage(const AlterColumn& c) {
    switch (c.what) {
        case ColumnAttribute::identity:
            return c.to.identity ? 6 : 0;
        case ColumnAttribute::not_null:
            return c.to.not_null ? 5 : 1;
        case ColumnAttribute::default_value:
            return c.to.default_expr ? 4 : 2;
        case ColumnAttribute::type:
        case ColumnAttribute::collation:
        case ColumnAttribute::generated:
            return 3;
    }
    return 3;
}

void staged_column_alterations(const std::vector<Change>& changes, Graph& graph) {
    std::map<ObjectId, std::vector<std::size_t>> by_column;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        if (const auto* alter = std::get_if<AlterColumn>(&changes[i])) by_column[alter->object()].push_back(i);
    }
    for (const auto& [column, nodes] : by_column) {
        for (std::size_t a : nodes) {
            for (std::size_t b : nodes) {
                if (alter_stage(std::get<AlterColumn>(changes[a])) < alter_stage(std::get<AlterColumn>(changes[b])))
                    graph.add_edge(a, b);
            }
        }
    }
}

}  // namespace reconcile::engine::plan_detail
