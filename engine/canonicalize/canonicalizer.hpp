#pragma once
// Turns the desired model (user spellings: `int`, `varchar(20)`, `now()`,
// `status IN ('a','b')`) into the server's canonical text, so that a manifest
// that was applied plans as empty. The server is the only parser that is
// always right: the desired objects are created in scratch schemas inside a
// transaction that is always rolled back, then read back with the same
// introspector that reads the live database.
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "catalog/model/model.hpp"
#include "catalog/pg/connection.hpp"
#include "desired-state/manifests.hpp"

namespace reconcile::engine {

// The server rejected part of the desired state (an unknown type, a default
// that does not parse). The message names the object and, where known, the
// manifest file and JSON pointer.
struct CanonicalizeError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// desired: the manifests' model. live: the target database's model for the
// same schemas; tables whose manifest text already equals the live catalog
// text are canonical by definition and are not sent to the server again.
// conn: the target database, or a dev database when the target must not be
// written to even transiently. Nothing is committed. Takes the manifests by
// value so tables canonical as written move into the result, not copied:
// on big schemas three models alive at once was the memory peak.
catalog::Model canonicalize(desired_state::Manifests desired, const catalog::Model& live, catalog::Connection& conn);

}  // namespace reconcile::engine
