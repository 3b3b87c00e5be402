#pragma once
// Canonicalizing the desired aggregates: their argument and state types in
// the server's spelling ("int" -> "integer"), so that the identity and the
// state compare with the live ones. One read-only query, rolled back; no
// scratch objects, since an aggregate's other texts (function and operator
// names, the initial condition) are stored as written.
#include "catalog/model/model.hpp"
#include "catalog/pg/connection.hpp"
#include "engine/canonicalize/scratch_names.hpp"
#include "engine/canonicalize/scratch_references.hpp"

namespace reconcile::engine {

// Types the server does not know yet (an enum this plan creates) keep their
// spelling: a qualified name already is the server's. Grants and owners
// follow a respelled identity. Throws CanonicalizeError for two aggregates
// that turn out to be the same one.
void canonicalize_aggregates(catalog::Model& want, const catalog::Model& live, catalog::Connection& conn);

// The desired aggregates that `texts` call, by name, as copies in the
// scratch schemas under their own names (as scratch_functions_called makes
// of functions), their declared support functions and types pointing at
// scratch copies.
std::vector<catalog::Aggregate> scratch_aggregates_called(const catalog::Model& want,
                                                          const std::vector<std::string>& texts,
                                                          const ScratchNames& names,
                                                          const ScratchReferences& references);

}  // namespace reconcile::engine
