#pragma once
// Whether the target lets a plan run at all, asked at plan time so that
// apply never stops halfway on what the server knew all along: objects
// outside the plan that depend on what it drops or retypes
// (dependents_check.hpp), type changes with no cast (casts_check.hpp).
#include <string>
#include <vector>

#include "catalog/pg/connection.hpp"
#include "engine/plan/plan.hpp"

namespace reconcile::engine {

// claimed: the schemas the manifests claim. At most two queries, none for a
// plan that drops, retypes and casts nothing. Throws PlanError listing every
// problem found, so one run shows them all.
void check_feasible(const Plan& plan, const std::vector<std::string>& claimed, catalog::Connection& target);

}  // namespace reconcile::engine
