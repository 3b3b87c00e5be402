#pragma once
// Which keys a foreign key may reference, written once. PostgreSQL accepts a
// foreign key only when its referenced columns, taken as a set, are exactly
// the columns of the table's primary key, of a unique constraint, or of a
// unique index that is neither partial nor on expressions; and never a
// deferrable one ("cannot use a deferrable unique constraint for referenced
// table"). Manifest validation, the diff (foreign keys rebuilt around a
// replaced key) and the planner (a foreign key after the key it needs) ask
// here.
#include <optional>
#include <string>
#include <vector>

#include "catalog/model/constraint.hpp"
#include "catalog/model/index.hpp"
#include "catalog/model/table.hpp"

namespace reconcile::catalog {

// A referenceable key's columns as a set: sorted, so that two keys compare
// equal with ==. Sort the referenced columns of a foreign key the same way
// (key_column_set) before comparing.
using KeyColumnSet = std::vector<std::string>;

KeyColumnSet key_column_set(std::vector<std::string> columns);

// The key c or index provides, if a foreign key may reference it.
std::optional<KeyColumnSet> referenceable_key(const Constraint& c);
std::optional<KeyColumnSet> referenceable_key(const Index& index);

// Whether a foreign key may reference these columns of table.
bool has_referenceable_key(const Table& table, const std::vector<std::string>& columns);

}  // namespace reconcile::catalog
