#pragma once
// Turns the desired model (user spellings: `int`, `varchar(20)`, `now()`,
// `status IN ('a','b')`) into the server's canonical text, so that a manifest
// that was applied plans as empty. The server is the only parser that is
// always right: the desired objects are created in scratch schemas inside a
// transaction that is always rolled back, then read back with the same
// introspector that reads the live database.
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "catalog/model/model.hpp"
#include "catalog/model/object_id.hpp"
#include "catalog/pg/connection.hpp"

namespace reconcile::engine {

// The server rejected part of the desired state (an unknown type, a default
// that does not parse: `object` says which), or refused to canonicalize at
// all (no object: a read-only session, no CREATE). The engine does not know
// files; the caller turns `object` into a manifest file and JSON pointer.
struct CanonicalizeError : std::runtime_error {
    CanonicalizeError(std::optional<catalog::ObjectId> object, const std::string& message)
        : std::runtime_error(message), object(std::move(object)) {}
    std::optional<catalog::ObjectId> object;
};

// want: the desired model as written. live: the target database's model
// for the same schemas, as read (the declared renames are applied here,
// engine/diff/renames.hpp); tables whose manifest text already equals the live
// catalog text are canonical by definition and are not sent to the server
// again. conn: the target database, or a dev database when the target must
// not be written to even transiently. Nothing is committed. Returns `want`
// with its tables' and functions' server-printed text canonical (functions:
// see functions.hpp); every other member of the model is kept as given. Takes `want` by value so tables move into the
// result: on big schemas three models alive at once was the memory peak.
catalog::Model canonicalize(catalog::Model want, const catalog::Model& live, catalog::Connection& conn);

}  // namespace reconcile::engine
