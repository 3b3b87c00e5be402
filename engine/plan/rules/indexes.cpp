#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

int priority_of(const CreateIndex&) {
    return 8;
}
int priority_of(const ReplaceIndex&) {
    return 8;
}
int priority_of(const DropIndex&) {
    return 12;
}

Dependencies dependencies_of(const CreateIndex& change, const PlanContext& context) {
    return {.creates = {change.object()}, .needs = context.mentioned_columns(change.table, change.index)};
}

Dependencies dependencies_of(const DropIndex& change, const PlanContext& context) {
    return {.drops = {change.object()}, .releases = context.mentioned_columns(change.table, change.index)};
}

Dependencies dependencies_of(const ReplaceIndex& change, const PlanContext& context) {
    return {.creates = {change.object()},
            .needs = context.mentioned_columns(change.table, change.to),
            .releases = context.mentioned_columns(change.table, change.from)};
}

}  // namespace reconcile::engine::plan_detail
