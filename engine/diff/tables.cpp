#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

namespace {

ObjectId table_ref(const QualifiedName& name) {
    return catalog::table_id(name);
}

void diff_existing_table(const Table& have, const Table& want, const DiffOptions& options, DiffResult& out) {
    if (have.unlogged != want.unlogged) out.changes.push_back(SetLogged{want.name, want.unlogged});
    if (have.storage != want.storage) out.changes.push_back(SetStorage{want.name, have.storage, want.storage});
    if (have.replica_identity != want.replica_identity || have.replica_identity_index != want.replica_identity_index) {
        out.changes.push_back(SetReplicaIdentity{want.name, want.replica_identity, want.replica_identity_index});
    }
    const std::size_t first = out.changes.size();
    const MembersCompared members = diff_partitioning(have, want, out);
    if (members != MembersCompared::none) {
        RecreatedColumns recreated =
            members == MembersCompared::all ? diff_columns(have, want, out) : RecreatedColumns{};
        diff_constraints(have, want, recreated, out);
        diff_indexes(have, want, recreated, out);
        diff_triggers(have, want, recreated, options, out);
    }
    attach_after_drops(out, first);
    diff_row_security(have, want, out);
    diff_policies(have, want, out);
    diff_comment(out, table_ref(want.name), have.comment, want.comment);
}

// Dropped tables that reference each other: DROP TABLE refuses to drop a
// table another table's foreign key still points at, so such keys are
// dropped first, mirroring how creation adds them last. A key pointing at a
// kept table, or at its own table, goes away with its table.
void drop_keys_between_dropped_tables(const std::vector<const Table*>& dropped, DiffResult& out) {
    std::set<QualifiedName> names;
    for (const Table* table : dropped) names.insert(table->name);
    for (const Table* table : dropped) {
        for (const Constraint& c : table->constraints) {
            if (c.kind != catalog::ConstraintKind::foreign_key || !c.references) continue;
            if (c.references->table != table->name && names.count(c.references->table)) {
                out.changes.push_back(DropConstraint{table->name, c});
            }
        }
    }
}

}  // namespace

// CREATE TABLE carries the columns and the constraints that only involve the
// table itself (primary key, unique, check). Foreign keys become their own
// changes so two new tables may reference each other: both are created, then
// both keys added. Indexes are separate statements in PostgreSQL anyway.
void create_table(const Table& want, DiffResult& out) {
    Table table;
    table.name = want.name;
    table.unlogged = want.unlogged;
    table.storage = want.storage;
    table.partitioning = want.partitioning;
    table.partition_of = want.partition_of;
    table.inherits = want.inherits;
    for (const Column& column : want.columns) table.columns.push_back(without_comment(column));
    // A NOT VALID check is added after the table, the only place NOT VALID
    // can be said.
    auto separate = [](const Constraint& c) { return c.kind == catalog::ConstraintKind::foreign_key || c.not_valid; };
    for (const Constraint& constraint : want.constraints) {
        if (!separate(constraint)) table.constraints.push_back(without_comment(constraint));
    }
    out.changes.push_back(CreateTable{std::move(table)});
    comment_new(out, table_ref(want.name), want.comment);
    for (const Column& column : want.columns) {
        comment_new(out, member_ref(ObjectKind::column, want.name, column.name), column.comment);
        tune_new_column(want.name, column, out);
    }
    for (const Constraint& constraint : want.constraints) {
        if (separate(constraint)) out.changes.push_back(AddConstraint{want.name, without_comment(constraint)});
        comment_new(out, member_ref(ObjectKind::constraint, want.name, constraint.name), constraint.comment);
    }
    for (const Index& index : want.indexes) {
        out.changes.push_back(CreateIndex{want.name, without_comment(index)});
        comment_new(out, member_ref(ObjectKind::index, want.name, index.name), index.comment);
    }
    create_triggers(want, out);
    // Cannot be said in CREATE TABLE; USING INDEX needs the index first.
    if (want.replica_identity != catalog::ReplicaIdentity::default_key) {
        out.changes.push_back(SetReplicaIdentity{want.name, want.replica_identity, want.replica_identity_index});
    }
    create_row_security(want, out);
}

void diff_tables(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options, DiffResult& out) {
    std::vector<const Table*> dropped;
    const std::set<QualifiedName> left_alone = partitions_left_alone(have, want);
    merge_by_key(
        have.tables, want.tables, [](const Table& t) -> const QualifiedName& { return t.name; },
        [&](const Table& h) {
            if (left_alone.count(h.name)) return;
            if (options.prune == Prune::yes) {
                out.changes.push_back(DropTable{h});
                dropped.push_back(&h);
            } else {
                out.not_in_manifests.push_back(table_ref(h.name));
            }
        },
        [&](const Table& w) { create_table(w, out); },
        [&](const Table& h, const Table& w) {
            if (h == w) return;
            if (h.inherits == w.inherits) {
                diff_existing_table(h, w, options, out);
            } else {
                diff_inheritance(h, w, out);
                diff_existing_table(as_inheritance_changes_leave_it(h, w, have, want), w, options, out);
            }
        });
    drop_keys_between_dropped_tables(dropped, out);
    keep_indexes_parents_adopt(want, out);
}

}  // namespace reconcile::engine::diff_detail
