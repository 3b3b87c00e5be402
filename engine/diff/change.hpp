#pragma once
// The closed vocabulary of changes the diff produces. Never SQL text: the
// renderer turns a change into statements, the planner orders changes and
// attaches hazards. Each change names itself: `kind` is its stable machine
// name ("add_column", JSON output), `object()` the object it is about. A new
// change kind adds a struct and a variant alternative here; the generic
// dispatchers (render, plan rules) then fail to compile until the kind's own
// files provide its overloads (see docs/architecture.md).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "catalog/model/model.hpp"
#include "catalog/model/object_id.hpp"

namespace reconcile::engine {

using catalog::Aggregate;
using catalog::Column;
using catalog::CompositeType;
using catalog::Constraint;
using catalog::DefaultObjects;
using catalog::Domain;
using catalog::DomainCheck;
using catalog::EnumType;
using catalog::Extension;
using catalog::Function;
using catalog::Index;
using catalog::Membership;
using catalog::ObjectId;
using catalog::ObjectKind;
using catalog::PasswordSource;
using catalog::Policy;
using catalog::QualifiedName;
using catalog::RangeType;
using catalog::Role;
using catalog::RoleSetting;
using catalog::Schema;
using catalog::Sequence;
using catalog::Table;
using catalog::Trigger;
using catalog::View;

struct CreateSchema {
    static constexpr std::string_view kind = "create_schema";
    Schema schema;

    ObjectId object() const { return catalog::schema_id(schema.name); }
};
struct DropSchema {
    static constexpr std::string_view kind = "drop_schema";
    Schema schema;

    ObjectId object() const { return catalog::schema_id(schema.name); }
};

struct CreateExtension {
    static constexpr std::string_view kind = "create_extension";
    Extension extension;

    ObjectId object() const { return catalog::extension_id(extension.name); }
};
struct DropExtension {
    static constexpr std::string_view kind = "drop_extension";
    Extension extension;

    ObjectId object() const { return catalog::extension_id(extension.name); }
};
// ALTER EXTENSION ... UPDATE TO (to.version differs) and/or SET SCHEMA
// (to.schema differs).
struct AlterExtension {
    static constexpr std::string_view kind = "alter_extension";
    Extension from;
    Extension to;

    ObjectId object() const { return catalog::extension_id(to.name); }
};

struct CreateEnum {
    static constexpr std::string_view kind = "create_enum";
    EnumType type;

    ObjectId object() const { return catalog::enum_id(type.name); }
};
struct DropEnum {
    static constexpr std::string_view kind = "drop_enum";
    EnumType type;

    ObjectId object() const { return catalog::enum_id(type.name); }
};
// ALTER TYPE ... ADD VALUE; exactly one of before/after is set unless the
// value goes last (both empty).
struct AddEnumValue {
    static constexpr std::string_view kind = "add_enum_value";
    QualifiedName type;
    std::string value;
    std::optional<std::string> before;
    std::optional<std::string> after;

    ObjectId object() const { return catalog::enum_id(type); }
};

// With its checks inline.
struct CreateDomain {
    static constexpr std::string_view kind = "create_domain";
    Domain domain;

    ObjectId object() const { return catalog::object_id(ObjectKind::domain, domain.name); }
};
struct DropDomain {
    static constexpr std::string_view kind = "drop_domain";
    Domain domain;

    ObjectId object() const { return catalog::object_id(ObjectKind::domain, domain.name); }
};
// ALTER DOMAIN ... SET/DROP DEFAULT and SET/DROP NOT NULL, as they differ.
struct AlterDomain {
    static constexpr std::string_view kind = "alter_domain";
    Domain from;
    Domain to;

    ObjectId object() const { return catalog::object_id(ObjectKind::domain, to.name); }
};
struct AddDomainCheck {
    static constexpr std::string_view kind = "add_domain_check";
    QualifiedName domain;
    DomainCheck check;

