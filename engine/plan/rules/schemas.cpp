// Schemas come first and go last; everything else needs its schema (added
// by the graph builder for every change).
#include <fmt/format.h>

#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

int priority_of(const CreateSchema&) {
    return 0;
}
int priority_of(const DropSchema&) {
    return 16;
}

Dependencies dependencies_of(const CreateSchema& change, const PlanContext&) {
    return {.creates = {change.object()}};
}
Dependencies dependencies_of(const DropSchema& change, const PlanContext&) {
    return {.drops = {change.object()}};
}

std::vector<Hazard> hazards(const CreateSchema&, const HazardContext&) {
    return {};
}
// Refused unless allowed, like a dropped table: whatever it still holds goes.
std::vector<Hazard> hazards(const DropSchema&, const HazardContext&) {
    return {Hazard::deletes_data, Hazard::acquires_access_exclusive_lock};
}

std::optional<std::string> refusal(const CreateSchema&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const DropSchema& change, const HazardContext&) {
    return fmt::format("drops schema {}; {}", change.schema.name, pass_allow_destructive);
}

}  // namespace reconcile::engine::plan_detail
