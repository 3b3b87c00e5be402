// Renames declared with "renamed_from". Every other change of the plan was
// computed against the renamed objects, so a rename "creates" the new name
// (they run after it) and "drops" the old one (an object created under the
// old name runs after it too). A rename rewrites no rows; it takes an
// ACCESS EXCLUSIVE lock for the moment the catalog changes.
#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

int priority_of(const RenameTable&) {
    return 3;
}
int priority_of(const RenameColumn&) {
    return 4;
}
// With the enums, before values are added next to a renamed one. A value of
// an enum renamed in the same plan: RenameEnum wins the tie (same object,
// earlier kind), so the value is renamed under the type's new name.
int priority_of(const RenameEnum&) {
    return 1;
}
int priority_of(const RenameEnumValue&) {
    return 1;
}

Dependencies dependencies_of(const RenameTable& change, const PlanContext&) {
    Dependencies out{.creates = {change.object()}, .drops = {catalog::table_id(change.from)}};
    // Out of its old schema before that schema goes.
    if (change.from.schema != change.to.schema) out.releases.push_back(catalog::schema_id(change.from.schema));
    return out;
}
Dependencies dependencies_of(const RenameColumn& change, const PlanContext&) {
    return {.creates = {change.object()}, .drops = {catalog::column_id(change.table, change.from)}};
}

Dependencies dependencies_of(const RenameEnum& change, const PlanContext&) {
    return {.creates = {change.object()}, .drops = {catalog::enum_id(change.from)}};
}
Dependencies dependencies_of(const RenameEnumValue& change, const PlanContext&) {
    return {.creates = {catalog::member_id(ObjectKind::enum_type, change.type, change.to)},
            .drops = {catalog::member_id(ObjectKind::enum_type, change.type, change.from)}};
}

// Table members keep their place: after the table's own rename, before
// whatever the plan does to them under the new name.
int priority_of(const RenameIndex&) {
    return 4;
}
int priority_of(const RenameConstraint&) {
    return 4;
}
int priority_of(const RenamePolicy&) {
    return 4;
}
Dependencies dependencies_of(const RenameIndex& change, const PlanContext&) {
    return {.creates = {change.object()}, .drops = {catalog::index_id(change.table, change.from)}};
}
Dependencies dependencies_of(const RenameConstraint& change, const PlanContext&) {
    return {.creates = {change.object()}, .drops = {catalog::constraint_id(change.table, change.from)}};
}
Dependencies dependencies_of(const RenamePolicy& change, const PlanContext&) {
    return {.creates = {change.object()}, .drops = {catalog::member_id(ObjectKind::policy, change.table, change.from)}};
}
// ALTER INDEX ... RENAME takes SHARE UPDATE EXCLUSIVE (PostgreSQL 12+):
// reads and writes go on.
std::vector<Hazard> hazards(const RenameIndex&, const HazardContext&) {
    return {};
}
std::vector<Hazard> hazards(const RenameConstraint&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}
std::vector<Hazard> hazards(const RenamePolicy&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}
std::optional<std::string> refusal(const RenameIndex&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const RenameConstraint&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const RenamePolicy&, const HazardContext&) {
    return std::nullopt;
}

std::vector<Hazard> hazards(const RenameTable&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}
std::vector<Hazard> hazards(const RenameColumn&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}

// Catalog-only; no table is locked.
std::vector<Hazard> hazards(const RenameEnum&, const HazardContext&) {
    return {};
}
std::vector<Hazard> hazards(const RenameEnumValue&, const HazardContext&) {
    return {};
}

std::optional<std::string> refusal(const RenameEnum&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const RenameEnumValue&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const RenameTable&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const RenameColumn&, const HazardContext&) {
    return std::nullopt;
}

// A sequence with the sequences a plan creates, before the defaults that
// draw from it under its new name; a view before the views that read it
// are created or replaced under its new name.
int priority_of(const RenameSequence&) {
    return 2;
}
int priority_of(const RenameView&) {
    return 3;
}
Dependencies dependencies_of(const RenameSequence& change, const PlanContext&) {
    Dependencies out{.creates = {change.object()}, .drops = {catalog::object_id(ObjectKind::sequence, change.from)}};
    if (change.from.schema != change.to.schema) out.releases.push_back(catalog::schema_id(change.from.schema));
    return out;
}
// Other views record reading the view's columns, and a materialized view's
// indexes hang on it as on a table: those ids move with it.
Dependencies dependencies_of(const RenameView& change, const PlanContext&) {
    auto ids_of = [&](const QualifiedName& name) {
        std::vector<ObjectId> out{
            catalog::object_id(change.materialized ? ObjectKind::materialized_view : ObjectKind::view, name)};
        if (change.materialized) out.push_back(catalog::table_id(name));
        for (const auto& column : change.columns) out.push_back(catalog::column_id(name, column));
        return out;
    };
    Dependencies out{.creates = ids_of(change.to), .drops = ids_of(change.from)};
    if (change.from.schema != change.to.schema) out.releases.push_back(catalog::schema_id(change.from.schema));
    return out;
}
// ALTER SEQUENCE / VIEW ... RENAME and SET SCHEMA lock the relation ACCESS
// EXCLUSIVE for the moment the catalog changes: nextval() and queries of
// the view wait; nothing is rewritten.
std::vector<Hazard> hazards(const RenameSequence&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}
std::vector<Hazard> hazards(const RenameView&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}
std::optional<std::string> refusal(const RenameSequence&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const RenameView&, const HazardContext&) {
    return std::nullopt;
}

// Before functions are created or replaced (under the new name, after
// the rename), after the schemas.
int priority_of(const RenameFunction&) {
    return 2;
}
// Triggers and aggregates name a function without its arguments: the name
// moves too.
Dependencies dependencies_of(const RenameFunction& change, const PlanContext&) {
    Dependencies out{.creates = {change.to, any_overload(change.to.qualified())},
                     .drops = {change.from, any_overload(change.from.qualified())}};
    if (change.from.schema != change.to.schema) out.releases.push_back(catalog::schema_id(change.from.schema));
    return out;
}
// Catalog-only: ALTER FUNCTION locks no table, and running calls go on.
std::vector<Hazard> hazards(const RenameFunction&, const HazardContext&) {
    return {};
}
std::optional<std::string> refusal(const RenameFunction&, const HazardContext&) {
    return std::nullopt;
}

}  // namespace reconcile::engine::plan_detail