    ObjectId object() const { return catalog::member_id(ObjectKind::domain, domain, check.name); }
};
struct DropDomainCheck {
    static constexpr std::string_view kind = "drop_domain_check";
    QualifiedName domain;
    DomainCheck check;

    ObjectId object() const { return catalog::member_id(ObjectKind::domain, domain, check.name); }
};

struct CreateCompositeType {
    static constexpr std::string_view kind = "create_composite_type";
    CompositeType type;

    ObjectId object() const { return catalog::object_id(ObjectKind::composite_type, type.name); }
};
struct DropCompositeType {
    static constexpr std::string_view kind = "drop_composite_type";
    CompositeType type;

    ObjectId object() const { return catalog::object_id(ObjectKind::composite_type, type.name); }
};
// One ALTER TYPE: DROP ATTRIBUTE for those gone, ALTER ATTRIBUTE ... TYPE
// for those changed, ADD ATTRIBUTE (appended) for the new ones.
struct AlterCompositeType {
    static constexpr std::string_view kind = "alter_composite_type";
    CompositeType from;
    CompositeType to;

    ObjectId object() const { return catalog::object_id(ObjectKind::composite_type, to.name); }
};

struct CreateRangeType {
    static constexpr std::string_view kind = "create_range_type";
    RangeType type;

    ObjectId object() const { return catalog::object_id(ObjectKind::range_type, type.name); }
};
struct DropRangeType {
    static constexpr std::string_view kind = "drop_range_type";
    RangeType type;

    ObjectId object() const { return catalog::object_id(ObjectKind::range_type, type.name); }
};

// Options only: OWNED BY needs the column, which may not exist yet, so it
// is a SetSequenceOwner of its own.
struct CreateSequence {
    static constexpr std::string_view kind = "create_sequence";
    Sequence sequence;

    ObjectId object() const { return catalog::object_id(ObjectKind::sequence, sequence.name); }
};
struct DropSequence {
    static constexpr std::string_view kind = "drop_sequence";
    Sequence sequence;

    ObjectId object() const { return catalog::object_id(ObjectKind::sequence, sequence.name); }
};
// ALTER SEQUENCE ... AS / INCREMENT / MINVALUE / MAXVALUE / START / CACHE /
// CYCLE: the options that differ. Never RESTART: the value is data.
struct AlterSequence {
    static constexpr std::string_view kind = "alter_sequence";
    QualifiedName sequence;
    catalog::SequenceOptions from;
    catalog::SequenceOptions to;

    ObjectId object() const { return catalog::object_id(ObjectKind::sequence, sequence); }
};
// ALTER SEQUENCE ... OWNED BY table.column | NONE.
struct SetSequenceOwner {
    static constexpr std::string_view kind = "set_sequence_owner";
    QualifiedName sequence;
    std::optional<catalog::SequenceOwner> from;
    std::optional<catalog::SequenceOwner> to;

    ObjectId object() const { return catalog::object_id(ObjectKind::sequence, sequence); }
};

// Columns plus primary key, unique and check constraints inline. Foreign
// keys and indexes arrive as their own changes so the planner can order them
// after every table they need exists.
struct CreateTable {
    static constexpr std::string_view kind = "create_table";
    Table table;

    ObjectId object() const { return catalog::table_id(table.name); }
};
struct DropTable {
    static constexpr std::string_view kind = "drop_table";
    Table table;

    ObjectId object() const { return catalog::table_id(table.name); }
};

// ALTER TABLE parent ATTACH PARTITION table FOR VALUES ...: an existing
// table becomes a partition (or a partition moves to another bound).
struct AttachPartition {
    static constexpr std::string_view kind = "attach_partition";
    QualifiedName table;
    catalog::PartitionOf of;
    // The table's own keys and indexes this plan drops: they go first, since
    // ATTACH may adopt one as the partition's copy of its parent's, which
    // then cannot be dropped on its own.
    std::vector<ObjectId> dropped_first;

    ObjectId object() const { return catalog::table_id(table); }
};
// ALTER TABLE parent DETACH PARTITION table: the table and its rows stay,
// as a table of its own.
struct DetachPartition {
    static constexpr std::string_view kind = "detach_partition";
    QualifiedName table;
    catalog::PartitionOf of;

