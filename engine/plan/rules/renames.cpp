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

Dependencies dependencies_of(const RenameTable& change, const PlanContext&) {
    Dependencies out{.creates = {change.object()}, .drops = {catalog::table_id(change.from)}};
    // Out of its old schema before that schema goes.
    if (change.from.schema != change.to.schema) out.releases.push_back(catalog::schema_id(change.from.schema));
    return out;
}
Dependencies dependencies_of(const RenameColumn& change, const PlanContext&) {
    return {.creates = {change.object()}, .drops = {catalog::column_id(change.table, change.from)}};
}

std::vector<Hazard> hazards(const RenameTable&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}
std::vector<Hazard> hazards(const RenameColumn&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}

std::optional<std::string> refusal(const RenameTable&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const RenameColumn&, const HazardContext&) {
    return std::nullopt;
}

}  // namespace reconcile::engine::plan_detail
