#pragma once
// Plan-time answers to the plan's guards (plan.hpp, Guard): how many rows
// stand in each step's way right now.
#include <chrono>
#include <string>
#include <vector>

#include "catalog/pg/connection.hpp"
#include "engine/plan/plan.hpp"

namespace reconcile::engine {

// Fills every guard's count (and examples), each query in a read-only
// transaction under `timeout`, which is rolled back: a check expression
// from a manifest runs here, and it must not be able to write. A guard
// that times out, or names a column an earlier step adds, gets
// `not_checked` instead of a count; apply asks it again before its step.
void answer_guards(Plan& plan, catalog::Connection& target, std::chrono::milliseconds timeout);

// The guards that fail (count > 0), one line each with the count and
// examples: "step 3 (set not null public.t.c): rows of public.t with NULL in c: 3".
std::vector<std::string> failing_guards(const Plan& plan);

}  // namespace reconcile::engine