    ObjectId object() const { return catalog::table_id(table); }
};

// ALTER TABLE table INHERIT parent / NO INHERIT parent.
struct Inherit {
    static constexpr std::string_view kind = "inherit";
    QualifiedName table;
    QualifiedName parent;

    ObjectId object() const { return catalog::table_id(table); }
};
struct NoInherit {
    static constexpr std::string_view kind = "no_inherit";
    QualifiedName table;
    QualifiedName parent;

    ObjectId object() const { return catalog::table_id(table); }
};

// ALTER TABLE ... SET UNLOGGED / SET LOGGED.
struct SetLogged {
    static constexpr std::string_view kind = "set_logged";
    QualifiedName table;
    bool unlogged = false;

    ObjectId object() const { return catalog::table_id(table); }
};

// ALTER TABLE ... REPLICA IDENTITY DEFAULT | FULL | NOTHING | USING INDEX.
struct SetReplicaIdentity {
    static constexpr std::string_view kind = "set_replica_identity";
    QualifiedName table;
    catalog::ReplicaIdentity identity = catalog::ReplicaIdentity::default_key;
    std::string index;

    ObjectId object() const { return catalog::table_id(table); }
};

// ALTER TABLE ... SET (name=value, ...) / RESET (name, ...).
struct SetStorage {
    static constexpr std::string_view kind = "set_storage";
    QualifiedName table;
    std::vector<std::string> from;
    std::vector<std::string> to;

    ObjectId object() const { return catalog::table_id(table); }
};

struct AddColumn {
    static constexpr std::string_view kind = "add_column";
    QualifiedName table;
    Column column;

    ObjectId object() const { return catalog::column_id(table, column.name); }
};
struct DropColumn {
    static constexpr std::string_view kind = "drop_column";
    QualifiedName table;
    Column column;

    ObjectId object() const { return catalog::column_id(table, column.name); }
};

enum class ColumnAttribute { type, not_null, default_value, identity, generated, collation };
// One attribute of a column changes from `from` to `to` (both full columns so
// the renderer and hazard rules see the context, e.g. the USING expression).
struct AlterColumn {
    static constexpr std::string_view kind = "alter_column";
    QualifiedName table;
    Column from;
    Column to;
    ColumnAttribute what = ColumnAttribute::type;
    // On a partitioned table: --online leaves SET NOT NULL as it is, since a
    // CHECK added NOT VALID there would not prove it for the partitions.
    bool partitioned = false;
    // A type change to an enum: the enum's values, so the plan can count
    // the rows whose value would not convert (type_conversions.cpp).
    std::vector<std::string> target_values;
    // A child's own default or NOT NULL on a column it has from these
    // parents (inherited_columns.cpp): set after their own changes, which
    // reach the child too.
    std::vector<QualifiedName> inherited_from;

    ObjectId object() const { return catalog::column_id(table, to.name); }
};

// ALTER COLUMN ... SET STATISTICS / SET STORAGE / SET COMPRESSION /
// SET (...) / RESET (...): the settings of ColumnTuning that differ.
struct SetColumnTuning {
    static constexpr std::string_view kind = "set_column_tuning";
    QualifiedName table;
    std::string column;
    catalog::ColumnTuning from;
    catalog::ColumnTuning to;

    ObjectId object() const { return catalog::column_id(table, column); }
};

struct AddConstraint {
    static constexpr std::string_view kind = "add_constraint";
    QualifiedName table;
    Constraint constraint;
    // On a partitioned table, where PostgreSQL before 18 refuses a NOT VALID
    // foreign key: --online leaves it validated at once.
    bool partitioned = false;
    // Set by --online for a primary key or unique constraint: the key takes
    // the unique index of its own name that an earlier step built
    // CONCURRENTLY (ADD CONSTRAINT ... USING INDEX), so no row is read here.
    bool using_index = false;

