#pragma once
// Private to engine/plan: what each change kind says about itself for
// ordering. One file per kind (schemas.cpp, tables.cpp, ...) defines its
// overloads; graph_builder.cpp dispatches to them generically, so a new
// change kind that forgets one fails to compile there.
//
// Dependencies are data, by ObjectId:
//   creates:  objects that exist, in their final shape, once the change ran
//             (a type change re-shapes its column, so it "creates" it too);
//   drops:    objects gone once it ran;
//   needs:    objects that must exist in their final shape first: the change
//             runs after whatever creates them and, when nothing re-creates
//             them, before whatever drops them;
//   releases: objects whose old shape the change stops using: it runs
//             before whatever drops them.
// A change also needs its schema and, for members of a table, the table;
// the builder adds those. PostgreSQL quirks that are not "A needs B" are
// named repairs (repairs.hpp), one file each.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/plan/plan_internal.hpp"

namespace reconcile::engine::plan_detail {

// That `table` is a partition of some parent: created with the partition or
// by ATTACH, dropped with it or by DETACH, so that moving a partition to
// another bound detaches before it attaches again.
inline ObjectId partition_link(const QualifiedName& table) {
    return catalog::object_id(ObjectKind::partition, table);
}

struct Dependencies {
    std::vector<ObjectId> creates;
    std::vector<ObjectId> drops;
    std::vector<ObjectId> needs;
    std::vector<ObjectId> releases;
};

// Facts about the whole plan that a kind's rules may consult; gathered once.
struct PlanContext {
    explicit PlanContext(const std::vector<Change>& changes);

    // Columns added, dropped or changing type in this plan, by table: a
    // constraint or index that mentions one must be ordered around it.
    std::map<QualifiedName, std::vector<std::string>> reshaped_columns;
    // Constraints dropped by a change of their own (DropConstraint).
    std::set<ObjectId> dropped_constraints;
    // Tables created in this plan.
    std::set<QualifiedName> created_tables;
    // Views and materialized views created in this plan (by their ids).
    std::set<ObjectId> created_views;
    // Functions, procedures and aggregates created, replaced or dropped in
    // this plan.
    std::set<QualifiedName> routines;

    // any_overload() of each routine of this plan the text calls ("name(",
    // bare or quoted, qualified or not), but `self`. Textual: it may find a
    // call in a string literal, which only adds an ordering constraint.
    // Expressions of any kind (defaults, checks, index expressions, trigger
    // WHEN conditions, policies, view queries) use it to come after the
    // functions they call.
    std::vector<ObjectId> functions_called(const std::string& text, const QualifiedName& self) const;

