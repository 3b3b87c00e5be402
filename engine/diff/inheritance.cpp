// INHERITS of a table that exists on both sides: ALTER TABLE ... INHERIT
// and NO INHERIT. A child's columns from its parents are the parents' (the
// model lists only the child's own), so when a parent is added or removed
// the columns compared change with it: ones the new parent brings are
// merged by INHERIT, not dropped first, and ones a removed parent leaves
// behind stay as the child's own, not added again.
#include <algorithm>

#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

namespace {

bool listed(const std::vector<QualifiedName>& names, const QualifiedName& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

Table as_inheritance_changes_leave_it(const Table& have, const Table& want, const catalog::Model& have_model,
                                      const catalog::Model& want_model) {
    Table out = have;
    for (const auto& parent : want.inherits) {
        if (listed(have.inherits, parent)) continue;
        const Table* declared = want_model.find_table(parent);
        if (!declared) continue;
        std::erase_if(out.columns, [&](const catalog::Column& c) { return declared->find_column(c.name); });
    }
    for (const auto& parent : have.inherits) {
        if (listed(want.inherits, parent)) continue;
        const Table* live = have_model.find_table(parent);
        if (!live) continue;
        for (const auto& column : live->columns) {
            if (!out.find_column(column.name)) out.columns.push_back(column);
        }
    }
    return out;
}

void diff_inheritance(const Table& have, const Table& want, DiffResult& out) {
    for (const auto& parent : have.inherits) {
        if (!listed(want.inherits, parent)) out.changes.push_back(NoInherit{want.name, parent});
    }
    for (const auto& parent : want.inherits) {
        if (!listed(have.inherits, parent)) out.changes.push_back(Inherit{want.name, parent});
    }
}

}  // namespace reconcile::engine::diff_detail