    ObjectId object() const { return catalog::constraint_id(table, constraint.name); }
};
struct DropConstraint {
    static constexpr std::string_view kind = "drop_constraint";
    QualifiedName table;
    Constraint constraint;

    ObjectId object() const { return catalog::constraint_id(table, constraint.name); }
};
// Same name, different definition: dropped and re-added in one statement.
struct ReplaceConstraint {
    static constexpr std::string_view kind = "replace_constraint";
    QualifiedName table;
    Constraint from;
    Constraint to;
    bool partitioned = false;  // as for AddConstraint

    ObjectId object() const { return catalog::constraint_id(table, to.name); }
};

// A NOT VALID check or foreign key checked against the existing rows. It
// takes SHARE UPDATE EXCLUSIVE (ROW SHARE on a referenced table), so reads
// and writes go on while it scans.
struct ValidateConstraint {
    static constexpr std::string_view kind = "validate_constraint";
    QualifiedName table;
    Constraint constraint;

    ObjectId object() const { return catalog::constraint_id(table, constraint.name); }
};

struct CreateIndex {
    static constexpr std::string_view kind = "create_index";
    QualifiedName table;
    Index index;
    // Set by the planner with --online: CREATE INDEX CONCURRENTLY, which
    // lets writes go on during the build but cannot run in a transaction.
    bool concurrently = false;
    // On a partitioned table, which PostgreSQL cannot index CONCURRENTLY.
    bool partitioned = false;

    ObjectId object() const { return catalog::index_id(table, index.name); }
};
struct DropIndex {
    static constexpr std::string_view kind = "drop_index";
    QualifiedName table;
    Index index;
    bool concurrently = false;  // as for CreateIndex
    bool partitioned = false;   // as for CreateIndex

    ObjectId object() const { return catalog::index_id(table, index.name); }
};
struct ReplaceIndex {
    static constexpr std::string_view kind = "replace_index";
    QualifiedName table;
    Index from;
    Index to;

    ObjectId object() const { return catalog::index_id(table, to.name); }
};

// A function or procedure, with its SET clauses and attributes.
struct CreateFunction {
    static constexpr std::string_view kind = "create_function";
    Function function;
    // A body that, through what it names, needs itself to exist first (SQL
    // functions calling each other, a body reading a view that calls it;
    // unchecked_bodies.cpp): no order lets CREATE FUNCTION check it, so it
    // is created with check_function_bodies off and ordered without them.
    bool unchecked_body = false;

    ObjectId object() const { return function.id(); }
};
struct DropFunction {
    static constexpr std::string_view kind = "drop_function";
    Function function;

    ObjectId object() const { return function.id(); }
};
// Same identity and result type, anything else changed: CREATE OR REPLACE,
// which keeps the function's oid, so whatever uses it keeps working. (A
// changed result type or argument names cannot be replaced in place; the
// diff makes those a drop and a create.)
struct ReplaceFunction {
    static constexpr std::string_view kind = "replace_function";
    Function from;
    Function to;
    bool unchecked_body = false;  // as CreateFunction's

    ObjectId object() const { return to.id(); }
};

// A normal aggregate. Same identity and result: CREATE OR REPLACE
// AGGREGATE (PostgreSQL 13+ all have it), which keeps what uses it; a
// changed result or argument names is a drop and a create.
struct CreateAggregate {
    static constexpr std::string_view kind = "create_aggregate";
    Aggregate aggregate;

    ObjectId object() const { return aggregate.id(); }
};
struct DropAggregate {
    static constexpr std::string_view kind = "drop_aggregate";
    Aggregate aggregate;

    ObjectId object() const { return aggregate.id(); }
};
struct ReplaceAggregate {
    static constexpr std::string_view kind = "replace_aggregate";
    Aggregate from;
    Aggregate to;

    ObjectId object() const { return to.id(); }
};

// ALTER TABLE ... ENABLE / DISABLE ROW LEVEL SECURITY and FORCE / NO FORCE;
// only the flags that change are set.
struct SetRowSecurity {
    static constexpr std::string_view kind = "set_row_security";
    QualifiedName table;
    std::optional<bool> enabled;
    std::optional<bool> forced;

