#pragma once
// Manifest features that need a newer PostgreSQL than a database runs. A
// feature the target's version lacks is a clear planning error that points
// at the manifest, not a syntax error from the canonicalizer or a failed
// apply.
#include <string_view>

#include "desired-state/manifests.hpp"

namespace reconcile::engine {

// server_version: server_version_num of the database the manifests are
// planned against; role names it in messages ("target", "dev database").
// Throws desired_state::ManifestError listing every use of a feature that
// version lacks. Reads only manifests.model and manifests.sources.
void check_server_features(const desired_state::Manifests& manifests, int server_version, std::string_view role);

}  // namespace reconcile::engine
