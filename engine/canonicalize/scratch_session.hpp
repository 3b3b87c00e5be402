#pragma once
// Private to engine/canonicalize: what every scratch transaction shares.
#include <string>
#include <utility>
#include <vector>

#include "catalog/model/model.hpp"
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

// The extensions the manifests declare and the target lacks, installed
// where they are declared, so that their types, operator classes and
// functions resolve in scratch as they will after apply; a declared schema
// the target lacks is created first (an extension in a schema the plan
// creates). Rolled back with the rest of the scratch transaction. Each
// statement with the object it creates, for error messages.
std::vector<std::pair<catalog::ObjectId, std::string>> new_extensions_sql(const catalog::Model& want,
                                                                          const catalog::Model& live);

// quote_ident() of each schema as the server spells it, so mapped text
// compares equal to text the server printed for the live schemas.
std::vector<std::string> server_quoted(catalog::Connection& conn, const std::vector<std::string>& schemas);

}  // namespace reconcile::engine
