#pragma once
// Extensions the manifests declare that the target cannot give them: not
// available on the server, not in the version pinned, or installed in a
// schema the manifests do not claim. Asked before canonicalization, which
// installs missing extensions in its rolled-back transaction and would
// otherwise fail with the server's message about a control file.
#include "catalog/model/model.hpp"
#include "catalog/pg/connection.hpp"

namespace reconcile::engine {

// want: the desired model; have: the target's, for the same schemas. One
// query, none when every desired extension is installed as declared.
// Throws PlanError naming every extension that cannot be had.
void check_extensions(const catalog::Model& want, const catalog::Model& have, catalog::Connection& target);

}  // namespace reconcile::engine