    ObjectId object() const { return catalog::table_id(table); }
};

struct CreatePolicy {
    static constexpr std::string_view kind = "create_policy";
    QualifiedName table;
    Policy policy;

    ObjectId object() const { return catalog::member_id(ObjectKind::policy, table, policy.name); }
};
struct DropPolicy {
    static constexpr std::string_view kind = "drop_policy";
    QualifiedName table;
    Policy policy;

    ObjectId object() const { return catalog::member_id(ObjectKind::policy, table, policy.name); }
};
// ALTER POLICY: roles, USING and WITH CHECK change in place. Command and
// PERMISSIVE / RESTRICTIVE cannot be altered; those are a DropPolicy and a
// CreatePolicy.
struct AlterPolicy {
    static constexpr std::string_view kind = "alter_policy";
    QualifiedName table;
    Policy from;
    Policy to;

    ObjectId object() const { return catalog::member_id(ObjectKind::policy, table, to.name); }
};

// CREATE [MATERIALIZED] VIEW. `recreated`: the view existed and is dropped
// first in this plan (a change CREATE OR REPLACE cannot make, or a view it
// reads is re-created); a materialized view then runs its query again.
struct CreateView {
    static constexpr std::string_view kind = "create_view";
    View view;
    bool recreated = false;

    ObjectId object() const { return view.id(); }
};
struct DropView {
    static constexpr std::string_view kind = "drop_view";
    View view;

    ObjectId object() const { return view.id(); }
};
// CREATE OR REPLACE VIEW: the new query keeps every existing output column
// (name and type, in order) and may add columns after them.
struct ReplaceView {
    static constexpr std::string_view kind = "replace_view";
    View from;
    View to;

    ObjectId object() const { return to.id(); }
};
// ALTER MATERIALIZED VIEW ... SET (...) / RESET (...): a materialized
// view's storage parameters change in place, as a table's (SetStorage).
struct SetViewStorage {
    static constexpr std::string_view kind = "set_view_storage";
    QualifiedName view;
    std::vector<std::string> from;
    std::vector<std::string> to;

    ObjectId object() const { return catalog::object_id(ObjectKind::materialized_view, view); }
};

// Triggers on a table or a view; both share one namespace with the trigger
// in it, so the trigger's id is the same either way.
struct CreateTrigger {
    static constexpr std::string_view kind = "create_trigger";
    QualifiedName table;
    Trigger trigger;
    ObjectKind relation = ObjectKind::table;  // or ObjectKind::view: what `table` names

    ObjectId object() const { return catalog::member_id(ObjectKind::trigger, table, trigger.name); }
};
struct DropTrigger {
    static constexpr std::string_view kind = "drop_trigger";
    QualifiedName table;
    Trigger trigger;
    ObjectKind relation = ObjectKind::table;  // or ObjectKind::view: what `table` names

    ObjectId object() const { return catalog::member_id(ObjectKind::trigger, table, trigger.name); }
};
// Same name, different definition: dropped and created again in one step.
struct ReplaceTrigger {
    static constexpr std::string_view kind = "replace_trigger";
    QualifiedName table;
    Trigger from;
    Trigger to;
    ObjectKind relation = ObjectKind::table;  // or ObjectKind::view: what `table` names

    ObjectId object() const { return catalog::member_id(ObjectKind::trigger, table, to.name); }
};
// ALTER TABLE ... ENABLE / DISABLE / ENABLE REPLICA / ENABLE ALWAYS TRIGGER.
struct SetTriggerEnabled {
    static constexpr std::string_view kind = "set_trigger_enabled";
    QualifiedName table;
    std::string trigger;
    catalog::TriggerEnabled from = catalog::TriggerEnabled::origin;
    catalog::TriggerEnabled to = catalog::TriggerEnabled::origin;

