#pragma once
// Plan and drift output formats. Same plan in, byte-identical text out.
#include <string>

#include "engine/plan/plan.hpp"

namespace reconcile::engine {

// How text reports show the objects reconcile does not manage: one summary
// line of counts by kind (a real schema has hundreds, and they would bury
// the plan), or every object (--verbose).
enum class Unmanaged { summary, list };

// Numbered steps, each with its description, hazards, refusal and SQL; then
// objects not in the manifests and objects not managed.
std::string format_plan_text(const Plan& plan, Unmanaged unmanaged = Unmanaged::summary);
// A runnable script: BEGIN; statements; COMMIT; non-transactional steps after.
std::string format_plan_sql(const Plan& plan);
// Versioned JSON, documented in docs/plan-format.md ("format_version": 1).
std::string format_plan_json(const Plan& plan);

// Drift: every difference, as text or JSON ("format_version": 1).
std::string format_drift_text(const Plan& plan, Unmanaged unmanaged = Unmanaged::summary);
std::string format_drift_json(const Plan& plan);

}  // namespace reconcile::engine
