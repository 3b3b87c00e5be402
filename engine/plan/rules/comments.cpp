#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

int priority_of(const SetComment&) {
    return 9;
}

// A comment needs the object it is on (its table and schema are added by
// the graph builder).
Dependencies dependencies_of(const SetComment& change, const PlanContext&) {
    return {.needs = {change.target}};
}

std::vector<Hazard> hazards(const SetComment&, const HazardContext&) {
    return {};
}
std::optional<std::string> refusal(const SetComment&, const HazardContext&) {
    return std::nullopt;
}

}  // namespace reconcile::engine::plan_detail