    // Of reshaped_columns[table], those the constraint or index mentions.
    std::vector<ObjectId> mentioned_columns(const QualifiedName& table, const Constraint& constraint) const;
    std::vector<ObjectId> mentioned_columns(const QualifiedName& table, const Index& index) const;
    std::vector<ObjectId> mentioned_columns(const QualifiedName& table, const Policy& policy) const;
    // Tables this plan creates whose name the text mentions (a policy's
    // subquery, a view's query): textual, so it may over-match, which only
    // adds an ordering edge.
    std::vector<ObjectId> mentioned_tables(const std::string& expression) const;
};

// Tie-break among changes free to run (lower first); see planner.cpp.
int priority_of(const CreateSchema& change);
int priority_of(const DropSchema& change);
int priority_of(const CreateExtension& change);
int priority_of(const DropExtension& change);
int priority_of(const AlterExtension& change);
int priority_of(const CreateEnum& change);
int priority_of(const DropEnum& change);
int priority_of(const AddEnumValue& change);
int priority_of(const CreateDomain& change);
int priority_of(const DropDomain& change);
int priority_of(const AlterDomain& change);
int priority_of(const AddDomainCheck& change);
int priority_of(const DropDomainCheck& change);
int priority_of(const CreateCompositeType& change);
int priority_of(const DropCompositeType& change);
int priority_of(const AlterCompositeType& change);
int priority_of(const CreateRangeType& change);
int priority_of(const DropRangeType& change);
int priority_of(const CreateSequence& change);
int priority_of(const DropSequence& change);
int priority_of(const AlterSequence& change);
int priority_of(const SetSequenceOwner& change);
int priority_of(const CreateTable& change);
int priority_of(const DropTable& change);
int priority_of(const AttachPartition& change);
int priority_of(const DetachPartition& change);
int priority_of(const Inherit& change);
int priority_of(const NoInherit& change);
int priority_of(const SetLogged& change);
int priority_of(const SetReplicaIdentity& change);
int priority_of(const SetStorage& change);
int priority_of(const AddColumn& change);
int priority_of(const DropColumn& change);
int priority_of(const AlterColumn& change);
int priority_of(const SetColumnTuning& change);
int priority_of(const AddConstraint& change);
int priority_of(const DropConstraint& change);
int priority_of(const ReplaceConstraint& change);
int priority_of(const ValidateConstraint& change);
int priority_of(const CreateIndex& change);
int priority_of(const DropIndex& change);
int priority_of(const ReplaceIndex& change);
int priority_of(const CreateFunction& change);
int priority_of(const DropFunction& change);
int priority_of(const ReplaceFunction& change);
int priority_of(const CreateAggregate& change);
int priority_of(const DropAggregate& change);
int priority_of(const ReplaceAggregate& change);
int priority_of(const CreateTrigger& change);
int priority_of(const DropTrigger& change);
int priority_of(const ReplaceTrigger& change);
int priority_of(const SetTriggerEnabled& change);
int priority_of(const SetComment& change);
int priority_of(const SetRowSecurity& change);
int priority_of(const CreatePolicy& change);
int priority_of(const DropPolicy& change);
int priority_of(const AlterPolicy& change);
int priority_of(const CreateView& change);
int priority_of(const DropView& change);
int priority_of(const ReplaceView& change);
int priority_of(const SetViewStorage& change);
int priority_of(const CreateRole& change);
int priority_of(const AlterRole& change);
int priority_of(const DropRole& change);
int priority_of(const SetPassword& change);
int priority_of(const SetRoleSetting& change);
int priority_of(const ResetRoleSetting& change);
int priority_of(const GrantMembership& change);
int priority_of(const RevokeMembership& change);
int priority_of(const AlterMembership& change);
int priority_of(const GrantPrivileges& change);
int priority_of(const RevokePrivileges& change);
int priority_of(const SetOwner& change);
int priority_of(const GrantDefaultPrivileges& change);
int priority_of(const RevokeDefaultPrivileges& change);
int priority_of(const RenameTable& change);
int priority_of(const RenameColumn& change);
int priority_of(const RenameEnum& change);
int priority_of(const RenameEnumValue& change);
int priority_of(const RenameIndex& change);
int priority_of(const RenameConstraint& change);
int priority_of(const RenamePolicy& change);
int priority_of(const RenameSequence& change);
int priority_of(const RenameView& change);
int priority_of(const RenameFunction& change);
int priority_of(const RebuildEnum& change);

Dependencies dependencies_of(const CreateSchema& change, const PlanContext& context);
Dependencies dependencies_of(const DropSchema& change, const PlanContext& context);
Dependencies dependencies_of(const CreateExtension& change, const PlanContext& context);
Dependencies dependencies_of(const DropExtension& change, const PlanContext& context);
Dependencies dependencies_of(const AlterExtension& change, const PlanContext& context);
Dependencies dependencies_of(const CreateEnum& change, const PlanContext& context);
Dependencies dependencies_of(const DropEnum& change, const PlanContext& context);
Dependencies dependencies_of(const AddEnumValue& change, const PlanContext& context);
Dependencies dependencies_of(const CreateDomain& change, const PlanContext& context);
Dependencies dependencies_of(const DropDomain& change, const PlanContext& context);
Dependencies dependencies_of(const AlterDomain& change, const PlanContext& context);
Dependencies dependencies_of(const AddDomainCheck& change, const PlanContext& context);
Dependencies dependencies_of(const DropDomainCheck& change, const PlanContext& context);
Dependencies dependencies_of(const CreateCompositeType& change, const PlanContext& context);
Dependencies dependencies_of(const DropCompositeType& change, const PlanContext& context);
Dependencies dependencies_of(const AlterCompositeType& change, const PlanContext& context);
Dependencies dependencies_of(const CreateRangeType& change, const PlanContext& context);
Dependencies dependencies_of(const DropRangeType& change, const PlanContext& context);
Dependencies dependencies_of(const CreateSequence& change, const PlanContext& context);
Dependencies dependencies_of(const DropSequence& change, const PlanContext& context);
Dependencies dependencies_of(const AlterSequence& change, const PlanContext& context);
Dependencies dependencies_of(const SetSequenceOwner& change, const PlanContext& context);
Dependencies dependencies_of(const CreateTable& change, const PlanContext& context);
Dependencies dependencies_of(const DropTable& change, const PlanContext& context);
Dependencies dependencies_of(const AttachPartition& change, const PlanContext& context);
Dependencies dependencies_of(const DetachPartition& change, const PlanContext& context);
Dependencies dependencies_of(const Inherit& change, const PlanContext& context);
Dependencies dependencies_of(const NoInherit& change, const PlanContext& context);
Dependencies dependencies_of(const SetLogged& change, const PlanContext& context);
Dependencies dependencies_of(const SetReplicaIdentity& change, const PlanContext& context);
Dependencies dependencies_of(const SetStorage& change, const PlanContext& context);
Dependencies dependencies_of(const AddColumn& change, const PlanContext& context);
Dependencies dependencies_of(const DropColumn& change, const PlanContext& context);
Dependencies dependencies_of(const AlterColumn& change, const PlanContext& context);
Dependencies dependencies_of(const SetColumnTuning& change, const PlanContext& context);
Dependencies dependencies_of(const AddConstraint& change, const PlanContext& context);
Dependencies dependencies_of(const DropConstraint& change, const PlanContext& context);
Dependencies dependencies_of(const ReplaceConstraint& change, const PlanContext& context);
Dependencies dependencies_of(const ValidateConstraint& change, const PlanContext& context);
Dependencies dependencies_of(const CreateIndex& change, const PlanContext& context);
Dependencies dependencies_of(const DropIndex& change, const PlanContext& context);
Dependencies dependencies_of(const ReplaceIndex& change, const PlanContext& context);
Dependencies dependencies_of(const CreateFunction& change, const PlanContext& context);
Dependencies dependencies_of(const DropFunction& change, const PlanContext& context);
Dependencies dependencies_of(const ReplaceFunction& change, const PlanContext& context);
Dependencies dependencies_of(const CreateAggregate& change, const PlanContext& context);
Dependencies dependencies_of(const DropAggregate& change, const PlanContext& context);
Dependencies dependencies_of(const ReplaceAggregate& change, const PlanContext& context);
Dependencies dependencies_of(const CreateTrigger& change, const PlanContext& context);
Dependencies dependencies_of(const DropTrigger& change, const PlanContext& context);
Dependencies dependencies_of(const ReplaceTrigger& change, const PlanContext& context);
Dependencies dependencies_of(const SetTriggerEnabled& change, const PlanContext& context);
Dependencies dependencies_of(const SetComment& change, const PlanContext& context);
Dependencies dependencies_of(const SetRowSecurity& change, const PlanContext& context);
Dependencies dependencies_of(const CreatePolicy& change, const PlanContext& context);
Dependencies dependencies_of(const DropPolicy& change, const PlanContext& context);
Dependencies dependencies_of(const AlterPolicy& change, const PlanContext& context);
Dependencies dependencies_of(const CreateView& change, const PlanContext& context);
Dependencies dependencies_of(const DropView& change, const PlanContext& context);
Dependencies dependencies_of(const ReplaceView& change, const PlanContext& context);
Dependencies dependencies_of(const SetViewStorage& change, const PlanContext& context);
Dependencies dependencies_of(const CreateRole& change, const PlanContext& context);
Dependencies dependencies_of(const AlterRole& change, const PlanContext& context);
Dependencies dependencies_of(const DropRole& change, const PlanContext& context);
Dependencies dependencies_of(const SetPassword& change, const PlanContext& context);
Dependencies dependencies_of(const SetRoleSetting& change, const PlanContext& context);
Dependencies dependencies_of(const ResetRoleSetting& change, const PlanContext& context);
Dependencies dependencies_of(const GrantMembership& change, const PlanContext& context);
Dependencies dependencies_of(const RevokeMembership& change, const PlanContext& context);
Dependencies dependencies_of(const AlterMembership& change, const PlanContext& context);
Dependencies dependencies_of(const GrantPrivileges& change, const PlanContext& context);
Dependencies dependencies_of(const RevokePrivileges& change, const PlanContext& context);
Dependencies dependencies_of(const SetOwner& change, const PlanContext& context);
Dependencies dependencies_of(const GrantDefaultPrivileges& change, const PlanContext& context);
Dependencies dependencies_of(const RevokeDefaultPrivileges& change, const PlanContext& context);
Dependencies dependencies_of(const RenameTable& change, const PlanContext& context);
Dependencies dependencies_of(const RenameColumn& change, const PlanContext& context);
Dependencies dependencies_of(const RenameEnum& change, const PlanContext& context);
Dependencies dependencies_of(const RenameEnumValue& change, const PlanContext& context);
Dependencies dependencies_of(const RenameIndex& change, const PlanContext& context);
Dependencies dependencies_of(const RenameConstraint& change, const PlanContext& context);
Dependencies dependencies_of(const RenamePolicy& change, const PlanContext& context);
Dependencies dependencies_of(const RenameSequence& change, const PlanContext& context);
Dependencies dependencies_of(const RenameView& change, const PlanContext& context);
Dependencies dependencies_of(const RenameFunction& change, const PlanContext& context);
Dependencies dependencies_of(const RebuildEnum& change, const PlanContext& context);

// The step's hazards (unsorted; hazards_of sorts them) and, when apply must
// refuse it without --allow-destructive, why. Named apart from hazards_of /
// refusal_of so that a kind without its overload fails to compile instead of
// recursing into the Change overload.
std::vector<Hazard> hazards(const CreateSchema& change, const HazardContext& context);
std::vector<Hazard> hazards(const DropSchema& change, const HazardContext& context);
std::vector<Hazard> hazards(const CreateExtension& change, const HazardContext& context);
std::vector<Hazard> hazards(const DropExtension& change, const HazardContext& context);
std::vector<Hazard> hazards(const AlterExtension& change, const HazardContext& context);
std::vector<Hazard> hazards(const CreateEnum& change, const HazardContext& context);
std::vector<Hazard> hazards(const DropEnum& change, const HazardContext& context);
std::vector<Hazard> hazards(const AddEnumValue& change, const HazardContext& context);
std::vector<Hazard> hazards(const CreateDomain& change, const HazardContext& context);
std::vector<Hazard> hazards(const DropDomain& change, const HazardContext& context);
std::vector<Hazard> hazards(const AlterDomain& change, const HazardContext& context);
std::vector<Hazard> hazards(const AddDomainCheck& change, const HazardContext& context);
std::vector<Hazard> hazards(const DropDomainCheck& change, const HazardContext& context);
std::vector<Hazard> hazards(const CreateCompositeType& change, const HazardContext& context);
std::vector<Hazard> hazards(const DropCompositeType& change, const HazardContext& context);
std::vector<Hazard> hazards(const AlterCompositeType& change, const HazardContext& context);
std::vector<Hazard> hazards(const CreateRangeType& change, const HazardContext& context);
std::vector<Hazard> hazards(const DropRangeType& change, const HazardContext& context);
std::vector<Hazard> hazards(const CreateSequence& change, const HazardContext& context);
std::vector<Hazard> hazards(const DropSequence& change, const HazardContext& context);
std::vector<Hazard> hazards(const AlterSequence& change, const HazardContext& context);
std::vector<Hazard> hazards(const SetSequenceOwner& change, const HazardContext& context);
std::vector<Hazard> hazards(const CreateTable& change, const HazardContext& context);
std::vector<Hazard> hazards(const DropTable& change, const HazardContext& context);
std::vector<Hazard> hazards(const AttachPartition& change, const HazardContext& context);
std::vector<Hazard> hazards(const DetachPartition& change, const HazardContext& context);
std::vector<Hazard> hazards(const Inherit& change, const HazardContext& context);
std::vector<Hazard> hazards(const NoInherit& change, const HazardContext& context);
std::vector<Hazard> hazards(const SetLogged& change, const HazardContext& context);
std::vector<Hazard> hazards(const SetReplicaIdentity& change, const HazardContext& context);
std::vector<Hazard> hazards(const SetStorage& change, const HazardContext& context);
std::vector<Hazard> hazards(const AddColumn& change, const HazardContext& context);
std::vector<Hazard> hazards(const DropColumn& change, const HazardContext& context);
std::vector<Hazard> hazards(const AlterColumn& change, const HazardContext& context);
std::vector<Hazard> hazards(const SetColumnTuning& change, const HazardContext& context);
std::vector<Hazard> hazards(const AddConstraint& change, const HazardContext& context);
std::vector<Hazard> hazards(const DropConstraint& change, const HazardContext& context);
std::vector<Hazard> hazards(const ReplaceConstraint& change, const HazardContext& context);
std::vector<Hazard> hazards(const ValidateConstraint& change, const HazardContext& context);
std::vector<Hazard> hazards(const CreateIndex& change, const HazardContext& context);
std::vector<Hazard> hazards(const DropIndex& change, const HazardContext& context);
std::vector<Hazard> hazards(const ReplaceIndex& change, const HazardContext& context);
std::vector<Hazard> hazards(const CreateFunction& change, const HazardContext& context);
std::vector<Hazard> hazards(const DropFunction& change, const HazardContext& context);
std::vector<Hazard> hazards(const ReplaceFunction& change, const HazardContext& context);
std::vector<Hazard> hazards(const CreateAggregate& change, const HazardContext& context);
std::vector<Hazard> hazards(const DropAggregate& change, const HazardContext& context);
std::vector<Hazard> hazards(const ReplaceAggregate& change, const HazardContext& context);
std::vector<Hazard> hazards(const CreateTrigger& change, const HazardContext& context);
std::vector<Hazard> hazards(const DropTrigger& change, const HazardContext& context);
std::vector<Hazard> hazards(const ReplaceTrigger& change, const HazardContext& context);
std::vector<Hazard> hazards(const SetTriggerEnabled& change, const HazardContext& context);
std::vector<Hazard> hazards(const SetComment& change, const HazardContext& context);
std::vector<Hazard> hazards(const SetRowSecurity& change, const HazardContext& context);
std::vector<Hazard> hazards(const CreatePolicy& change, const HazardContext& context);
std::vector<Hazard> hazards(const DropPolicy& change, const HazardContext& context);
std::vector<Hazard> hazards(const AlterPolicy& change, const HazardContext& context);
std::vector<Hazard> hazards(const CreateView& change, const HazardContext& context);
std::vector<Hazard> hazards(const DropView& change, const HazardContext& context);
std::vector<Hazard> hazards(const ReplaceView& change, const HazardContext& context);
std::vector<Hazard> hazards(const SetViewStorage& change, const HazardContext& context);
std::vector<Hazard> hazards(const CreateRole& change, const HazardContext& context);
std::vector<Hazard> hazards(const AlterRole& change, const HazardContext& context);
std::vector<Hazard> hazards(const DropRole& change, const HazardContext& context);
std::vector<Hazard> hazards(const SetPassword& change, const HazardContext& context);
std::vector<Hazard> hazards(const SetRoleSetting& change, const HazardContext& context);
std::vector<Hazard> hazards(const ResetRoleSetting& change, const HazardContext& context);
std::vector<Hazard> hazards(const GrantMembership& change, const HazardContext& context);
std::vector<Hazard> hazards(const RevokeMembership& change, const HazardContext& context);
std::vector<Hazard> hazards(const AlterMembership& change, const HazardContext& context);
std::vector<Hazard> hazards(const GrantPrivileges& change, const HazardContext& context);
std::vector<Hazard> hazards(const RevokePrivileges& change, const HazardContext& context);
std::vector<Hazard> hazards(const SetOwner& change, const HazardContext& context);
std::vector<Hazard> hazards(const GrantDefaultPrivileges& change, const HazardContext& context);
std::vector<Hazard> hazards(const RevokeDefaultPrivileges& change, const HazardContext& context);
std::vector<Hazard> hazards(const RenameTable& change, const HazardContext& context);
std::vector<Hazard> hazards(const RenameColumn& change, const HazardContext& context);
std::vector<Hazard> hazards(const RenameEnum& change, const HazardContext& context);
std::vector<Hazard> hazards(const RenameEnumValue& change, const HazardContext& context);
std::vector<Hazard> hazards(const RenameIndex& change, const HazardContext& context);
std::vector<Hazard> hazards(const RenameConstraint& change, const HazardContext& context);
std::vector<Hazard> hazards(const RenamePolicy& change, const HazardContext& context);
std::vector<Hazard> hazards(const RenameSequence& change, const HazardContext& context);
std::vector<Hazard> hazards(const RenameView& change, const HazardContext& context);
std::vector<Hazard> hazards(const RenameFunction& change, const HazardContext& context);
std::vector<Hazard> hazards(const RebuildEnum& change, const HazardContext& context);

std::optional<std::string> refusal(const CreateSchema& change, const HazardContext& context);
std::optional<std::string> refusal(const DropSchema& change, const HazardContext& context);
std::optional<std::string> refusal(const CreateExtension& change, const HazardContext& context);
std::optional<std::string> refusal(const DropExtension& change, const HazardContext& context);
std::optional<std::string> refusal(const AlterExtension& change, const HazardContext& context);
std::optional<std::string> refusal(const CreateEnum& change, const HazardContext& context);
std::optional<std::string> refusal(const DropEnum& change, const HazardContext& context);
std::optional<std::string> refusal(const AddEnumValue& change, const HazardContext& context);
std::optional<std::string> refusal(const CreateDomain& change, const HazardContext& context);
std::optional<std::string> refusal(const DropDomain& change, const HazardContext& context);
std::optional<std::string> refusal(const AlterDomain& change, const HazardContext& context);
std::optional<std::string> refusal(const AddDomainCheck& change, const HazardContext& context);
std::optional<std::string> refusal(const DropDomainCheck& change, const HazardContext& context);
std::optional<std::string> refusal(const CreateCompositeType& change, const HazardContext& context);
std::optional<std::string> refusal(const DropCompositeType& change, const HazardContext& context);
std::optional<std::string> refusal(const AlterCompositeType& change, const HazardContext& context);
std::optional<std::string> refusal(const CreateRangeType& change, const HazardContext& context);
std::optional<std::string> refusal(const DropRangeType& change, const HazardContext& context);
std::optional<std::string> refusal(const CreateSequence& change, const HazardContext& context);
std::optional<std::string> refusal(const DropSequence& change, const HazardContext& context);
std::optional<std::string> refusal(const AlterSequence& change, const HazardContext& context);
std::optional<std::string> refusal(const SetSequenceOwner& change, const HazardContext& context);
std::optional<std::string> refusal(const CreateTable& change, const HazardContext& context);
std::optional<std::string> refusal(const DropTable& change, const HazardContext& context);
std::optional<std::string> refusal(const AttachPartition& change, const HazardContext& context);
std::optional<std::string> refusal(const DetachPartition& change, const HazardContext& context);
std::optional<std::string> refusal(const Inherit& change, const HazardContext& context);
std::optional<std::string> refusal(const NoInherit& change, const HazardContext& context);
std::optional<std::string> refusal(const SetLogged& change, const HazardContext& context);
std::optional<std::string> refusal(const SetReplicaIdentity& change, const HazardContext& context);
std::optional<std::string> refusal(const SetStorage& change, const HazardContext& context);
std::optional<std::string> refusal(const AddColumn& change, const HazardContext& context);
std::optional<std::string> refusal(const DropColumn& change, const HazardContext& context);
std::optional<std::string> refusal(const AlterColumn& change, const HazardContext& context);
std::optional<std::string> refusal(const SetColumnTuning& change, const HazardContext& context);
std::optional<std::string> refusal(const AddConstraint& change, const HazardContext& context);
std::optional<std::string> refusal(const DropConstraint& change, const HazardContext& context);
std::optional<std::string> refusal(const ReplaceConstraint& change, const HazardContext& context);
std::optional<std::string> refusal(const ValidateConstraint& change, const HazardContext& context);
std::optional<std::string> refusal(const CreateIndex& change, const HazardContext& context);
std::optional<std::string> refusal(const DropIndex& change, const HazardContext& context);
std::optional<std::string> refusal(const ReplaceIndex& change, const HazardContext& context);
std::optional<std::string> refusal(const CreateFunction& change, const HazardContext& context);
std::optional<std::string> refusal(const DropFunction& change, const HazardContext& context);
std::optional<std::string> refusal(const ReplaceFunction& change, const HazardContext& context);
std::optional<std::string> refusal(const CreateAggregate& change, const HazardContext& context);
std::optional<std::string> refusal(const DropAggregate& change, const HazardContext& context);
std::optional<std::string> refusal(const ReplaceAggregate& change, const HazardContext& context);
std::optional<std::string> refusal(const CreateTrigger& change, const HazardContext& context);
std::optional<std::string> refusal(const DropTrigger& change, const HazardContext& context);
std::optional<std::string> refusal(const ReplaceTrigger& change, const HazardContext& context);
std::optional<std::string> refusal(const SetTriggerEnabled& change, const HazardContext& context);
std::optional<std::string> refusal(const SetComment& change, const HazardContext& context);
std::optional<std::string> refusal(const SetRowSecurity& change, const HazardContext& context);
std::optional<std::string> refusal(const CreatePolicy& change, const HazardContext& context);
std::optional<std::string> refusal(const DropPolicy& change, const HazardContext& context);
std::optional<std::string> refusal(const AlterPolicy& change, const HazardContext& context);
std::optional<std::string> refusal(const CreateView& change, const HazardContext& context);
std::optional<std::string> refusal(const DropView& change, const HazardContext& context);
std::optional<std::string> refusal(const ReplaceView& change, const HazardContext& context);
std::optional<std::string> refusal(const SetViewStorage& change, const HazardContext& context);
std::optional<std::string> refusal(const CreateRole& change, const HazardContext& context);
std::optional<std::string> refusal(const AlterRole& change, const HazardContext& context);
std::optional<std::string> refusal(const DropRole& change, const HazardContext& context);
std::optional<std::string> refusal(const SetPassword& change, const HazardContext& context);
std::optional<std::string> refusal(const SetRoleSetting& change, const HazardContext& context);
std::optional<std::string> refusal(const ResetRoleSetting& change, const HazardContext& context);
std::optional<std::string> refusal(const GrantMembership& change, const HazardContext& context);
std::optional<std::string> refusal(const RevokeMembership& change, const HazardContext& context);
std::optional<std::string> refusal(const AlterMembership& change, const HazardContext& context);
std::optional<std::string> refusal(const GrantPrivileges& change, const HazardContext& context);
std::optional<std::string> refusal(const RevokePrivileges& change, const HazardContext& context);
std::optional<std::string> refusal(const SetOwner& change, const HazardContext& context);
std::optional<std::string> refusal(const GrantDefaultPrivileges& change, const HazardContext& context);
std::optional<std::string> refusal(const RevokeDefaultPrivileges& change, const HazardContext& context);
std::optional<std::string> refusal(const RenameTable& change, const HazardContext& context);
std::optional<std::string> refusal(const RenameColumn& change, const HazardContext& context);
std::optional<std::string> refusal(const RenameEnum& change, const HazardContext& context);
std::optional<std::string> refusal(const RenameEnumValue& change, const HazardContext& context);
std::optional<std::string> refusal(const RenameIndex& change, const HazardContext& context);
std::optional<std::string> refusal(const RenameConstraint& change, const HazardContext& context);
std::optional<std::string> refusal(const RenamePolicy& change, const HazardContext& context);
std::optional<std::string> refusal(const RenameSequence& change, const HazardContext& context);
std::optional<std::string> refusal(const RenameView& change, const HazardContext& context);
std::optional<std::string> refusal(const RenameFunction& change, const HazardContext& context);
std::optional<std::string> refusal(const RebuildEnum& change, const HazardContext& context);

// The end of every refusal message.
inline constexpr const char* pass_allow_destructive = "pass --allow-destructive";

// --- shared by several kinds (references.cpp) --------------------------------

// Any overload of the function or procedure `name`: a call in an expression
// does not say which overload it means, so every change that creates or
// drops a routine creates or drops this id too, and what calls a routine
// needs it (functions.cpp).
ObjectId any_overload(const QualifiedName& name);

// The named type a column type text names, if any, keyed as an enum: types
// share one namespace per schema, so the name alone says which, and a
// domain (or any later type kind) "creates" the same key.
std::optional<ObjectId> type_needed(const std::string& type);
// The sequence PostgreSQL creates for a serial or identity column (when the
// name fits).
std::optional<ObjectId> serial_sequence(const QualifiedName& table, const Column& column);
// Sequences a default draws from: nextval('public.invoices_id_seq'::regclass).
std::vector<ObjectId> sequences_used(const std::optional<std::string>& default_expr);
// What a column needs: its type and the sequences its default draws from.
void add_column_needs(Dependencies& out, const Column& column);
// The routines of this plan an expression calls (see functions_called).
void add_calls(std::vector<ObjectId>& out, const PlanContext& context, const std::optional<std::string>& text);
// What a column's default and generation expression call.
void add_column_calls(std::vector<ObjectId>& out, const PlanContext& context, const Column& column);
// What a check expression, an index's expressions and predicate call.
void add_constraint_calls(std::vector<ObjectId>& out, const PlanContext& context, const Constraint& constraint);
void add_index_calls(std::vector<ObjectId>& out, const PlanContext& context, const Index& index);
// A foreign key needs its referenced table and columns; dropping one
// releases them.
void add_foreign_key_needs(std::vector<ObjectId>& out, const catalog::ForeignKey& fk);

}  // namespace reconcile::engine::plan_detail
