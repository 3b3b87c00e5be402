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
    Dependencies out{.creates = {change.object()}, .needs = context.mentioned_columns(change.table, change.index)};
    add_index_calls(out.needs, context, change.index);
    return out;
}

// An index whose expression calls a routine the plan drops goes first.
Dependencies dependencies_of(const DropIndex& change, const PlanContext& context) {
    Dependencies out{.drops = {change.object()}, .releases = context.mentioned_columns(change.table, change.index)};
    add_index_calls(out.releases, context, change.index);
    return out;
}

Dependencies dependencies_of(const ReplaceIndex& change, const PlanContext& context) {
    Dependencies out{.creates = {change.object()},
                     .needs = context.mentioned_columns(change.table, change.to),
                     .releases = context.mentioned_columns(change.table, change.from)};
    add_index_calls(out.needs, context, change.to);
    add_index_calls(out.releases, context, change.from);
    return out;
}

std::vector<Hazard> hazards(const CreateIndex& c, const HazardContext& ctx) {
    if (ctx.created_tables.count(c.table)) return {};
    // Plain CREATE INDEX holds a SHARE lock: reads go on, writes wait.
    return {Hazard::acquires_share_lock, Hazard::index_build};
}
std::vector<Hazard> hazards(const DropIndex&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock, Hazard::index_dropped};
}
// Dropped, then built again: queries lose it until the build ends.
std::vector<Hazard> hazards(const ReplaceIndex&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock, Hazard::acquires_share_lock, Hazard::index_build,
            Hazard::index_dropped};
}

std::optional<std::string> refusal(const CreateIndex&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const DropIndex&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const ReplaceIndex&, const HazardContext&) {
    return std::nullopt;
}

}  // namespace reconcile::engine::plan_detail
