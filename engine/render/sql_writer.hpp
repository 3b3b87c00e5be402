#pragma once
// The one place SQL text is assembled. Names go through ident()/qualified(),
// strings through literal(); fmt::format never sees a raw name.
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model/name.hpp"

namespace reconcile::engine::sql {

std::string ident(std::string_view name);                        // "name"
std::string qualified(const catalog::QualifiedName& name);       // "schema"."name"
std::string literal(std::string_view text);                      // 'text'
std::string ident_list(const std::vector<std::string>& names);   // "a", "b"

}  // namespace reconcile::engine::sql
