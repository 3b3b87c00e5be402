#pragma once
// The views' part of canonicalize() (internal to engine/canonicalize).
#include <set>
#include <vector>

#include "catalog/model/model.hpp"
#include "catalog/pg/connection.hpp"

namespace reconcile::engine::canonicalize_detail {

// The desired views that are not canonical as written (or renamed), created
// in scratch in one always-rolled-back transaction together with the
// changing tables they read, then read back: query text, output columns and
// what each reads, in the server's spelling.
void canonicalize_views(catalog::Model& want, const catalog::Model& live, catalog::Connection& conn,
                        const std::vector<const catalog::Table*>& changing_tables,
                        const std::set<catalog::QualifiedName>& renamed);

// The live spelling (columns, what they read) of the views whose query is
// the live one's.
void views_as_live_spell_them(catalog::Model& want, const catalog::Model& live);

// A view's output columns are known only after canonicalization: a comment
// on a column the query does not give is the manifest's mistake.
void check_column_comments(const catalog::Model& want);

}  // namespace reconcile::engine::canonicalize_detail
