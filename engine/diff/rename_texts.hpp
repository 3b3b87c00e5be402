#pragma once
// The texts the server prints (pg_get_expr, pg_get_viewdef) as it prints
// them after ALTER TABLE ... RENAME: the diff compares the live model, with
// the declared renames applied, to the manifests, so a renamed column's
// check, index or view reads as the server will show it once the rename
// ran, and only a real difference becomes a change.
//
// The rewriting works on tokens (string literals, quoted identifiers and
// comments are never touched). It is not a parser: where it cannot be sure
// (a column name that is also a relation alias, a keyword as a name) it may
// leave or produce text the server would print differently. The cost is a
// change the plan did not need (the object is replaced, as without
// renamed_from), never a missed one.
#include <string>

#include "catalog/model/name.hpp"

namespace reconcile::engine {

// An identifier as the server's quote_identifier() prints it: bare when it
// is lower case ASCII, digits and underscores and not a keyword, quoted
// otherwise.
std::string server_spelling(const std::string& name);

// An expression over one table's columns (check, default, generation
// expression, index key or predicate, policy, trigger WHEN): every
// unqualified reference to column `from` names `to`.
std::string rename_column_in_expression(const std::string& text, const std::string& from, const std::string& to);

// A view's query: references to `table`.`from` name `to`. An output column
// that was just the renamed column keeps its name (`t.to AS from`), as the
// view's columns do not change with a rename.
std::string rename_column_in_query(const std::string& text, const catalog::QualifiedName& table,
                                   const std::string& from, const std::string& to);

// A view's query or a policy's subquery: the relation `from` is now `to`,
// and references qualified by its implicit alias follow it.
std::string rename_relation_in_query(const std::string& text, const catalog::QualifiedName& from,
                                     const catalog::QualifiedName& to);

// A column default, view query or other expression that names the relation
// `from` in a regclass constant, as nextval('public.s'::regclass) does: the
// constant names `to`. The server prints such a constant by the relation's
// current name (the expression stores its oid), schema-qualified under the
// empty search_path the catalog is read with.
std::string rename_regclass_in_expression(const std::string& text, const catalog::QualifiedName& from,
                                          const catalog::QualifiedName& to);

}  // namespace reconcile::engine
