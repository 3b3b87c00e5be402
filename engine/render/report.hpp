#pragma once
// Plan and drift output formats. Same plan in, byte-identical text out.
#include <optional>
#include <string>
#include <vector>

#include "engine/plan/plan.hpp"

namespace reconcile::engine {

// How text reports show the objects reconcile does not manage: one summary
// line of counts by kind (a real schema has hundreds, and they would bury
// the plan), or every object (--verbose).
enum class Unmanaged { summary, list };

// Text reports on a terminal: step titles bold, hazards yellow, refusals
// red, "No changes." green. The caller decides (a terminal, no NO_COLOR);
// names never carry colour codes of their own, they are escaped first.
enum class Color { off, on };

// Numbered steps, each with its description, hazards, refusal and SQL; then
// objects not in the manifests and objects not managed.
std::string format_plan_text(const Plan& plan, Unmanaged unmanaged = Unmanaged::summary, Color color = Color::off);
// A runnable script: BEGIN; statements; COMMIT; non-transactional steps after.
std::string format_plan_sql(const Plan& plan);

// Where the manifests declare each step's object, by step index: a file
// and JSON pointer, or empty for a step no manifest asked for (a drop under
// --prune). The engine knows nothing of files; the command line fills these.
struct StepSource {
    std::string file;
    std::string pointer;
};
using StepSources = std::vector<StepSource>;

// Versioned JSON, documented in docs/plan-format.md ("format_version": 1);
// each step names its manifest when sources are given.
std::string format_plan_json(const Plan& plan, const StepSources& sources = {});

// For a pull-request comment (GitHub and GitLab Markdown): a summary line
// (changes, hazards by code, destructive or not), a table of steps with the
// manifest each comes from, each step's SQL in a collapsed <details> block,
// the objects not managed collapsed.
std::string format_plan_markdown(const Plan& plan, const StepSources& sources = {});

// Drift: every difference, as text or JSON ("format_version": 1).
std::string format_drift_text(const Plan& plan, Unmanaged unmanaged = Unmanaged::summary,
                              Color color = Color::off);
std::string format_drift_json(const Plan& plan);
std::string format_drift_markdown(const Plan& plan, const StepSources& sources = {});

// Drift across environments (drift --all-envs). Severity of a difference:
// critical for security-relevant kinds (grants, policies, row-level
// security), high for missing or different objects the code relies on,
// medium for objects the manifests do not list, low for comments.
enum class Severity { critical, high, medium, low };
Severity severity_of(const Step& step);
std::string severity_name(Severity severity);

struct EnvironmentDrift {
    std::string name;
    std::optional<Plan> plan;  // nullopt: the environment could not be checked
    std::string error;         // why, when plan is nullopt (passwords already masked)
};

// One report for all: a headline (counts, total time), then each
// environment's differences with their severity, sorted most severe first.
std::string format_fleet_drift_text(const std::vector<EnvironmentDrift>& environments, double seconds);
std::string format_fleet_drift_json(const std::vector<EnvironmentDrift>& environments, double seconds);
std::string format_fleet_drift_markdown(const std::vector<EnvironmentDrift>& environments, double seconds);

}  // namespace reconcile::engine
