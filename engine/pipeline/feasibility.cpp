#include "engine/pipeline/feasibility.hpp"

#include "engine/pipeline/casts_check.hpp"
#include "engine/pipeline/dependents_check.hpp"
#include "engine/plan/planner.hpp"

namespace reconcile::engine {

void check_feasible(const Plan& plan, const std::vector<std::string>& claimed, catalog::Connection& target) {
    std::string problems;
    for (std::string found : {missing_casts(plan, target), outside_dependents(plan, claimed, target)}) {
        if (!found.empty()) problems += "\n" + found;
    }
    if (problems.empty()) return;
    throw PlanError("the plan cannot run:" + problems + "\nNothing was changed.");
}

}  // namespace reconcile::engine