    ObjectId object() const { return catalog::member_id(ObjectKind::trigger, table, trigger); }
};

// --- renames declared with "renamed_from" (renames.cpp) --------------------

// ALTER TABLE ... SET SCHEMA (when the schema differs), then RENAME TO (when
// the name differs). The table keeps its oid: rows, indexes, keys pointing
// at it, views, privileges and comments all follow.
struct RenameTable {
    static constexpr std::string_view kind = "rename_table";
    QualifiedName from;
    QualifiedName to;

    ObjectId object() const { return catalog::table_id(to); }
};
// ALTER TABLE ... RENAME COLUMN; `table` is the table's final name.
struct RenameColumn {
    static constexpr std::string_view kind = "rename_column";
    QualifiedName table;
    std::string from;
    std::string to;

    ObjectId object() const { return catalog::column_id(table, to); }
};

// A column of an enum that RebuildEnum converts.
struct EnumColumn {
    QualifiedName table;
    std::string column;
    bool array = false;                       // of the enum's array type
    std::optional<std::string> default_expr;  // dropped before, set again after

    bool operator==(const EnumColumn&) const = default;
};
// Enum values removed or reordered, which PostgreSQL cannot do in place:
// the old type renamed aside, the new one created, each column converted
// through text (its default dropped and set again), the old type dropped.
// One step, in the transaction.
struct RebuildEnum {
    static constexpr std::string_view kind = "rebuild_enum";
    EnumType from;
    EnumType to;
    std::vector<EnumColumn> columns;

    ObjectId object() const { return catalog::enum_id(to.name); }
};

// ALTER INDEX ... RENAME TO.
struct RenameIndex {
    static constexpr std::string_view kind = "rename_index";
    QualifiedName table;
    std::string from;
    std::string to;

    ObjectId object() const { return catalog::index_id(table, to); }
};
// ALTER TABLE ... RENAME CONSTRAINT (a key's index follows its constraint).
struct RenameConstraint {
    static constexpr std::string_view kind = "rename_constraint";
    QualifiedName table;
    std::string from;
    std::string to;

    ObjectId object() const { return catalog::constraint_id(table, to); }
};
// ALTER POLICY ... ON ... RENAME TO.
struct RenamePolicy {
    static constexpr std::string_view kind = "rename_policy";
    QualifiedName table;
    std::string from;
    std::string to;

    ObjectId object() const { return catalog::member_id(ObjectKind::policy, table, to); }
};
// ALTER TYPE ... RENAME TO: columns of the type keep their values.
struct RenameEnum {
    static constexpr std::string_view kind = "rename_enum";
    QualifiedName from;
    QualifiedName to;

    ObjectId object() const { return catalog::enum_id(to); }
};
// ALTER TYPE ... RENAME VALUE: rows holding it read the new label at once
// (they store the value's oid, not its text).
struct RenameEnumValue {
    static constexpr std::string_view kind = "rename_enum_value";
    QualifiedName type;
    std::string from;
    std::string to;

    ObjectId object() const { return catalog::enum_id(type); }
};

// ALTER SEQUENCE ... SET SCHEMA (when the schema differs), then RENAME TO.
// The sequence keeps its oid: its current value, the defaults that draw
// from it (they store the oid), its owner column, privileges and comment.
struct RenameSequence {
    static constexpr std::string_view kind = "rename_sequence";
    QualifiedName from;
    QualifiedName to;

    ObjectId object() const { return catalog::object_id(ObjectKind::sequence, to); }
};
// ALTER [MATERIALIZED] VIEW ... SET SCHEMA (when the schema differs), then
// RENAME TO. Views that read it store its oid and keep working; a
// materialized view keeps its rows and indexes.
struct RenameView {
    static constexpr std::string_view kind = "rename_view";
    QualifiedName from;
    QualifiedName to;
    bool materialized = false;
    std::vector<std::string> columns;  // its output columns, which other views read by the view's name

