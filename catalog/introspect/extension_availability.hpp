#pragma once
// Whether the server can install the extensions a plan creates: the
// server's own error ("could not open extension control file ...") names a
// file, not the manifest, and comes only at apply.
#include <optional>
#include <string>
#include <vector>

#include "catalog/model/extension.hpp"
#include "catalog/pg/connection.hpp"

namespace reconcile::catalog {

struct ExtensionAvailability {
    std::string name;
    bool available = false;                   // in pg_available_extensions
    bool version_available = false;           // the version asked for (or none asked) can be installed
    std::vector<std::string> versions;        // the versions the server offers, sorted
    std::optional<std::string> installed_in;  // the schema it is installed in already, if any
};

// One answer per extension, in order. One query (in a read-only
// transaction); none when extensions is empty. REQUIRES: conn is not in a
// transaction. Throws QueryError.
std::vector<ExtensionAvailability> read_extension_availability(Connection& conn,
                                                               const std::vector<Extension>& extensions);

}  // namespace reconcile::catalog
