// PostgreSQL refuses DROP NOT NULL on a column of a primary key ("column is
// in a primary key"), so a column leaving the key becomes nullable only
// after the old key is dropped or replaced.
#include <algorithm>
#include <map>

#include "engine/plan/rules/repairs.hpp"

namespace reconcile::engine::plan_detail {

void primary_key_keeps_not_null(const std::vector<Change>& changes, Graph& graph) {
    using catalog::ConstraintKind;
    std::map<QualifiedName, std::vector<std::pair<const Constraint*, std::size_t>>> old_keys;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        if (const auto* drop = std::get_if<DropConstraint>(&changes[i])) {
            if (drop->constraint.kind == ConstraintKind::primary_key)
                old_keys[drop->table].push_back({&drop->constraint, i});
        } else if (const auto* replace = std::get_if<ReplaceConstraint>(&changes[i])) {
            if (replace->from.kind == ConstraintKind::primary_key)
                old_keys[replace->table].push_back({&replace->from, i});
        }
    }
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const auto* alter = std::get_if<AlterColumn>(&changes[i]);
        if (!alter || alter->what != ColumnAttribute::not_null || alter->to.not_null) continue;
        auto it = old_keys.find(alter->table);
        if (it == old_keys.end()) continue;
        for (const auto& [key, node] : it->second) {
            const auto& columns = key->columns;
            if (std::find(columns.begin(), columns.end(), alter->to.name) != columns.end()) graph.add_edge(node, i);
        }
    }
}

}  // namespace reconcile::engine::plan_detail
