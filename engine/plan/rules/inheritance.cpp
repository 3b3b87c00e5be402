#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

int priority_of(const Inherit&) {
    return 5;
}
int priority_of(const NoInherit&) {
    return 4;
}

// After the parent's columns are in their final shape: INHERIT requires
// the child to have each of them, with the same type.
Dependencies dependencies_of(const Inherit& change, const PlanContext&) {
    return {.needs = {catalog::table_id(change.parent)}};
}
// Before the parent is dropped: DROP TABLE refuses a parent with children.
Dependencies dependencies_of(const NoInherit& change, const PlanContext&) {
    return {.releases = {catalog::table_id(change.parent)}};
}

// Both lock the child ACCESS EXCLUSIVE. The child's rows appear in (or
// leave) the parent's queries; nothing is deleted.
std::vector<Hazard> hazards(const Inherit&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}
std::vector<Hazard> hazards(const NoInherit&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}

std::optional<std::string> refusal(const Inherit&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const NoInherit&, const HazardContext&) {
    return std::nullopt;
}

}  // namespace reconcile::engine::plan_detail
