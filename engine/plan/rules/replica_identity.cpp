// REPLICA IDENTITY USING INDEX names an index or the index of a unique
// constraint, which must exist first.
#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

int priority_of(const SetReplicaIdentity&) {
    return 9;
}

Dependencies dependencies_of(const SetReplicaIdentity& change, const PlanContext&) {
    Dependencies out;
    if (change.identity == catalog::ReplicaIdentity::index) {
        out.needs.push_back(catalog::index_id(change.table, change.index));
        out.needs.push_back(catalog::constraint_id(change.table, change.index));
    }
    return out;
}

// Takes ACCESS EXCLUSIVE for a moment; rewrites nothing. On a table the
// same plan creates nobody else can hold or wait for that lock.
std::vector<Hazard> hazards(const SetReplicaIdentity& change, const HazardContext& context) {
    if (context.created_tables.count(change.table)) return {};
    return {Hazard::acquires_access_exclusive_lock};
}

std::optional<std::string> refusal(const SetReplicaIdentity&, const HazardContext&) {
    return std::nullopt;
}

}  // namespace reconcile::engine::plan_detail
