// A role's settings apply from its next session on: after the role exists,
// with no lock on any table.
#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

int priority_of(const SetRoleSetting&) {
    return 1;
}
int priority_of(const ResetRoleSetting&) {
    return 1;
}

Dependencies dependencies_of(const SetRoleSetting& change, const PlanContext&) {
    return {.needs = {change.object()}};
}
Dependencies dependencies_of(const ResetRoleSetting& change, const PlanContext&) {
    return {.needs = {change.object()}};
}

std::vector<Hazard> hazards(const SetRoleSetting&, const HazardContext&) {
    return {};
}
std::vector<Hazard> hazards(const ResetRoleSetting&, const HazardContext&) {
    return {};
}

std::optional<std::string> refusal(const SetRoleSetting&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const ResetRoleSetting&, const HazardContext&) {
    return std::nullopt;
}

}  // namespace reconcile::engine::plan_detail
