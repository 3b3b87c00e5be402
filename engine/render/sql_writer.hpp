#pragma once
// The one place SQL text is assembled. Names go through ident()/qualified(),
// strings through literal(); fmt::format never sees a raw name.
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model/name.hpp"

namespace reconcile::engine::sql {

std::string ident(std::string_view name);                       // "name"
std::string qualified(const catalog::QualifiedName& name);      // "schema"."name"
std::string literal(std::string_view text);                     // 'text'
std::string ident_list(const std::vector<std::string>& names);  // "a", "b"

// An expression's text (a default, check, index predicate...) as it goes into
// DDL. Text the server printed is not always a fixpoint of parse-and-print:
// `(ARRAY['a'::character varying])::text[]` parses as a cast pushed into each
// element and prints back as `ARRAY[('a'::character varying)::text]`. Giving
// the array its element type first (`(ARRAY[...]::character varying[])::text[]`)
// parses to the tree that printed the original, so an exported expression
// applied elsewhere reads back exactly as exported. Other text is unchanged.
std::string expression(std::string_view text);

// Storage parameters "name=value" as a WITH/SET list: (fillfactor='70',
// autovacuum_enabled='false'). Names are option names (letters, digits, _ and
// a namespace dot, as in toast.autovacuum_enabled); values are literals.
// Throws std::invalid_argument on a name that is not an option name.
std::string storage_list(const std::vector<std::string>& parameters);

}  // namespace reconcile::engine::sql
