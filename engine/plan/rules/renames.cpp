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

}  // namespace reconcile::engine::plan_detail
