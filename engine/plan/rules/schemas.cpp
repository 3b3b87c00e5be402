// Schemas come first and go last; everything else needs its schema (added
// by the graph builder for every change).
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

}  // namespace reconcile::engine::plan_detail
