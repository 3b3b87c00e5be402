#pragma once
// A plan: ordered steps, each describing itself (SQL, description, hazards,
// whether it can run in a transaction, and why apply would refuse it).
#include <optional>
#include <string>
#include <vector>

#include "catalog/model/unmanaged.hpp"
#include "engine/diff/change.hpp"

namespace reconcile::engine {

// Stable codes; tests and JSON consumers rely on the names.
enum class Hazard {
    deletes_data,                    // DELETES_DATA
    acquires_access_exclusive_lock,  // ACQUIRES_ACCESS_EXCLUSIVE_LOCK
    acquires_share_lock,             // ACQUIRES_SHARE_LOCK (blocks writes)
    table_rewrite,                   // TABLE_REWRITE
    table_scan,                      // TABLE_SCAN (validation under lock)
    index_build,                     // INDEX_BUILD
    may_fail_on_existing_data,       // MAY_FAIL_ON_EXISTING_DATA
};
std::string hazard_code(Hazard hazard);

// Steps run in plan order. Consecutive transactional steps share one
// transaction; a non-transactional step runs on its own and commits at once.
enum class Transactional { yes, no };

// The plan's steps grouped the way they are executed: each group is either a
// run of consecutive transactional steps (one transaction) or a single
// non-transactional step. Indexes into Plan::steps.
struct StepGroup {
    Transactional transactional = Transactional::yes;
    std::vector<std::size_t> steps;
};

struct Step {
    Change change;
    std::vector<Hazard> hazards;  // sorted, unique
    Transactional transactional = Transactional::yes;
    // Set when apply must refuse this step without an explicit allowance,
    // e.g. "drops column public.jobs.phone and its data; pass --allow-destructive".
    std::optional<std::string> refused;
    // Filled by render_plan():
    std::string description;       // one line, for people
    std::vector<std::string> sql;  // statements, each without trailing ';'
};

struct Plan {
    std::vector<Step> steps;
    std::vector<ObjectId> not_in_manifests;
    std::vector<catalog::UnmanagedObject> not_managed;

    bool has_changes() const { return !steps.empty(); }
    std::vector<StepGroup> execution_groups() const;
    bool has_refused_steps() const;
};

}  // namespace reconcile::engine
