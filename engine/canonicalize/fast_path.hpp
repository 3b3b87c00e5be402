#pragma once
// The canonicalizer's fast path: a table whose manifest text already says
// what the live catalog says needs no round through the server.
#include "catalog/model/table.hpp"

namespace reconcile::engine {

// True when `want`, as written, means exactly the live table `have` (null:
// the table does not exist). Foreign keys and comments are not compared:
// they are never canonicalized.
bool already_canonical(const catalog::Table& want, const catalog::Table* have);

// `want` with the catalog's spelling of what already_canonical() found equal
// in meaning: column type text, identity options, serial defaults.
// REQUIRES: already_canonical(want, &have).
catalog::Table as_live_spells_it(catalog::Table want, const catalog::Table& have);

}  // namespace reconcile::engine
