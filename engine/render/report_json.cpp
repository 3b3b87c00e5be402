// Plan and drift as versioned JSON; docs/plan-format.md is the contract.
#include <nlohmann/json.hpp>

#include "engine/render/detail.hpp"
#include "engine/render/report.hpp"

namespace reconcile::engine {

namespace {

using Json = nlohmann::ordered_json;

constexpr int format_version = 1;

Json object_json(const ObjectId& ref) {
    Json out;
    out["kind"] = std::string(kind_name(ref.kind));
    // A schema has no enclosing schema; its name is in "name".
    if (!ref.schema.empty()) out["schema"] = ref.schema;
    out["name"] = ref.name;
    if (!ref.member.empty()) out["member"] = ref.member;
    out["identity"] = display(ref);
    return out;
}

Json not_in_manifests_json(const Plan& plan) {
    Json out = Json::array();
    for (const auto& ref : render_detail::sorted_refs(plan.not_in_manifests)) {
        out.push_back(Json{{"kind", std::string(kind_name(ref.kind))}, {"identity", display(ref)}});
    }
    return out;
}

Json not_managed_json(const Plan& plan) {
    Json out = Json::array();
    for (const auto& object : render_detail::sorted_unmanaged(plan.not_managed)) {
        out.push_back(Json{{"kind", object.what}, {"identity", object.identity()}});
    }
    return out;
}

// Names come from the catalog and are UTF-8 there, but a manifest can carry
// anything; replace bad bytes rather than fail the whole report.
std::string dump(const Json& json) {
    return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string format_plan_json(const Plan& plan, const StepSources& sources) {
    Json out;
    out["format_version"] = format_version;
    out["summary"] = Json{{"steps", plan.steps.size()},
                          {"refused", render_detail::refused_count(plan)},
                          {"not_in_manifests", render_detail::sorted_refs(plan.not_in_manifests).size()},
                          {"not_managed", render_detail::sorted_unmanaged(plan.not_managed).size()}};
    Json steps = Json::array();
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        const auto& step = plan.steps[i];
        Json item;
        item["number"] = i + 1;
        item["kind"] = kind_name(step.change);
        item["object"] = object_json(object_of(step.change));
        item["description"] = step.description;
        item["sql"] = step.sql;
        Json hazards = Json::array();
        for (auto hazard : step.hazards) hazards.push_back(hazard_code(hazard));
        item["hazards"] = std::move(hazards);
        if (!step.allowed_by_manifest.empty()) {
            Json allowed = Json::array();
            for (auto hazard : step.allowed_by_manifest) allowed.push_back(hazard_code(hazard));
            item["allowed_by_manifest"] = std::move(allowed);
        }
        item["transactional"] = step.transactional == Transactional::yes;
        if (step.own_transaction) item["own_transaction"] = true;
        if (step.refused) item["refused"] = *step.refused;
        if (step.table_size) {
            const auto& size = *step.table_size;
            item["table_size"] = Json{{"table", display(catalog::table_id(size.table))},
                                      {"estimated_rows", size.rows ? Json(*size.rows) : Json(nullptr)},
                                      {"bytes", size.bytes}};
        }
        if (!step.guards.empty()) {
            Json guards = Json::array();
            for (const auto& guard : step.guards) {
                Json answer{{"what", guard.what}, {"fails", guard.fails()}};
                answer["count"] = guard.count ? Json(*guard.count) : Json(nullptr);
                if (!guard.examples.empty()) answer["examples"] = guard.examples;
                if (!guard.not_checked.empty()) answer["not_checked"] = guard.not_checked;
                guards.push_back(std::move(answer));
            }
            item["guards"] = std::move(guards);
        }
        if (i < sources.size() && !sources[i].file.empty()) {
            item["manifest"] = Json{{"file", sources[i].file}, {"pointer", sources[i].pointer}};
        }
        steps.push_back(std::move(item));
    }
    out["steps"] = std::move(steps);
    Json reasons = Json::object();
    for (auto hazard : plan.hazards()) reasons[hazard_code(hazard)] = hazard_reason(hazard);
    out["hazard_reasons"] = std::move(reasons);
    Json hints = Json::array();
    for (const auto& hint : plan.possible_renames) {
        hints.push_back(Json{{"from", object_json(hint.from)},
                             {"to", object_json(hint.to)},
                             {"hint", render_detail::possible_rename_hint(hint)}});
    }
    out["possible_renames"] = std::move(hints);
    out["not_in_manifests"] = not_in_manifests_json(plan);
    out["not_managed"] = not_managed_json(plan);
    return dump(out);
}

std::string format_drift_json(const Plan& plan) {
    Json out;
    out["format_version"] = format_version;
    out["drift"] = !plan.steps.empty() || !plan.not_in_manifests.empty();
    Json differences = Json::array();
    for (const auto& step : plan.steps) {
        differences.push_back(Json{{"kind", kind_name(step.change)},
                                   {"object", object_json(object_of(step.change))},
                                   {"description", step.description}});
    }
    out["differences"] = std::move(differences);
    out["not_in_manifests"] = not_in_manifests_json(plan);
    out["not_managed"] = not_managed_json(plan);
    return dump(out);
}

}  // namespace reconcile::engine