    ObjectId object() const {
        return catalog::object_id(materialized ? ObjectKind::materialized_view : ObjectKind::view, to);
    }
};

// ALTER FUNCTION / PROCEDURE name(argument types) SET SCHEMA (when the
// schema differs), then RENAME TO. `from` and `to` differ only in schema and
// name. Callers that store the function's oid (defaults, checks, views,
// triggers) follow; privileges, owner and comment stay. A body that calls
// it by name (text, not a SQL-standard body) does not.
struct RenameFunction {
    static constexpr std::string_view kind = "rename_function";
    ObjectId from;
    ObjectId to;

    ObjectId object() const { return to; }
};

// COMMENT ON <target> IS ... ; nullopt removes the comment.
struct SetComment {
    static constexpr std::string_view kind = "set_comment";
    ObjectId target;
    std::optional<std::string> comment;

    ObjectId object() const { return target; }
};

// --- roles, memberships, privileges, owners (roles.cpp, privileges.cpp) ----

// CREATE ROLE with its attributes and, when the manifest names one, its
// password (from the environment at apply time, or a SCRAM verifier).
struct CreateRole {
    static constexpr std::string_view kind = "create_role";
    Role role;

    ObjectId object() const { return catalog::role_id(role.name); }
};
// ALTER ROLE ... WITH <the attributes that differ>.
struct AlterRole {
    static constexpr std::string_view kind = "alter_role";
    Role from;
    Role to;

    ObjectId object() const { return catalog::role_id(to.name); }
};
// REASSIGN OWNED BY / DROP OWNED BY in this database, then DROP ROLE.
struct DropRole {
    static constexpr std::string_view kind = "drop_role";
    Role role;

    ObjectId object() const { return catalog::role_id(role.name); }
};
// ALTER ROLE ... PASSWORD, when the manifest's rotation marker changed. The
// value is only ever read at apply time (engine/apply/secrets.hpp).
struct SetPassword {
    static constexpr std::string_view kind = "set_password";
    std::string role;
    PasswordSource source;

    ObjectId object() const { return catalog::role_id(role); }
};

// A membership is named by its member, with the role as the member part.
inline ObjectId membership_id(const Membership& membership) {
    return ObjectId{ObjectKind::role, {}, membership.member, membership.role, {}};
}
struct GrantMembership {
    static constexpr std::string_view kind = "grant_membership";
    Membership membership;

    ObjectId object() const { return membership_id(membership); }
};
struct RevokeMembership {
    static constexpr std::string_view kind = "revoke_membership";
    Membership membership;

    ObjectId object() const { return membership_id(membership); }
};
// Same role and member, other options (ADMIN; INHERIT and SET on 16+).
struct AlterMembership {
    static constexpr std::string_view kind = "alter_membership";
    Membership from;
    Membership to;

    ObjectId object() const { return membership_id(to); }
};

// ALTER ROLE <role> [IN DATABASE <the target>] SET <name> = <value> / RESET
// <name>. `database` is the target's name, for IN DATABASE: the models do
// not know it (see catalog::database_id); the pipeline fills it after the
// diff.
struct SetRoleSetting {
    static constexpr std::string_view kind = "set_role_setting";
    RoleSetting setting;
    std::string database;

    ObjectId object() const { return catalog::role_id(setting.role); }
};
struct ResetRoleSetting {
    static constexpr std::string_view kind = "reset_role_setting";
    RoleSetting setting;
    std::string database;

    ObjectId object() const { return catalog::role_id(setting.role); }
};

// Whose privileges a grant or revoke changes: a grantee's, or the target's
// owner's own (catalog::OwnerPrivileges; the grantee is then the owner,
// and "ALL" may stand for every privilege of the kind on the server).
enum class Holder : std::uint8_t { grantee, owner };
// GRANT <privileges> ON <target> TO <grantee> [WITH GRANT OPTION]. The
// target is any object with an ACL (engine/render/privileges.cpp says how
// each kind is named in GRANT); a column target grants on that column.
struct GrantPrivileges {
    static constexpr std::string_view kind = "grant";
    ObjectId target;
    std::string grantee;  // a role, or catalog::public_grantee
    std::vector<std::string> privileges;
    bool grant_option = false;
    Holder holder = Holder::grantee;

