#pragma once
// Private to engine/canonicalize: what every scratch transaction shares.
#include <string>
#include <vector>

#include "catalog/pg/connection.hpp"

namespace reconcile::engine {

// Rolls the scratch transaction back however we leave: nothing of the
// canonicalization may ever be committed.
class RollbackGuard {
public:
    explicit RollbackGuard(catalog::Connection& conn);
    ~RollbackGuard();
    RollbackGuard(const RollbackGuard&) = delete;
    RollbackGuard& operator=(const RollbackGuard&) = delete;

private:
    catalog::Connection& conn_;
};

// quote_ident() of each schema as the server spells it, so mapped text
// compares equal to text the server printed for the live schemas.
std::vector<std::string> server_quoted(catalog::Connection& conn, const std::vector<std::string>& schemas);

}  // namespace reconcile::engine
