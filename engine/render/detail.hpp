#pragma once
// Internal to engine/render: the SQL fragments shared between object kinds
// and the per-kind entry points render.cpp dispatches to. Not part of the
// engine's public contract (render.hpp, report.hpp, sql_writer.hpp are).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/diff/change.hpp"
#include "engine/plan/plan.hpp"

namespace reconcile::engine::render_detail {

using Statements = std::vector<std::string>;

// --- shared text helpers (sql_writer.cpp) ---------------------------------

// A collation or operator-class name as given by the model. Canonical text
// ("pg_catalog.\"C\"", "public.gist_trgm_ops") is already a valid, quoted SQL
// name and is kept verbatim; anything that does not parse as a (qualified)
// name is quoted whole, so a hostile manifest value can never escape.
// plain_policy: what to do with a single unquoted word such as `C`.
enum class PlainWord { quote, verbatim };
std::string object_name_text(std::string_view text, PlainWord plain_policy);
// " COLLATE <name>", plain words quoted: the user's `C` means "C".
std::string collate_clause(const std::optional<std::string>& collation);

// Makes text safe for a one-line, human-facing context (descriptions, SQL
// comments): control characters, line separators and bidi overrides become
// visible escapes such as \n or \u{202E}. Backslash is left as is.
std::string printable(std::string_view text);

std::string join(const std::vector<std::string>& parts, std::string_view separator);

// --- fragments (one owner file each) ----------------------------------------

// columns.cpp: `"name" type [COLLATE] [GENERATED ...] [DEFAULT] [NOT NULL]`,
// for a column of `table`.
std::string column_definition(const QualifiedName& table, const Column& column);
// columns.cpp: ` (SEQUENCE NAME s.n START WITH 1 ...)` after GENERATED ... AS
// IDENTITY, with only what is set; empty when nothing is.
std::string identity_options(const QualifiedName& table, const catalog::Identity& identity);
// columns.cpp: "integer default 0 not null", for descriptions.
std::string column_summary(const Column& column);
// columns.cpp: {"START WITH 1", "INCREMENT BY 1", ...}, only the options set.
std::vector<std::string> sequence_option_clauses(const catalog::SequenceOptions& options);
// sequences.cpp: before raising a sequence's MINVALUE from `from` to `to`,
// the statement (if any) that moves a sequence still below the new minimum
// up to it; `sequence` is an SQL expression yielding its regclass.
std::optional<std::string> up_to_new_minimum(const std::string& sequence, const catalog::SequenceOptions& from,
                                             const catalog::SequenceOptions& to);

// constraints.cpp: `PRIMARY KEY ("id")`, `FOREIGN KEY (...) REFERENCES ...`.
std::string constraint_definition(const Constraint& constraint);

// indexes.cpp: the full CREATE INDEX statement.
std::string create_index_statement(const QualifiedName& table, const Index& index, bool concurrently = false);

// tables.cpp: CREATE TABLE with columns and inline constraints.
enum class ForeignKeys { include, skip };
std::string create_table_statement(const Table& table, ForeignKeys foreign_keys);
// tables.cpp: "SET (...), RESET (...)" taking a relation's storage
// parameters (table or materialized view) from `from` to `to`; empty when
// they are the same.
std::string storage_actions(const std::vector<std::string>& from, const std::vector<std::string>& to);

// functions.cpp: "public"."f"(integer, text), and with FUNCTION or
// PROCEDURE in front, as DROP, COMMENT ON and GRANT name a routine.
std::string routine_signature(const ObjectId& id);
std::string routine_target(const ObjectId& id);

// triggers.cpp: the full CREATE [CONSTRAINT] TRIGGER statement.
std::string create_trigger_statement(const QualifiedName& table, const Trigger& trigger);

// comments.cpp: COMMENT ON <target> IS ...
std::string comment_statement(const ObjectId& target, const std::optional<std::string>& comment);

// --- per change kind: statements and raw description ------------------------
// Descriptions returned here are not yet passed through printable(); the
// dispatcher does that once for all kinds.

Statements sql_of(const CreateSchema& change);
Statements sql_of(const DropSchema& change);
Statements sql_of(const CreateExtension& change);
Statements sql_of(const DropExtension& change);
Statements sql_of(const AlterExtension& change);
Statements sql_of(const CreateEnum& change);
Statements sql_of(const DropEnum& change);
Statements sql_of(const AddEnumValue& change);
Statements sql_of(const CreateDomain& change);
Statements sql_of(const DropDomain& change);
Statements sql_of(const AlterDomain& change);
Statements sql_of(const AddDomainCheck& change);
Statements sql_of(const DropDomainCheck& change);
Statements sql_of(const CreateCompositeType& change);
Statements sql_of(const DropCompositeType& change);
Statements sql_of(const AlterCompositeType& change);
Statements sql_of(const CreateRangeType& change);
Statements sql_of(const DropRangeType& change);
Statements sql_of(const CreateSequence& change);
Statements sql_of(const DropSequence& change);
Statements sql_of(const AlterSequence& change);
Statements sql_of(const SetSequenceOwner& change);
Statements sql_of(const CreateTable& change);
Statements sql_of(const AttachPartition& change);
Statements sql_of(const DetachPartition& change);
Statements sql_of(const Inherit& change);
Statements sql_of(const NoInherit& change);
Statements sql_of(const SetLogged& change);
Statements sql_of(const SetReplicaIdentity& change);
Statements sql_of(const SetStorage& change);
Statements sql_of(const DropTable& change);
Statements sql_of(const AddColumn& change);
Statements sql_of(const DropColumn& change);
Statements sql_of(const AlterColumn& change);
Statements sql_of(const SetColumnTuning& change);
Statements sql_of(const AddConstraint& change);
Statements sql_of(const DropConstraint& change);
Statements sql_of(const ReplaceConstraint& change);
Statements sql_of(const ValidateConstraint& change);
Statements sql_of(const CreateIndex& change);
Statements sql_of(const DropIndex& change);
Statements sql_of(const ReplaceIndex& change);
Statements sql_of(const CreateFunction& change);
Statements sql_of(const DropFunction& change);
Statements sql_of(const ReplaceFunction& change);
Statements sql_of(const CreateAggregate& change);
Statements sql_of(const DropAggregate& change);
Statements sql_of(const ReplaceAggregate& change);
Statements sql_of(const CreateTrigger& change);
Statements sql_of(const DropTrigger& change);
Statements sql_of(const ReplaceTrigger& change);
Statements sql_of(const SetTriggerEnabled& change);
Statements sql_of(const SetComment& change);
Statements sql_of(const SetRowSecurity& change);
Statements sql_of(const CreatePolicy& change);
Statements sql_of(const DropPolicy& change);
Statements sql_of(const AlterPolicy& change);
Statements sql_of(const CreateView& change);
Statements sql_of(const DropView& change);
Statements sql_of(const ReplaceView& change);
Statements sql_of(const SetViewStorage& change);
Statements sql_of(const CreateRole& change);
Statements sql_of(const AlterRole& change);
Statements sql_of(const DropRole& change);
Statements sql_of(const SetPassword& change);
Statements sql_of(const SetRoleSetting& change);
Statements sql_of(const ResetRoleSetting& change);
Statements sql_of(const GrantMembership& change);
Statements sql_of(const RevokeMembership& change);
Statements sql_of(const AlterMembership& change);
Statements sql_of(const GrantPrivileges& change);
Statements sql_of(const RevokePrivileges& change);
Statements sql_of(const SetOwner& change);
Statements sql_of(const GrantDefaultPrivileges& change);
Statements sql_of(const RevokeDefaultPrivileges& change);
Statements sql_of(const RenameTable& change);
Statements sql_of(const RenameColumn& change);
Statements sql_of(const RenameEnum& change);
Statements sql_of(const RenameEnumValue& change);
Statements sql_of(const RenameIndex& change);
Statements sql_of(const RenameConstraint& change);
Statements sql_of(const RenamePolicy& change);
Statements sql_of(const RenameSequence& change);
Statements sql_of(const RenameView& change);
Statements sql_of(const RenameFunction& change);
Statements sql_of(const RebuildEnum& change);

std::string description_of(const CreateSchema& change);
std::string description_of(const DropSchema& change);
std::string description_of(const CreateExtension& change);
std::string description_of(const DropExtension& change);
std::string description_of(const AlterExtension& change);
std::string description_of(const CreateEnum& change);
std::string description_of(const DropEnum& change);
std::string description_of(const AddEnumValue& change);
std::string description_of(const CreateDomain& change);
std::string description_of(const DropDomain& change);
std::string description_of(const AlterDomain& change);
std::string description_of(const AddDomainCheck& change);
std::string description_of(const DropDomainCheck& change);
std::string description_of(const CreateCompositeType& change);
std::string description_of(const DropCompositeType& change);
std::string description_of(const AlterCompositeType& change);
std::string description_of(const CreateRangeType& change);
std::string description_of(const DropRangeType& change);
std::string description_of(const CreateSequence& change);
std::string description_of(const DropSequence& change);
std::string description_of(const AlterSequence& change);
std::string description_of(const SetSequenceOwner& change);
std::string description_of(const CreateTable& change);
std::string description_of(const AttachPartition& change);
std::string description_of(const DetachPartition& change);
std::string description_of(const Inherit& change);
std::string description_of(const NoInherit& change);
std::string description_of(const SetLogged& change);
std::string description_of(const SetReplicaIdentity& change);
std::string description_of(const SetStorage& change);
std::string description_of(const DropTable& change);
std::string description_of(const AddColumn& change);
std::string description_of(const DropColumn& change);
std::string description_of(const AlterColumn& change);
std::string description_of(const SetColumnTuning& change);
std::string description_of(const AddConstraint& change);
std::string description_of(const DropConstraint& change);
std::string description_of(const ReplaceConstraint& change);
std::string description_of(const ValidateConstraint& change);
std::string description_of(const CreateIndex& change);
std::string description_of(const DropIndex& change);
std::string description_of(const ReplaceIndex& change);
std::string description_of(const CreateFunction& change);
std::string description_of(const DropFunction& change);
std::string description_of(const ReplaceFunction& change);
std::string description_of(const CreateAggregate& change);
std::string description_of(const DropAggregate& change);
std::string description_of(const ReplaceAggregate& change);
std::string description_of(const CreateTrigger& change);
std::string description_of(const DropTrigger& change);
std::string description_of(const ReplaceTrigger& change);
std::string description_of(const SetTriggerEnabled& change);
std::string description_of(const SetComment& change);
std::string description_of(const SetRowSecurity& change);
std::string description_of(const CreatePolicy& change);
std::string description_of(const DropPolicy& change);
std::string description_of(const AlterPolicy& change);
std::string description_of(const CreateView& change);
std::string description_of(const DropView& change);
std::string description_of(const ReplaceView& change);
std::string description_of(const SetViewStorage& change);
std::string description_of(const CreateRole& change);
std::string description_of(const AlterRole& change);
std::string description_of(const DropRole& change);
std::string description_of(const SetPassword& change);
std::string description_of(const SetRoleSetting& change);
std::string description_of(const ResetRoleSetting& change);
std::string description_of(const GrantMembership& change);
std::string description_of(const RevokeMembership& change);
std::string description_of(const AlterMembership& change);
std::string description_of(const GrantPrivileges& change);
std::string description_of(const RevokePrivileges& change);
std::string description_of(const SetOwner& change);
std::string description_of(const GrantDefaultPrivileges& change);
std::string description_of(const RevokeDefaultPrivileges& change);
std::string description_of(const RenameTable& change);
std::string description_of(const RenameColumn& change);
std::string description_of(const RenameEnum& change);
std::string description_of(const RenameEnumValue& change);
std::string description_of(const RenameIndex& change);
std::string description_of(const RenameConstraint& change);
std::string description_of(const RenamePolicy& change);
std::string description_of(const RenameSequence& change);
std::string description_of(const RenameView& change);
std::string description_of(const RenameFunction& change);
std::string description_of(const RebuildEnum& change);

// conversion_guards.cpp: the rows a type change to an enum cannot convert.
std::optional<Guard> conversion_guard(const AlterColumn& change);
// enum_rebuild.cpp: the rows still holding a value the rebuild removes.
std::vector<Guard> enum_rebuild_guards(const RebuildEnum& change);

// --- reports (report_common in report_text.cpp) -----------------------------

// Copies sorted by (kind, identity) so report output does not depend on the
// order the diff happened to produce them in.
std::vector<ObjectId> sorted_refs(const std::vector<ObjectId>& refs);
std::vector<catalog::UnmanagedObject> sorted_unmanaged(const std::vector<catalog::UnmanagedObject>& objects);
std::size_t refused_count(const Plan& plan);
// "possible rename: column public.t.email -> public.t.email_address: add
// "renamed_from": ["email"] to keep its data" (not printable-escaped).
std::string possible_rename_hint(const catalog::PossibleRename& hint);
// Each statement closed with ';' and a newline, every line of it (a CREATE
// TABLE spans several) starting with line_prefix: "   " to indent, "-- " to
// comment a refused step out entirely.
void append_statements(std::string& out, const std::vector<std::string>& statements, std::string_view line_prefix);

}  // namespace reconcile::engine::render_detail
