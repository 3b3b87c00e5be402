#pragma once
// Private to catalog/introspect: a single catalog query outside the
// introspector's read transaction, for the checks that run after the diff.
#include <string>
#include <vector>

#include "catalog/pg/connection.hpp"

namespace reconcile::catalog::introspect_detail {

// Runs sql in its own READ ONLY transaction with JIT off: the server's
// estimates for recursive catalog queries over big catalogs are far off, and
// JIT-compiling one costs seconds (5.7 s against 36 ms of execution for the
// cast check of 500 columns on 5,000 tables) and saves nothing. Three round
// trips. REQUIRES: conn is not in a transaction. Throws QueryError.
ResultSet query_read_only(Connection& conn, const std::string& sql, const std::vector<Value>& params);

}  // namespace reconcile::catalog::introspect_detail
