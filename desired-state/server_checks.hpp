#pragma once
// Checks of the manifests that need facts only a server has (its version,
// tables outside the claimed schemas). The engine gathers the facts
// (engine/pipeline/server_facts.hpp); desired-state judges them, so that a
// problem points at the file and JSON pointer that caused it.
#include "catalog/model/server_facts.hpp"
#include "desired-state/manifests.hpp"

namespace reconcile::desired_state {

// Throws ManifestError listing every foreign key to a table or column
// outside the claimed schemas that the target lacks, and every use of a
// feature the target (or the dev database) is too old for.
void check_against_servers(const Manifests& manifests, const catalog::ServerFacts& facts);

}  // namespace reconcile::desired_state
