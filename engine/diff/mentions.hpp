#pragma once
// Whether a constraint or index uses a column. Shared by the diff (objects
// PostgreSQL drops along with a column) and the planner (ordering around
// column changes).
#include <string>

#include "catalog/model/constraint.hpp"
#include "catalog/model/index.hpp"
#include "catalog/model/policy.hpp"

namespace reconcile::engine {

// Plain column lists are matched exactly; expressions (check constraints,
// index expressions and predicates) textually on the identifier, in both the
// bare and the "quoted" spelling pg_get_expr may print. Textual matching may
// over-match (a string literal containing the name), which only adds an
// ordering constraint; it never misses a use.
bool expression_mentions(const std::string& expression, const std::string& column);
bool mentions_column(const catalog::Constraint& constraint, const std::string& column);
bool mentions_column(const catalog::Index& index, const std::string& column);
bool mentions_column(const catalog::Policy& policy, const std::string& column);

}  // namespace reconcile::engine
