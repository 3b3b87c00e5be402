#pragma once
// A declared rename (manifest side only): the object `to`, as the manifests
// name it, may still exist under one of the names in `from` (oldest last or
// first, any order: a chain of renames across releases). The diff renames
// the live object in place instead of dropping and creating it, so its data
// and everything that depends on it survive. Never read from the catalog,
// never exported: once the old name is gone the declaration is inert.
#include <vector>

#include "catalog/model/object_id.hpp"

namespace reconcile::catalog {

struct Rename {
    ObjectId to;
    std::vector<ObjectId> from;  // same kind as `to`; in the order written

    auto operator<=>(const Rename&) const = default;
    bool operator==(const Rename&) const = default;
};

}  // namespace reconcile::catalog
