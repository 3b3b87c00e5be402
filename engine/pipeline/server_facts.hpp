#pragma once
// Gathers catalog::ServerFacts before planning: the checks that need them
// live in desired-state (desired-state/server_checks.hpp), which never
// touches a connection.
#include <vector>

#include "catalog/model/server_facts.hpp"
#include "catalog/pg/connection.hpp"

namespace reconcile::engine {

// external_tables: tables outside the claimed schemas that the desired
// state references; their columns are read in one query. scratch may be the
// target itself. Throws QueryError.
catalog::ServerFacts gather_server_facts(const std::vector<catalog::QualifiedName>& external_tables,
                                         catalog::Connection& target, catalog::Connection& scratch);

}  // namespace reconcile::engine
