#pragma once
// A column type change the server has no cast for (bigint to timestamp, one
// enum to another). Without a `using` expression the change renders as
// `USING col::newtype`, which PostgreSQL rejects with "cannot cast type ...";
// this finds out at plan time and asks for the expression instead.
#include "catalog/pg/connection.hpp"
#include "engine/plan/plan.hpp"

namespace reconcile::engine {

// Asks the target (one query, and none when no type change lacks `using`)
// whether each type change without `using` has a cast. Throws PlanError
// naming every column, its old and new type, and asking for `using`.
void check_type_casts(const Plan& plan, catalog::Connection& target);

}  // namespace reconcile::engine
