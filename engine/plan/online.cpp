// --online (planner.hpp, Online): index builds and drops that would block
// writes run CONCURRENTLY instead.
#include <algorithm>
#include <set>

#include "engine/plan/plan_internal.hpp"

namespace reconcile::engine::plan_detail {

namespace {

// Another step of the plan uses the index's name (a key or index of that
// name dropped or created in the same schema): the plan orders them, so the
// index stays where it is, in the transaction.
bool name_shared(const Plan& plan, std::size_t index, const std::string& schema, const std::string& name) {
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        if (i == index) continue;
        ObjectId other = object_of(plan.steps[i].change);
        if (other.schema == schema && (other.member == name || (other.member.empty() && other.name == name))) {
            return true;
        }
    }
    return false;
}

}  // namespace

void run_indexes_online(Plan& plan) {
    std::set<QualifiedName> created;
    for (const auto& step : plan.steps) {
        if (const auto* create = std::get_if<CreateTable>(&step.change)) created.insert(create->table.name);
    }
    std::vector<bool> online(plan.steps.size(), false);
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        auto& step = plan.steps[i];
        // CONCURRENTLY takes SHARE UPDATE EXCLUSIVE: reads and writes go on,
        // only schema changes and other builds wait. It cannot run in a
        // transaction block, so the step commits on its own.
        if (auto* create = std::get_if<CreateIndex>(&step.change)) {
            if (created.count(create->table) || create->partitioned ||
                name_shared(plan, i, create->table.schema, create->index.name))
                continue;
            create->concurrently = true;
            step.hazards = {Hazard::index_build, Hazard::not_transactional};
        } else if (auto* drop = std::get_if<DropIndex>(&step.change)) {
            if (drop->partitioned || name_shared(plan, i, drop->table.schema, drop->index.name)) continue;
            drop->concurrently = true;
            step.hazards = {Hazard::index_dropped, Hazard::not_transactional};
        } else {
            continue;
        }
        step.transactional = Transactional::no;
        online[i] = true;
    }
    // After every transactional step: a build that fails or is cancelled
    // then leaves the transactional part committed, not split around it.
    std::vector<Step> reordered;
    reordered.reserve(plan.steps.size());
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        if (!online[i]) reordered.push_back(std::move(plan.steps[i]));
    }
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        if (online[i]) reordered.push_back(std::move(plan.steps[i]));
    }
    plan.steps = std::move(reordered);
}

}  // namespace reconcile::engine::plan_detail
