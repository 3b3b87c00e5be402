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
// The guards of a change (plan.hpp, Guard): queries written from the model.
std::vector<Guard> guards_for(const Change& change);
// Fills description, sql and guards of every step. A table the plan creates
// has no rows to ask about.
void render_plan(Plan& plan);
// "rows of public.t with NULL in c: 3 (e.g. ...)", or why it was not counted.
std::string describe_guard(const Guard& guard);
// "about 1,204,113 rows, 84 MB", or "not analyzed yet, 16 kB".
std::string describe_table_size(const TableSize& size);

}  // namespace reconcile::engine
