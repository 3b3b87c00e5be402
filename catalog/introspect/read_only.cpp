#include "catalog/introspect/read_only.hpp"

namespace reconcile::catalog::introspect_detail {

ResultSet query_read_only(Connection& conn, const std::string& sql, const std::vector<Value>& params) {
    conn.run_script("BEGIN READ ONLY; SET LOCAL jit = off");
    ResultSet result;
    try {
        result = conn.query(sql, params);
    } catch (...) {
        try {
            conn.run_script("ROLLBACK");
        } catch (...) {
            // The query's error is the one worth reporting.
        }
        throw;
    }
    conn.run_script("COMMIT");
    return result;
}

}  // namespace reconcile::catalog::introspect_detail
