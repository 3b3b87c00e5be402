#pragma once
// A hint, never acted on: the plan drops (or lists as not in the manifests)
// an object and creates one of the same shape. It may be a rename the
// manifests did not declare; declaring it (renamed_from) would keep the data.
#include "catalog/model/object_id.hpp"

namespace reconcile::catalog {

struct PossibleRename {
    ObjectId from;  // live, dropped or not in the manifests
    ObjectId to;    // created

    auto operator<=>(const PossibleRename&) const = default;
    bool operator==(const PossibleRename&) const = default;
};

}  // namespace reconcile::catalog
