#pragma once
// Private to engine/diff: one function per object kind, each appending to the
// same DiffResult, plus the helpers they share.
//
// Comments are never carried inside a creating change (CreateSchema,
// CreateEnum, CreateTable, AddColumn, AddConstraint, CreateIndex, the `to`
// side of a Replace*): every comment becomes a SetComment of its own, so the
// renderer writes COMMENT ON in exactly one place and the planner orders it
// after its target exists.
#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/diff/diff.hpp"
#include "engine/diff/mentions.hpp"

namespace reconcile::engine::diff_detail {

// Sorted merge of two identity-keyed lists. The model keeps them sorted, but
// sorting pointers here costs n log n and makes the diff correct for any
// input order. Calls on_have(h), on_want(w) or on_both(h, w) in key order.
template <typename T, typename Key, typename OnHave, typename OnWant, typename OnBoth>
void merge_by_key(const std::vector<T>& have, const std::vector<T>& want, Key key, OnHave on_have, OnWant on_want,
                  OnBoth on_both) {
    auto sorted = [&](const std::vector<T>& items) {
        std::vector<const T*> out;
        out.reserve(items.size());
        for (const T& item : items) out.push_back(&item);
        std::stable_sort(out.begin(), out.end(), [&](const T* a, const T* b) { return key(*a) < key(*b); });
        return out;
    };
    auto h = sorted(have);
    auto w = sorted(want);
    std::size_t i = 0, j = 0;
    while (i < h.size() || j < w.size()) {
        if (j == w.size() || (i < h.size() && key(*h[i]) < key(*w[j]))) {
            on_have(*h[i++]);
        } else if (i == h.size() || key(*w[j]) < key(*h[i])) {
            on_want(*w[j++]);
        } else {
            on_both(*h[i++], *w[j++]);
        }
    }
}

inline ObjectId member_ref(ObjectKind kind, const QualifiedName& table, const std::string& member) {
    return catalog::member_id(kind, table, member);
}

// SetComment when the comments differ.
void diff_comment(DiffResult& out, const ObjectId& target, const std::optional<std::string>& have,
                  const std::optional<std::string>& want);
// SetComment for a freshly created object, when it has a comment.
void comment_new(DiffResult& out, const ObjectId& target, const std::optional<std::string>& comment);

template <typename T>
T without_comment(T object) {
    object.comment.reset();
    return object;
}

// Columns of a table that this diff drops and re-adds under the same name
// (a change of generation expression). PostgreSQL's DROP COLUMN silently
// drops every index and constraint using the column, so those must be
// re-created even when their definition did not change.
using RecreatedColumns = std::set<std::string>;

void diff_schemas(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options, DiffResult& out);
void diff_extensions(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options,
                     DiffResult& out);
void diff_enums(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options, DiffResult& out);
void diff_domains(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options, DiffResult& out);
void diff_composite_types(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options,
                          DiffResult& out);
void diff_range_types(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options,
                      DiffResult& out);
void diff_sequences(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options,
                    DiffResult& out);
void diff_tables(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options, DiffResult& out);
void diff_aggregates(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options,
                     DiffResult& out);
void diff_functions(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options,
                    DiffResult& out);
// After diff_tables: a view reading a column or table that changes goes
// and comes back around it.
void diff_views(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options, DiffResult& out);
void diff_roles(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options, DiffResult& out);
void diff_role_settings(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options,
                        DiffResult& out);
void diff_memberships(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options,
                      DiffResult& out);
// privileges.cpp
// The objects whose ACL the manifests speak for: every declared object,
// and any other the manifests grant on or state PUBLIC for. Columns are
// looked up in their declared table rather than listed: at 10,000 tables
// a set of every column id cost 70 ms per diff that asked.
class PrivilegeScope {
public:
    explicit PrivilegeScope(const catalog::Model& want);
    bool contains(const ObjectId& object) const;
    // Every object in scope but columns, sorted.
    const std::vector<ObjectId>& objects() const { return objects_; }

private:
    const catalog::Model* want_;
    std::vector<ObjectId> objects_;  // sorted; no columns
};
// A column's table; any other object itself.
ObjectId owning_object(const ObjectId& id);
// Whether an object's ACL starts, for this plan, from the built-in
// default rather than the live one: it is created by the plan (the
// catalog side has an owner for every object in scope but the sequences
// of serial and identity columns, which exist where their column does; an
// object with none of these does not exist yet) or re-created
// (DiffResult::recreated). REQUIRES: the
// kinds' diffs have run (they fill `recreated`).
class FreshObjects {
public:
    FreshObjects(const catalog::Model& have, const PrivilegeScope& scope, const DiffResult& out);
    bool operator()(const ObjectId& object) const;

private:
    std::set<ObjectId> existing_;
    const PrivilegeScope* scope_;
    const std::set<ObjectId>* recreated_;
};
void diff_privileges(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options,
                     DiffResult& out);
void diff_owners(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options, DiffResult& out);
void diff_default_privileges(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options,
                             DiffResult& out);
// owner_privileges.cpp: what owners hold of their own objects' privileges
// (catalog::OwnerPrivileges).
void diff_owner_privileges(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options,
                           DiffResult& out);

// Changes for a table present on both sides.
// Which members of an existing table the diff compares after
// diff_partitioning: all; all but columns (a partition's are its parent's);
// none (a partition being detached keeps the server's copies of its
// parent's columns, keys and indexes, compared by the next plan).
enum class MembersCompared { all, all_but_columns, none };
// PARTITION BY and PARTITION OF of an existing table: attach, detach or
// move to another bound. Throws PlanError when the partitioning itself
// changes, which PostgreSQL cannot do in place.
MembersCompared diff_partitioning(const Table& have, const Table& want, DiffResult& out);
// Partitions in `have` that no manifest declares and that match their
// parent's Table::partitions_left_alone, with the partitions below them.
std::set<QualifiedName> partitions_left_alone(const catalog::Model& have, const catalog::Model& want);
// CREATE INDEX on a partitioned table adopts, on each partition, an index
// just like it (name aside) instead of building another: such a partition
// index that the manifests no longer list is not dropped (the server
// would refuse once adopted). Removes those DropIndex changes.
void keep_indexes_parents_adopt(const catalog::Model& want, DiffResult& out);
// `have` with the columns it will have once its INHERITS changes to want's:
// without those a new parent brings, with those a removed parent leaves.
Table as_inheritance_changes_leave_it(const Table& have, const Table& want, const catalog::Model& have_model,
                                      const catalog::Model& want_model);
// INHERIT / NO INHERIT for each parent added or removed.
void diff_inheritance(const Table& have, const Table& want, DiffResult& out);
// Fills AttachPartition::dropped_first from the keys and indexes dropped
// by the changes from `first` on (one table's).
void attach_after_drops(DiffResult& out, std::size_t first);
RecreatedColumns diff_columns(const Table& have, const Table& want, DiffResult& out);
void diff_constraints(const Table& have, const Table& want, const RecreatedColumns& recreated, DiffResult& out);
void diff_indexes(const Table& have, const Table& want, const RecreatedColumns& recreated, DiffResult& out);
// A trigger missing from the manifests is dropped only with --prune: an
// audit or append-only trigger lost by omission would go unnoticed.
void diff_triggers(const Table& have, const Table& want, const RecreatedColumns& recreated, const DiffOptions& options,
                   DiffResult& out);

// SET STATISTICS and the like cannot be said in CREATE TABLE or ADD COLUMN:
// a new column with any is followed by a SetColumnTuning.
void tune_new_column(const QualifiedName& table, const Column& column, DiffResult& out);

void diff_row_security(const Table& have, const Table& want, DiffResult& out);
void diff_policies(const Table& have, const Table& want, DiffResult& out);
// ENABLE / FORCE and the policies of a table the plan creates.
void create_row_security(const Table& want, DiffResult& out);

// Changes for a table only in the manifests.
void create_table(const Table& want, DiffResult& out);
// What children set themselves on columns they inherit, new or existing
// (inherited_columns.cpp).
void diff_inherited_columns(const catalog::Model& have, const catalog::Model& want, DiffResult& out);
void create_triggers(const Table& want, DiffResult& out);
// The same for a view's triggers (a view created or created again has none
// until they are created; CREATE OR REPLACE VIEW keeps them).
void create_triggers(const catalog::View& want, DiffResult& out);
void diff_triggers(const catalog::View& have, const catalog::View& want, const DiffOptions& options, DiffResult& out);
// DROP TRIGGER, then the trigger as wanted with its state and comment.
void recreate_trigger(const QualifiedName& relation, ObjectKind kind, const Trigger& have, const Trigger& want,
                      DiffResult& out);
// Defaults, checks and triggers that call a routine this diff drops and
// creates again, dropped before it and created after (function_dependents.cpp).
// REQUIRES: after every kind's diff, so that it sees their changes.
void rebuild_function_dependents(const catalog::Model& have, const catalog::Model& want, DiffResult& out);
// Functions this diff creates or replaces whose body names what, in this
// plan, comes back to them (unchecked_bodies.cpp): created unchecked.
// REQUIRES: after every kind's diff, so that it sees the views created.
void mark_unorderable_bodies(DiffResult& out);

// Foreign keys must be dropped before the key they reference can be dropped
// or replaced (PostgreSQL refuses otherwise, short of CASCADE), and re-added
// after. Rewrites the changes so every affected foreign key is a separate
// DropConstraint + AddConstraint. See diff.cpp.
void rebuild_dependent_foreign_keys(const catalog::Model& have, const catalog::Model& want, DiffResult& out);
// Pairs of a dropped (or unlisted) and a created table or column of the
// same shape, as hints (rename_hints.cpp). Last: reads every change.
void find_possible_renames(const catalog::Model& have, DiffResult& out);
// Values removed or reordered: RebuildEnum, or a PlanError naming what
// uses the type in a way the rebuild cannot carry (enum_rebuild.cpp).
void rebuild_enum(const catalog::Model& have, const EnumType& from, const EnumType& to, DiffResult& out);
// Type changes to an enum of the manifests learn its values, for the guard
// that counts the rows that would not convert (type_conversions.cpp).
void note_enum_targets(const catalog::Model& want, DiffResult& out);
// A constraint or index replaced while a column it mentions changes type
// becomes a drop and an add (type_change_splits.cpp).
void split_replacements_across_type_changes(DiffResult& out);

}  // namespace reconcile::engine::diff_detail
