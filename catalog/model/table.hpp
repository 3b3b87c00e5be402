#pragma once
#include <optional>
#include <string>
#include <vector>

#include "catalog/model/column.hpp"
#include "catalog/model/constraint.hpp"
#include "catalog/model/index.hpp"
#include "catalog/model/name.hpp"
#include "catalog/model/partition.hpp"
#include "catalog/model/policy.hpp"
#include "catalog/model/trigger.hpp"

namespace reconcile::catalog {

// What logical replication sends of an updated or deleted row's old
// version: the primary key (default), the whole row, nothing, or the
// columns of a unique index (`index` names it).
enum class ReplicaIdentity { default_key, full, nothing, index };

// What a partition or INHERITS child sets itself on a column it has from
// its parents. A child gets its parents' default and NOT NULL when it is
// created; these are the settings beyond that: a default no parent has
// (pg_dump's ALTER TABLE ONLY child ALTER COLUMN ... SET DEFAULT), a NOT
// NULL no parent has, a comment (a parent's stays on the parent).
struct InheritedColumn {
    std::string name;
    std::optional<std::string> default_expr;  // pg_get_expr() text
    bool not_null = false;
    std::optional<std::string> comment;

    bool operator==(const InheritedColumn&) const = default;
};

struct Table {
    QualifiedName name;
    std::vector<Column> columns;          // in table order
    std::vector<Constraint> constraints;  // sorted by name
    std::vector<Index> indexes;           // sorted by name
    std::vector<Trigger> triggers;        // sorted by name
    std::optional<std::string> comment;
    // UNLOGGED: not written to the WAL, so emptied after a crash and absent
    // from replicas.
    bool unlogged = false;
    // Storage parameters (WITH (fillfactor=70, ...)) as pg_class.reloptions
    // holds them, "name=value", sorted.
    std::vector<std::string> storage;
    ReplicaIdentity replica_identity = ReplicaIdentity::default_key;
    std::string replica_identity_index;  // the index or unique constraint, for ReplicaIdentity::index
    // Row-level security: ENABLE (relrowsecurity) and FORCE, which applies
    // the policies to the table's owner too (relforcerowsecurity).
    bool row_security = false;
    bool force_row_security = false;
    std::vector<Policy> policies;  // sorted by name
    // PARTITION BY, as pg_get_partkeydef prints it: "RANGE (payment_date)",
    // "LIST (lower(region))", "HASH (id)". Set on a partitioned table.
    std::optional<std::string> partitioning;
    // Set on a partition (which may itself be partitioned). Its columns are
    // its parent's and are not listed here.
    std::optional<PartitionOf> partition_of;
    // Manifest side only: name patterns ("payment_p*", '*' any run of
    // characters) of partitions something else creates and drops (a
    // partition manager's monthly ones). Undeclared partitions of this table
    // that match are left alone: not reported, never dropped.
    std::vector<std::string> partitions_left_alone;
    // INHERITS (...), in order. Columns and checks the table has from its
    // parents are theirs and not listed here.
    std::vector<QualifiedName> inherits;
    // On a partition or INHERITS child, sorted by name; only columns with
    // a setting of their own.
    std::vector<InheritedColumn> inherited_columns;
    // Manifest side only: hazard codes ("TABLE_REWRITE") apply may run on
    // this table and its columns, keys, indexes, triggers and policies
    // without --allow-hazards naming them: a team's standing decision about
    // one table, reviewed with it. Checked against the known codes by the
    // CLI, which knows them (engine/plan/plan.hpp).
    std::vector<std::string> allowed_hazards;

    bool operator==(const Table&) const = default;

    const Column* find_column(std::string_view column) const;
    const Constraint* find_constraint(std::string_view constraint) const;
    const Index* find_index(std::string_view index) const;
    const Trigger* find_trigger(std::string_view trigger) const;
    const Policy* find_policy(std::string_view policy) const;
    const Constraint* primary_key() const;
};

}  // namespace reconcile::catalog
