// ALTER COLUMN ... TYPE re-checks every constraint and rebuilds every index
// that uses the column, against the new type. A constraint or index that
// this diff replaces (same name, new definition) would still be there in
// its old definition, which may not hold for the new type: a check
// `status > 0` fails with "operator does not exist: text > integer" when
// status becomes text. One ReplaceConstraint statement cannot straddle the
// type change, so such a replacement becomes a drop and an add, and the
// planner puts them on either side of it (engine/plan/rules/
// drop_uses_before_type_change.cpp).
#include <map>

#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

void split_replacements_across_type_changes(DiffResult& out) {
    std::map<QualifiedName, std::vector<std::string>> retyped;
    for (const Change& change : out.changes) {
        const auto* alter = std::get_if<AlterColumn>(&change);
        if (alter && alter->what == ColumnAttribute::type) retyped[alter->table].push_back(alter->to.name);
    }
    if (retyped.empty()) return;
    auto uses_retyped = [&](const QualifiedName& table, const auto& object) {
        auto it = retyped.find(table);
        if (it == retyped.end()) return false;
        return std::any_of(it->second.begin(), it->second.end(),
                           [&](const std::string& column) { return mentions_column(object, column); });
    };
    std::vector<Change> added;
    for (Change& change : out.changes) {
        if (auto* replace = std::get_if<ReplaceConstraint>(&change);
            replace && uses_retyped(replace->table, replace->from)) {
            added.push_back(AddConstraint{replace->table, replace->to});
            change = DropConstraint{replace->table, replace->from};
        } else if (auto* index = std::get_if<ReplaceIndex>(&change); index && uses_retyped(index->table, index->from)) {
            added.push_back(CreateIndex{index->table, index->to});
            change = DropIndex{index->table, index->from};
        }
    }
    for (Change& change : added) out.changes.push_back(std::move(change));
}

}  // namespace reconcile::engine::diff_detail
