#pragma once
// The data path of `plan`, `apply` and `drift`: read the live database,
// canonicalize the manifests, diff, order, render.
#include <chrono>
#include <string>
#include <vector>

#include "catalog/model/model.hpp"
#include "catalog/pg/connection.hpp"
#include "engine/diff/diff.hpp"
#include "engine/plan/plan.hpp"
#include "engine/plan/planner.hpp"

namespace reconcile::engine {

// Whether planning asks the target if the plan can run at all (nothing
// outside the plan depends on what it drops, every type change without
// `using` has a cast). drift only reports
// differences, so it skips the question.
enum class Feasibility { check, skip };

struct PlanRequest {
    DiffOptions diff;
    PlanOptions plan;
    Feasibility feasibility = Feasibility::check;
    // With Feasibility::check, each guard query (guards_check.hpp) may run
    // this long; a slower one is reported as not counted.
    std::chrono::milliseconds guard_timeout{std::chrono::seconds(10)};
};

struct PlanResult {
    catalog::Model have;  // the live database, claimed schemas only
    catalog::Model want;  // the manifests, canonicalized
    Plan plan;            // ordered, rendered
};

// The live side of a plan: the schemas asked for and what they hold. Read
// on its own so that a command can read it while the manifests load.
struct LiveState {
    std::vector<std::string> schemas;  // as requested
    catalog::Model model;
};
LiveState read_live(catalog::Connection& target, std::vector<std::string> schemas);

// want: the desired model as the manifests give it (checked against the
// servers first: desired-state/server_checks.hpp).
// target: the database to reconcile; read in one consistent snapshot.
// scratch: where desired definitions are canonicalized (the target itself,
// in a transaction that is always rolled back, or a dev database).
// Throws CanonicalizeError when the server rejects a desired definition,
// PlanError when no safe order exists or when objects outside the plan
// depend on what it drops or a type change has no cast (feasibility.hpp).
PlanResult plan_database(catalog::Model want, catalog::Connection& target, catalog::Connection& scratch,
                         const PlanRequest& request);
// The same with the live side read already. If it was read for other
// schemas than the manifests claim, it is read again.
PlanResult plan_database(catalog::Model want, LiveState live, catalog::Connection& target, catalog::Connection& scratch,
                         const PlanRequest& request);

}  // namespace reconcile::engine
