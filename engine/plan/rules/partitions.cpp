#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

int priority_of(const AttachPartition&) {
    return 5;
}
int priority_of(const DetachPartition&) {
    return 4;
}

// ATTACH re-creates, as copies of the parent's, keys and indexes like the
// ones dropped first; "creates" puts it after their drops.
Dependencies dependencies_of(const AttachPartition& change, const PlanContext&) {
    Dependencies out{.creates = {partition_link(change.table)}, .needs = {catalog::table_id(change.of.parent)}};
    out.creates.insert(out.creates.end(), change.dropped_first.begin(), change.dropped_first.end());
    return out;
}

// Before the parent is dropped, which would take the partition along.
Dependencies dependencies_of(const DetachPartition& change, const PlanContext&) {
    return {.drops = {partition_link(change.table)}, .releases = {catalog::table_id(change.of.parent)}};
}

// ATTACH takes SHARE UPDATE EXCLUSIVE on the parent but ACCESS EXCLUSIVE on
// the table, and scans it to prove every row fits the bound (and the
// default partition, to prove none of its rows does) unless a valid CHECK
// already implies it; a row that does not fit fails the step.
std::vector<Hazard> hazards(const AttachPartition&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock, Hazard::full_table_scan, Hazard::correctness};
}
// DETACH (without CONCURRENTLY) locks the parent ACCESS EXCLUSIVE. Its
// rows leave the parent's queries but stay in the detached table: no data
// is deleted, so it is not refused.
std::vector<Hazard> hazards(const DetachPartition&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}

std::optional<std::string> refusal(const AttachPartition&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const DetachPartition&, const HazardContext&) {
    return std::nullopt;
}

}  // namespace reconcile::engine::plan_detail
