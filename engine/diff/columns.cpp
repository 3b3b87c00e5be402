#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

namespace {

void alter(DiffResult& out, const Table& table, const Column& from, const Column& to, ColumnAttribute what) {
    out.changes.push_back(AlterColumn{table.name, from, without_comment(to), what, table.partitioning.has_value()});
}

// A serial column is an integer column whose default is nextval() of a
// sequence it owns; `serial` is only how that shape is spelled. Comparing
// the defaults is therefore enough, with one exception: a manifest that asks
// for serial on a plain column may carry no default text yet (the sequence
// does not exist, so canonicalization cannot print it). That still needs a
// new default. The reverse (serial -> plain integer without default) shows
// up as a default removal; the owned sequence is left in place, PostgreSQL
// only drops it with the column.
bool default_differs(const Column& have, const Column& want) {
    if (have.default_expr != want.default_expr) {
        return !(want.serial != catalog::Serial::none && !want.default_expr && have.serial != catalog::Serial::none);
    }
    return want.serial != catalog::Serial::none && have.serial == catalog::Serial::none && !want.default_expr;
}

void diff_column(const Table& have_table, const Column& have, const Table& want_table, const Column& want,
                 DiffResult& out, RecreatedColumns& recreated) {
    if (have.generated != want.generated) {
        // Before PostgreSQL 17 a generation expression cannot be changed in
        // place (ALTER COLUMN ... SET EXPRESSION is new in 17), and adding
        // one to an existing column is impossible in every version. The
        // column is dropped and added again: destructive, so the planner
        // refuses it unless destructive steps are allowed.
        out.changes.push_back(DropColumn{have_table.name, have});
        out.changes.push_back(AddColumn{want_table.name, without_comment(want)});
        comment_new(out, member_ref(ObjectKind::column, want_table.name, want.name), want.comment);
        tune_new_column(want_table.name, want, out);
        recreated.insert(want.name);
        return;
    }
    if (have.type != want.type) {
        // A collation change rides along: ALTER COLUMN ... TYPE t COLLATE c.
        alter(out, want_table, have, want, ColumnAttribute::type);
    } else if (have.collation != want.collation) {
        alter(out, want_table, have, want, ColumnAttribute::collation);
    }
    if (have.not_null != want.not_null) alter(out, want_table, have, want, ColumnAttribute::not_null);
    if (default_differs(have, want)) alter(out, want_table, have, want, ColumnAttribute::default_value);
    if (have.identity != want.identity) alter(out, want_table, have, want, ColumnAttribute::identity);
    if (have.tuning != want.tuning) {
        out.changes.push_back(SetColumnTuning{want_table.name, want.name, have.tuning, want.tuning});
    }
    diff_comment(out, member_ref(ObjectKind::column, want_table.name, want.name), have.comment, want.comment);
}

}  // namespace

void tune_new_column(const QualifiedName& table, const Column& column, DiffResult& out) {
    if (!column.tuning.empty()) out.changes.push_back(SetColumnTuning{table, column.name, {}, column.tuning});
}

// Columns match by name. A table's columns are few, so linear lookups are
// fine here. Column order is not diffed: PostgreSQL always appends a new
// column and cannot reorder existing ones.
RecreatedColumns diff_columns(const Table& have, const Table& want, DiffResult& out) {
    RecreatedColumns recreated;
    for (const Column& h : have.columns) {
        if (!want.find_column(h.name)) out.changes.push_back(DropColumn{have.name, h});
    }
    for (const Column& w : want.columns) {
        const Column* h = have.find_column(w.name);
        if (!h) {
            out.changes.push_back(AddColumn{want.name, without_comment(w)});
            comment_new(out, member_ref(ObjectKind::column, want.name, w.name), w.comment);
            tune_new_column(want.name, w, out);
        } else if (!(*h == w)) {
            diff_column(have, *h, want, w, out, recreated);
        }
    }
    return recreated;
}

}  // namespace reconcile::engine::diff_detail
