#pragma once
#include <string>

#include "catalog/model/object_id.hpp"

namespace reconcile::catalog {

// An object inside a claimed schema that the model does not cover yet
// (function, trigger, view, policy, standalone sequence...), or a feature
// of a managed object it cannot say (row level security on a table, a
// virtual generated column). The engine never changes it; plan and drift
// list it so nothing is silently ignored.
struct UnmanagedObject {
    // What is not managed, as listed: "function", "trigger", "row level
    // security", "exclusion constraint"... Usually kind_name(id.kind); a
    // feature of an object names the feature.
    std::string what;
    ObjectId id;
    // More to say about it, e.g. "inherits public.parent"; usually empty.
    std::string detail;

    // Listings sort by what, then identity.
    auto operator<=>(const UnmanagedObject&) const = default;
    bool operator==(const UnmanagedObject&) const = default;

    // "public.f(integer)", "public.child inherits public.parent".
    std::string identity() const { return detail.empty() ? display(id) : display(id) + " " + detail; }
};

}  // namespace reconcile::catalog
