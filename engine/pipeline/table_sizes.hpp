#pragma once
// Plan-time sizes of the tables a plan's risky steps work on, so a reviewer
// can tell a lock held for a moment on an empty table from a rewrite of a
// large one.
#include "catalog/pg/connection.hpp"
#include "engine/plan/plan.hpp"

namespace reconcile::engine {

// Fills Step::table_size for every step with hazards on a table that exists
// (estimates from pg_class, not counts: no row is read). One query.
// Throws QueryError.
void estimate_table_sizes(Plan& plan, catalog::Connection& target);

}  // namespace reconcile::engine
