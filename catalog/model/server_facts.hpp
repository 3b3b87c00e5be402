#pragma once
// What only a connection can tell about the servers a plan runs against,
// gathered by the engine so that desired-state can check the manifests
// against it without talking to a server itself.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/model/name.hpp"

namespace reconcile::catalog {

struct ServerFacts {
    int target_version = 0;          // server_version_num of the target
    std::optional<int> dev_version;  // of the --dev-database, when one is used
    // Tables outside the claimed schemas that the desired state references
    // (foreign keys to a platform's auth.users): their columns. A table
    // missing from the map does not exist in the target.
    std::map<QualifiedName, std::vector<std::string>> external_columns;
};

}  // namespace reconcile::catalog
