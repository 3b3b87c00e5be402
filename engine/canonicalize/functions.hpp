#pragma once
// Canonicalizing the desired functions and procedures: each one not already
// equal to a live one is created in a scratch schema inside a transaction
// that is always rolled back, and read back with the catalog reader, so
// its argument types (its identity), defaults, result, settings and a
// SQL-standard body are in the server's own spelling. A body in a string
// (prosrc) is stored exactly as written and needs nothing.
#include "catalog/model/model.hpp"
#include "catalog/pg/connection.hpp"
#include "engine/canonicalize/scratch_names.hpp"
#include "engine/canonicalize/scratch_references.hpp"

namespace reconcile::engine {

// Replaces want.functions with their canonical form. Throws
// CanonicalizeError naming the function the server rejects, or two
// functions that turn out to be the same one (f(int) and f(integer)).
void canonicalize_functions(catalog::Model& want, const catalog::Model& live, catalog::Connection& conn);

// The desired functions that `texts` (scratch tables' expressions) call, by
// name, as copies in the scratch schemas under their own names, so that a
// default or check calling a function the plan creates can be parsed.
// Bodies are not parsed (the scratch session sets check_function_bodies
// off); qualified names of declared enums and functions in the signature
// point at their scratch copies.
std::vector<catalog::Function> scratch_functions_called(const catalog::Model& want,
                                                        const std::vector<std::string>& texts,
                                                        const ScratchNames& names,
                                                        const ScratchReferences& references);

}  // namespace reconcile::engine
