// Column settings come after the column exists (CREATE TABLE and ADD COLUMN
// cannot carry them) and change no stored data: STORAGE and COMPRESSION
// apply to values written later.
#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

int priority_of(const SetColumnTuning&) {
    return 6;
}

Dependencies dependencies_of(const SetColumnTuning& change, const PlanContext&) {
    return {.needs = {change.object()}};
}

std::vector<Hazard> hazards(const SetColumnTuning&, const HazardContext&) {
    return {};
}

std::optional<std::string> refusal(const SetColumnTuning&, const HazardContext&) {
    return std::nullopt;
}

}  // namespace reconcile::engine::plan_detail
