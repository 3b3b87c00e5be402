// What partitions and INHERITS children set themselves on the columns they
// have from their parents (catalog::InheritedColumn): a default or NOT NULL
// beyond the parents', a comment.
//
// A child gets its parents' default and NOT NULL when it is created, and
// ALTER COLUMN ... SET DEFAULT / SET NOT NULL on a parent reaches its
// children too, overwriting a child's own default. So each setting is
// compared with the column as the parents leave it: after the plan, a
// child has its parent's new default unless it sets its own again, which
// the plan then does, after the parent's change.
#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

namespace {

const catalog::InheritedColumn* own_setting(const Table& table, const std::string& column) {
    for (const auto& own : table.inherited_columns) {
        if (own.name == column) return &own;
    }
    return nullptr;
}

std::vector<QualifiedName> parents_of(const Table& table) {
    std::vector<QualifiedName> out = table.inherits;
    if (table.partition_of) out.push_back(table.partition_of->parent);
    return out;
}

Column effective(const catalog::Model& model, const Table& table, const std::string& column, int depth);

// What the parents of `child` give `column` in `model`: the column as the
// first of them (in INHERITS order) that has it has it, with its default
// and NOT NULL. Name only when no declared ancestor has it (a parent
// outside the claimed schemas).
Column from_parents(const catalog::Model& model, const Table& child, const std::string& column, int depth = 0) {
    Column out;
    out.name = column;
    if (depth > 100) return out;  // a cycle of parents, reported by validation
    for (const auto& name : parents_of(child)) {
        const Table* parent = model.find_table(name);
        if (!parent) continue;
        Column from = effective(model, *parent, column, depth + 1);
        if (from.type.empty() && !from.default_expr && !from.not_null) continue;
        out.default_expr = from.default_expr;
        out.not_null = from.not_null;
        out.type = from.type;
        break;
    }
    return out;
}

// The column as `table` has it: its own column, or what its parents give
// it with its own settings on top.
Column effective(const catalog::Model& model, const Table& table, const std::string& column, int depth) {
    if (const Column* own = table.find_column(column)) return *own;
    Column out = from_parents(model, table, column, depth);
    if (const auto* own = own_setting(table, column)) {
        if (own->default_expr) out.default_expr = own->default_expr;
        out.not_null = out.not_null || own->not_null;
    }
    return out;
}

void diff_child(const catalog::Model& have_model, const catalog::Model& want_model, const Table* have,
                const Table& want, DiffResult& out) {
    std::set<std::string> columns;
    for (const auto& own : want.inherited_columns) columns.insert(own.name);
    if (have) {
        for (const auto& own : have->inherited_columns) columns.insert(own.name);
    }
    for (const auto& name : columns) {
        const catalog::InheritedColumn none{name};
        const auto* h = have ? own_setting(*have, name) : nullptr;
        const auto* w = own_setting(want, name);
        if (!h) h = &none;
        if (!w) w = &none;
        Column base = from_parents(want_model, want, name);
        // What the child holds once its parents' changes have reached it:
        // its own settings, unless a parent's change overwrote them.
        Column was = have ? from_parents(have_model, *have, name) : base;
        Column from = base;
        bool parent_default_kept = was.default_expr == base.default_expr;
        if (h->default_expr && parent_default_kept) from.default_expr = h->default_expr;
        from.not_null = base.not_null || (h->not_null && was.not_null == base.not_null);
        Column to = base;
        if (w->default_expr) to.default_expr = w->default_expr;
        to.not_null = base.not_null || w->not_null;
        auto alter = [&](ColumnAttribute what) {
            out.changes.push_back(AlterColumn{
                .table = want.name, .from = from, .to = to, .what = what, .inherited_from = parents_of(want)});
        };
        if (from.default_expr != to.default_expr) alter(ColumnAttribute::default_value);
        if (from.not_null != to.not_null) alter(ColumnAttribute::not_null);
        // A new child has no comment yet (h is `none`).
        diff_comment(out, member_ref(ObjectKind::column, want.name, name), h->comment, w->comment);
    }
}

}  // namespace

void diff_inherited_columns(const catalog::Model& have, const catalog::Model& want, DiffResult& out) {
    for (const auto& table : want.tables) {
        if (!table.partition_of && table.inherits.empty()) continue;
        const Table* live = have.find_table(table.name);
        if (table.inherited_columns.empty() && (!live || live->inherited_columns.empty())) continue;
        diff_child(have, want, live, table, out);
    }
}

}  // namespace reconcile::engine::diff_detail
