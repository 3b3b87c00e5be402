#include "engine/plan/plan.hpp"

#include <algorithm>
#include <map>

namespace reconcile::engine {

namespace {

struct HazardText {
    Hazard hazard;
    const char* code;
    const char* reason;
};

constexpr HazardText hazard_texts[] = {
    {Hazard::deletes_data, "DELETES_DATA", "rows or values are removed and cannot be recovered without a backup."},
    {Hazard::acquires_access_exclusive_lock, "ACQUIRES_ACCESS_EXCLUSIVE_LOCK",
     "every read and write of the table waits until the transaction ends."},
    {Hazard::acquires_share_lock, "ACQUIRES_SHARE_LOCK",
     "writes to the table wait until the transaction ends; reads go on."},
    {Hazard::table_rewrite, "TABLE_REWRITE",
     "PostgreSQL copies the whole table and rebuilds its indexes under the lock, taking time and disk in "
     "proportion to its size."},
    {Hazard::full_table_scan, "FULL_TABLE_SCAN",
     "every row is read to validate the change while the lock is held, so the step lasts as long as a scan."},
    {Hazard::index_build, "INDEX_BUILD",
     "building the index reads the whole table, taking time and I/O in proportion to its size."},
    {Hazard::index_dropped, "INDEX_DROPPED",
     "queries that used the index fall back to slower plans until an index like it exists again."},
    {Hazard::not_transactional, "NOT_TRANSACTIONAL",
     "the step commits on its own: it stays applied if a later step fails."},
    {Hazard::authz_update, "AUTHZ_UPDATE",
     "who may read or change data changes: access widens or narrows as the step says."},
    {Hazard::correctness, "CORRECTNESS",
     "the step fails, rolling back its transaction, if existing rows break the new rule; see its guard."},
    {Hazard::repopulates_materialized_view, "REPOPULATES_MATERIALIZED_VIEW",
     "the materialized view is re-created: its query runs again (or, WITH NO DATA, it is empty until refreshed)."},
};

const HazardText& text_of(Hazard hazard) {
    for (const auto& text : hazard_texts) {
        if (text.hazard == hazard) return text;
    }
    return hazard_texts[0];  // unreachable: every enumerator has a row
}

}  // namespace

std::string hazard_code(Hazard hazard) {
    return text_of(hazard).code;
}

std::string hazard_reason(Hazard hazard) {
    return text_of(hazard).reason;
}

std::optional<Hazard> hazard_from_code(std::string_view code) {
    for (const auto& text : hazard_texts) {
        if (code == text.code) return text.hazard;
    }
    return std::nullopt;
}

std::vector<Hazard> Plan::hazards() const {
    std::vector<Hazard> out;
    for (const auto& step : steps) out.insert(out.end(), step.hazards.begin(), step.hazards.end());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void allow_declared_hazards(Plan& plan, const catalog::Model& want) {
    std::map<QualifiedName, std::vector<Hazard>> allowed;
    for (const auto& table : want.tables) {
        for (const auto& code : table.allowed_hazards) {
            auto hazard = hazard_from_code(code);
            if (hazard && *hazard != Hazard::deletes_data) allowed[table.name].push_back(*hazard);
        }
    }
    if (allowed.empty()) return;
    for (auto& step : plan.steps) {
        auto table = table_worked_on(step.change);
        if (!table) continue;
        auto found = allowed.find(*table);
        if (found == allowed.end()) continue;
        for (Hazard hazard : step.hazards) {
            if (std::find(found->second.begin(), found->second.end(), hazard) != found->second.end()) {
                step.allowed_by_manifest.push_back(hazard);
            }
        }
    }
}

std::vector<UnallowedHazard> unallowed_hazards(const Plan& plan, const std::vector<Hazard>& allowed) {
    std::vector<UnallowedHazard> out;
    for (Hazard hazard : plan.hazards()) {
        if (std::find(allowed.begin(), allowed.end(), hazard) != allowed.end()) continue;
        UnallowedHazard missing{hazard, {}};
        for (std::size_t i = 0; i < plan.steps.size(); ++i) {
            const auto& carried = plan.steps[i].hazards;
            const auto& declared = plan.steps[i].allowed_by_manifest;
            if (std::find(carried.begin(), carried.end(), hazard) != carried.end() &&
                std::find(declared.begin(), declared.end(), hazard) == declared.end()) {
                missing.steps.push_back(i + 1);
            }
        }
        if (!missing.steps.empty()) out.push_back(std::move(missing));
    }
    return out;
}

bool Plan::has_refused_steps() const {
    return std::any_of(steps.begin(), steps.end(), [](const Step& s) { return s.refused.has_value(); });
}

std::optional<QualifiedName> table_worked_on(const Change& change) {
    ObjectId object = object_of(change);
    switch (object.kind) {
        case ObjectKind::table:
        case ObjectKind::partitioned_table:
        case ObjectKind::partition:
        case ObjectKind::column:
        case ObjectKind::constraint:
        case ObjectKind::index:
        case ObjectKind::trigger:
        case ObjectKind::policy:
        case ObjectKind::rule:
        case ObjectKind::statistics:
            return object.qualified();
        default:
            return std::nullopt;
    }
}

std::vector<StepGroup> Plan::execution_groups() const {
    std::vector<StepGroup> groups;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        bool joins = steps[i].transactional == Transactional::yes && !steps[i].own_transaction &&
                     !groups.empty() && groups.back().transactional == Transactional::yes &&
                     !steps[groups.back().steps.back()].own_transaction;
        if (!joins) groups.push_back({steps[i].transactional, {}});
        groups.back().steps.push_back(i);
    }
    return groups;
}

}  // namespace reconcile::engine
