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

// The statements every scratch transaction starts with. Scratch objects
// are new, so nothing should wait on a lock: if something does, fail fast
// rather than stall a plan. JIT compiling the catalog queries costs more
// than it saves. Function bodies are not what is canonicalized and may use
// tables that do not exist yet. Unqualified names in the user's text
// resolve to the desired objects first (the scratch schemas), then to what
// exists in the claimed schemas (`real`) and public.
std::vector<std::string> scratch_settings(const std::vector<std::string>& scratch_schemas,
                                          const std::vector<std::string>& real);

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
