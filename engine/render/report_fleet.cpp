// Drift across many environments (drift --all-envs): one report grouping
// each environment's differences, each with a severity, and saying which
// environments could not be checked.
#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "catalog/model/printable.hpp"
#include "engine/render/detail.hpp"
#include "engine/render/markdown_text.hpp"
#include "engine/render/report.hpp"

namespace reconcile::engine {

namespace {

using Json = nlohmann::ordered_json;

std::size_t difference_count(const Plan& plan) {
    return plan.steps.size() + render_detail::sorted_refs(plan.not_in_manifests).size();
}

std::string status_of(const EnvironmentDrift& environment) {
    if (!environment.plan) return "unreachable";
    return difference_count(*environment.plan) == 0 ? "in_sync" : "drift";
}

struct Counts {
    std::size_t in_sync = 0, drifted = 0, unreachable = 0;
};

Counts count(const std::vector<EnvironmentDrift>& environments) {
    Counts counts;
    for (const auto& environment : environments) {
        auto status = status_of(environment);
        (status == "in_sync" ? counts.in_sync : status == "drift" ? counts.drifted : counts.unreachable)++;
    }
    return counts;
}

std::string headline(const std::vector<EnvironmentDrift>& environments, double seconds) {
    auto counts = count(environments);
    return fmt::format("Drift across {} environment{}: {} in sync, {} drifted, {} could not be checked ({:.1f} s)",
                       environments.size(), environments.size() == 1 ? "" : "s", counts.in_sync, counts.drifted,
                       counts.unreachable, seconds);
}

// Differences of one environment as (severity, text) pairs: plan steps, then
// objects the manifests do not list.
std::vector<std::pair<Severity, std::string>> differences(const Plan& plan) {
    std::vector<std::pair<Severity, std::string>> out;
    for (const auto& step : plan.steps) out.emplace_back(severity_of(step), step.description);
    for (const auto& ref : render_detail::sorted_refs(plan.not_in_manifests)) {
        out.emplace_back(Severity::medium,
                         "extra " + std::string(kind_name(ref.kind)) + " " + display(ref) + " (not in manifests)");
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
}

}  // namespace

Severity severity_of(const Step& step) {
    auto kind = kind_name(step.change);
    // Security-relevant drift: what lets someone read or write what they
    // should not (grants, policies, row-level security), as those kinds
    // land in the change vocabulary.
    for (const char* word : {"grant", "revoke", "privilege", "policy", "row_security", "rls"}) {
        if (kind.find(word) != std::string::npos) return Severity::critical;
    }
    if (kind == "set_comment") return Severity::low;
    if (kind.rfind("drop", 0) == 0) return Severity::medium;  // something extra, under --prune
    return Severity::high;  // missing or different objects the code relies on
}

std::string severity_name(Severity severity) {
    switch (severity) {
        case Severity::critical: return "critical";
        case Severity::high: return "high";
        case Severity::medium: return "medium";
        case Severity::low: return "low";
    }
    return "high";
}

std::string format_fleet_drift_text(const std::vector<EnvironmentDrift>& environments, double seconds) {
    std::string out = headline(environments, seconds) + "\n";
    for (const auto& environment : environments) {
        auto name = catalog::printable(environment.name);
        if (!environment.plan) {
            out += fmt::format("\n== {}: could not be checked: {}\n", name, catalog::printable(environment.error));
            continue;
        }
        auto found = differences(*environment.plan);
        if (found.empty()) {
            out += fmt::format("\n== {}: in sync\n", name);
            continue;
        }
        out += fmt::format("\n== {}: drift ({} difference{})\n", name, found.size(), found.size() == 1 ? "" : "s");
        for (const auto& [severity, text] : found) {
            out += fmt::format("  - [{}] {}\n", severity_name(severity), catalog::printable(text));
        }
    }
    return out;
}

std::string format_fleet_drift_json(const std::vector<EnvironmentDrift>& environments, double seconds) {
    auto counts = count(environments);
    Json out;
    out["format_version"] = 1;
    out["summary"] = Json{{"environments", environments.size()},
                          {"in_sync", counts.in_sync},
                          {"drift", counts.drifted},
                          {"unreachable", counts.unreachable},
                          {"seconds", seconds}};
    Json list = Json::array();
    for (const auto& environment : environments) {
        Json item;
        item["name"] = environment.name;
        item["status"] = status_of(environment);
        if (!environment.plan) {
            item["error"] = environment.error;
        } else {
            Json found = Json::array();
            for (const auto& [severity, text] : differences(*environment.plan)) {
                found.push_back(Json{{"severity", severity_name(severity)}, {"description", text}});
            }
            item["differences"] = std::move(found);
        }
        list.push_back(std::move(item));
    }
    out["environments"] = std::move(list);
    return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string format_fleet_drift_markdown(const std::vector<EnvironmentDrift>& environments, double seconds) {
    using markdown::Where;
    std::string out = "### reconcile drift\n\n" + markdown::text(headline(environments, seconds)) + "\n\n";
    out += "| environment | status | critical | high | medium | low |\n|---|---|---:|---:|---:|---:|\n";
    for (const auto& environment : environments) {
        std::size_t by_severity[4] = {0, 0, 0, 0};
        if (environment.plan) {
            for (const auto& [severity, text] : differences(*environment.plan)) ++by_severity[static_cast<int>(severity)];
        }
        auto status = status_of(environment);
        out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", markdown::code(environment.name, Where::table_cell),
                           status == "drift" ? "**drift**" : status == "in_sync" ? "in sync" : "**unreachable**",
                           by_severity[0], by_severity[1], by_severity[2], by_severity[3]);
    }
    for (const auto& environment : environments) {
        if (environment.plan && difference_count(*environment.plan) == 0) continue;
        out += fmt::format("\n<details><summary>{}</summary>\n\n", markdown::html(environment.name));
        if (!environment.plan) {
            out += "Could not be checked: " + markdown::text(environment.error) + "\n";
        } else {
            for (const auto& [severity, text] : differences(*environment.plan)) {
                out += "- **" + severity_name(severity) + "** " + markdown::text(text) + "\n";
            }
        }
        out += "\n</details>\n";
    }
    return out;
}

}  // namespace reconcile::engine
