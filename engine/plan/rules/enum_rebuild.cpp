// RebuildEnum: with the other enum changes; it "creates" the type in its
// final shape, so columns added with it come after. Every converted column
// is rewritten under an ACCESS EXCLUSIVE lock.
#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

int priority_of(const RebuildEnum&) {
    return 2;
}

Dependencies dependencies_of(const RebuildEnum& change, const PlanContext&) {
    Dependencies out{.creates = {change.object()}};
    for (const auto& column : change.columns) out.needs.push_back(catalog::table_id(column.table));
    return out;
}

std::vector<Hazard> hazards(const RebuildEnum& change, const HazardContext&) {
    if (change.columns.empty()) return {};
    return {Hazard::acquires_access_exclusive_lock, Hazard::table_rewrite, Hazard::correctness};
}

// A removed value still in use stops the apply through the guard; an
// unused one holds nothing to lose.
std::optional<std::string> refusal(const RebuildEnum&, const HazardContext&) {
    return std::nullopt;
}

}  // namespace reconcile::engine::plan_detail
