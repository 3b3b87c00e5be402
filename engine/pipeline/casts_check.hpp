#pragma once
// A column type change the server has no cast for (bigint to timestamp, one
// enum to another). Without a `using` expression the change renders as
// `USING col::newtype`, which PostgreSQL rejects with "cannot cast type ...";
// this finds out at plan time and asks for the expression instead.
#include <string>

#include "catalog/pg/connection.hpp"
#include "engine/plan/plan.hpp"

namespace reconcile::engine {

// Asks the target (one query, and none when no type change lacks `using`)
// whether each type change without `using` has a cast. Returns "" when all
// do, else a paragraph naming every column without one, its old and new
// type, and asking for `using`. Throws catalog::QueryError.
std::string missing_casts(const Plan& plan, catalog::Connection& target);

}  // namespace reconcile::engine
