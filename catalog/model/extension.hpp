#pragma once
#include <optional>
#include <string>

namespace reconcile::catalog {

// An installed extension. Its member objects (types, functions, operators,
// operator classes) belong to it, not to the schema they sit in: readers
// never model or list them.
struct Extension {
    std::string name;
    // The schema its relocatable objects were put in (CREATE EXTENSION ...
    // WITH SCHEMA).
    std::string schema;
    // pg_extension.extversion. In a manifest, absent means "whatever the
    // server installs by default", and a version installed is then never a
    // difference.
    std::optional<std::string> version;
    std::optional<std::string> comment;

    bool operator==(const Extension&) const = default;
};

}  // namespace reconcile::catalog
