// A table has at most one primary key. When the new key has another name
// than the old one, the diff drops one and adds the other; adding first
// fails with "multiple primary keys for table ... are not allowed", so the
// old key is dropped first. (Under the same name, one ReplaceConstraint
// statement does both.)
#include <map>

#include "engine/plan/rules/repairs.hpp"

namespace reconcile::engine::plan_detail {

void one_primary_key_per_table(const std::vector<Change>& changes, Graph& graph) {
    using catalog::ConstraintKind;
    std::map<QualifiedName, std::vector<std::size_t>> dropped, added;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        if (const auto* drop = std::get_if<DropConstraint>(&changes[i])) {
            if (drop->constraint.kind == ConstraintKind::primary_key) dropped[drop->table].push_back(i);
        } else if (const auto* add = std::get_if<AddConstraint>(&changes[i])) {
            if (add->constraint.kind == ConstraintKind::primary_key) added[add->table].push_back(i);
        }
    }
    for (const auto& [table, drops] : dropped) {
        auto it = added.find(table);
        if (it == added.end()) continue;
        for (std::size_t drop : drops) {
            for (std::size_t add : it->second) graph.add_edge(drop, add);
        }
    }
}

}  // namespace reconcile::engine::plan_detail
