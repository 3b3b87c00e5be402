#pragma once
#include <string>

namespace reconcile::catalog {

// An object inside a claimed schema whose kind the model does not cover yet
// (function, trigger, view, policy, standalone sequence...). The engine never
// changes it; plan and drift list it so nothing is silently ignored.
struct UnmanagedObject {
    std::string kind;      // "function", "trigger", "view", ...
    std::string identity;  // display identity: "public.f(integer)", "public.t.trg"

    auto operator<=>(const UnmanagedObject&) const = default;
    bool operator==(const UnmanagedObject&) const = default;
};

}  // namespace reconcile::catalog
