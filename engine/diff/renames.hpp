#pragma once
// Declared renames ("renamed_from", catalog/model/rename.hpp) resolved
// against the live database. Never inferred: only a declaration renames.
//
// For each declared rename of an object the live database lacks under its
// new name: when exactly one old name exists, that object is renamed in
// place (a RenameTable or RenameColumn); when none does, nothing happens
// here and the diff creates the object as usual. When the new name exists
// too, and the manifests do not declare the old one as an object of its
// own, the declaration is ambiguous and planning stops, naming both.
#include <optional>
#include <vector>

#include "catalog/model/model.hpp"
#include "engine/diff/change.hpp"

namespace reconcile::engine {

struct RenamedLive {
    // The live model as it will be once the renames ran: the objects under
    // their new names, and every reference to them (foreign keys, view
    // queries, check and index expressions, privileges) following, spelled
    // as the server will print it. Canonicalization and the diff compare the
    // manifests to this. Unset when nothing is renamed (no copy is made).
    std::optional<catalog::Model> renamed;
    std::vector<Change> renames;

    // The renamed model, or `live` itself when nothing is renamed.
    const catalog::Model& have(const catalog::Model& live) const { return renamed ? *renamed : live; }
};

// have: the live database; want: the manifests (its `renames`). Throws
// PlanError for an ambiguous declaration.
RenamedLive apply_declared_renames(const catalog::Model& have, const catalog::Model& want);

}  // namespace reconcile::engine