    ObjectId object() const { return target; }
};
enum class RevokeWhat { privilege, grant_option };
// REVOKE [GRANT OPTION FOR] <privileges> ON <target> FROM <grantee>.
struct RevokePrivileges {
    static constexpr std::string_view kind = "revoke";
    ObjectId target;
    std::string grantee;
    std::vector<std::string> privileges;
    RevokeWhat what = RevokeWhat::privilege;
    Holder holder = Holder::grantee;

    ObjectId object() const { return target; }
};
// ALTER <kind> <target> OWNER TO <owner>.
struct SetOwner {
    static constexpr std::string_view kind = "set_owner";
    ObjectId target;
    std::string owner;

    ObjectId object() const { return target; }
};
// ALTER DEFAULT PRIVILEGES FOR ROLE <role> [IN SCHEMA <schema>] GRANT / REVOKE.
struct DefaultPrivilegesTarget {
    std::string role;
    std::string schema;  // empty: global
    DefaultObjects objects = DefaultObjects::tables;
    std::string grantee;

    bool operator==(const DefaultPrivilegesTarget&) const = default;
};
inline ObjectId default_privileges_id(const DefaultPrivilegesTarget& target) {
    // Named by the FOR ROLE, so it orders after that role's creation.
    return ObjectId{ObjectKind::role, {}, target.role, "default privileges", {}};
}
struct GrantDefaultPrivileges {
    static constexpr std::string_view kind = "grant_default_privileges";
    DefaultPrivilegesTarget target;
    std::vector<std::string> privileges;
    bool grant_option = false;

    ObjectId object() const { return default_privileges_id(target); }
};
struct RevokeDefaultPrivileges {
    static constexpr std::string_view kind = "revoke_default_privileges";
    DefaultPrivilegesTarget target;
    std::vector<std::string> privileges;
    RevokeWhat what = RevokeWhat::privilege;

    ObjectId object() const { return default_privileges_id(target); }
};

using Change =
    std::variant<CreateSchema, DropSchema, CreateExtension, DropExtension, AlterExtension, CreateEnum, DropEnum,
                 AddEnumValue, CreateDomain, DropDomain, AlterDomain, AddDomainCheck, DropDomainCheck,
                 CreateCompositeType, DropCompositeType, AlterCompositeType, CreateRangeType, DropRangeType,
                 CreateSequence, DropSequence, AlterSequence, SetSequenceOwner, CreateTable, DropTable, AttachPartition,
                 DetachPartition, Inherit, NoInherit, SetLogged, SetStorage, SetReplicaIdentity, AddColumn, DropColumn,
                 AlterColumn, SetColumnTuning, AddConstraint, DropConstraint, ReplaceConstraint, CreateIndex, DropIndex,
                 ReplaceIndex, CreateFunction, DropFunction, ReplaceFunction, CreateTrigger, DropTrigger,
                 ReplaceTrigger, SetTriggerEnabled, SetComment, SetRowSecurity, CreatePolicy, DropPolicy, AlterPolicy,
                 CreateView, DropView, ReplaceView, SetViewStorage, CreateRole, AlterRole, DropRole, SetPassword,
                 SetRoleSetting, ResetRoleSetting, GrantMembership, RevokeMembership, AlterMembership, GrantPrivileges,
                 RevokePrivileges, SetOwner, GrantDefaultPrivileges, RevokeDefaultPrivileges, RenameTable, RenameColumn,
                 RenameEnum, RenameEnumValue, RenameIndex, RenameConstraint, RenamePolicy, RenameSequence, RenameView,
                 RenameFunction, RebuildEnum, CreateAggregate, DropAggregate, ReplaceAggregate, ValidateConstraint>;

// Stable machine name of a change kind ("add_column"); used in JSON output.
std::string kind_name(const Change& change);
// The object a change is about.
ObjectId object_of(const Change& change);

template <class... Ts>
struct overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

}  // namespace reconcile::engine
