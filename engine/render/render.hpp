#pragma once
#include <string>
#include <vector>

#include "catalog/model/model.hpp"
#include "engine/diff/change.hpp"
#include "engine/plan/plan.hpp"

namespace reconcile::engine {

// The statements (no trailing ';') that carry out one change.
std::vector<std::string> render_sql(const Change& change);
// One line for people, names unquoted, control characters escaped:
// "add column public.jobs.consent_status character varying(20) default 'PENDING'::character varying".
std::string describe(const Change& change);
// Fills description and sql of every step.
void render_plan(Plan& plan);

}  // namespace reconcile::engine
