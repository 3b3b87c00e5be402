#include "engine/plan/plan.hpp"

#include <algorithm>

namespace reconcile::engine {

std::string hazard_code(Hazard hazard) {
    switch (hazard) {
        case Hazard::deletes_data:
            return "DELETES_DATA";
        case Hazard::acquires_access_exclusive_lock:
            return "ACQUIRES_ACCESS_EXCLUSIVE_LOCK";
        case Hazard::acquires_share_lock:
            return "ACQUIRES_SHARE_LOCK";
        case Hazard::table_rewrite:
            return "TABLE_REWRITE";
        case Hazard::table_scan:
            return "TABLE_SCAN";
        case Hazard::index_build:
            return "INDEX_BUILD";
        case Hazard::may_fail_on_existing_data:
            return "MAY_FAIL_ON_EXISTING_DATA";
    }
    return "UNKNOWN";
}

bool Plan::has_refused_steps() const {
    return std::any_of(steps.begin(), steps.end(), [](const Step& s) { return s.refused.has_value(); });
}

std::vector<StepGroup> Plan::execution_groups() const {
    std::vector<StepGroup> groups;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        bool joins = steps[i].transactional == Transactional::yes && !groups.empty() &&
                     groups.back().transactional == Transactional::yes;
        if (!joins) groups.push_back({steps[i].transactional, {}});
        groups.back().steps.push_back(i);
    }
    return groups;
}

}  // namespace reconcile::engine
