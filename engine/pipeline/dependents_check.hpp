#pragma once
// A plan whose drops or type changes would strand objects it does not
// manage. PostgreSQL drops with RESTRICT and refuses ALTER COLUMN TYPE under
// a view, so such a plan fails halfway through apply ("cannot drop table
// ... because other objects depend on it"); this finds out at plan time.
#include <string>
#include <vector>

#include "catalog/pg/connection.hpp"
#include "engine/plan/plan.hpp"

namespace reconcile::engine {

// claimed: the schemas the manifests claim. Asks the target (one query, and
// none when the plan drops and retypes nothing) for every object outside the
// plan that depends on what the plan drops or retypes. Returns "" when there
// is none, else a paragraph naming each such object, what it uses, and why
// the plan leaves it alone. Throws catalog::QueryError.
std::string outside_dependents(const Plan& plan, const std::vector<std::string>& claimed, catalog::Connection& target);

}  // namespace reconcile::engine
