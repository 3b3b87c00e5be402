// ALTER COLUMN ... TYPE re-checks every constraint and rebuilds every index
// that uses the column, against the new type, including foreign keys of
// other tables that reference it. One that this plan drops anyway may not
// survive that (a check `status > 0` fails with "operator does not exist:
// text > integer" when status becomes text; a foreign key from an int
// column "cannot be implemented" once the key becomes text), so it is
// dropped, or its table is, before the type changes. So is a view that
// reads the column (the server refuses the change while it exists). A constraint or index replaced in one
// statement cannot be split this way and keeps running after the change.
#include <algorithm>
#include <map>

#include "engine/diff/mentions.hpp"
#include "engine/plan/rules/repairs.hpp"

namespace reconcile::engine::plan_detail {

void drop_uses_before_type_change(const std::vector<Change>& changes, Graph& graph) {
    std::map<QualifiedName, std::vector<std::pair<std::string, std::size_t>>> type_changes;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const auto* alter = std::get_if<AlterColumn>(&changes[i]);
        if (alter && alter->what == ColumnAttribute::type) type_changes[alter->table].push_back({alter->to.name, i});
    }
    if (type_changes.empty()) return;
    auto before_type_changes = [&](std::size_t node, const QualifiedName& table, const auto& object) {
        auto it = type_changes.find(table);
        if (it == type_changes.end()) return;
        for (const auto& [column, alter] : it->second) {
            if (mentions_column(object, column)) graph.add_edge(node, alter);
        }
    };
    // A foreign key holds the referenced columns of another table.
    auto referencing_before_type_changes = [&](std::size_t node, const Constraint& constraint) {
        if (!constraint.references) return;
        const auto& fk = *constraint.references;
        auto it = type_changes.find(fk.table);
        if (it == type_changes.end()) return;
        for (const auto& [column, alter] : it->second) {
            if (std::find(fk.columns.begin(), fk.columns.end(), column) != fk.columns.end())
                graph.add_edge(node, alter);
        }
    };
    for (std::size_t i = 0; i < changes.size(); ++i) {
        if (const auto* drop = std::get_if<DropConstraint>(&changes[i])) {
            before_type_changes(i, drop->table, drop->constraint);
            referencing_before_type_changes(i, drop->constraint);
        } else if (const auto* drop_index = std::get_if<DropIndex>(&changes[i])) {
            before_type_changes(i, drop_index->table, drop_index->index);
        } else if (const auto* drop_view = std::get_if<DropView>(&changes[i])) {
            // PostgreSQL refuses to retype a column a view reads; the diff
            // re-creates such views around the change.
            for (const auto& used : drop_view->view.uses) {
                if (used.kind != ObjectKind::column) continue;
                auto it = type_changes.find(used.qualified());
                if (it == type_changes.end()) continue;
                for (const auto& [column, alter] : it->second) {
                    if (column == used.member) graph.add_edge(i, alter);
                }
            }
        } else if (const auto* drop_table = std::get_if<DropTable>(&changes[i])) {
            for (const auto& constraint : drop_table->table.constraints) {
                if (constraint.references && constraint.references->table != drop_table->table.name)
                    referencing_before_type_changes(i, constraint);
            }
        }
    }
}

}  // namespace reconcile::engine::plan_detail
