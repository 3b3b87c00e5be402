#pragma once
// The declared domains, range types and composite types in an order the
// server accepts them: each after the declared ones it stands on (a domain
// over another domain, a composite type with a domain or composite
// attribute, a range over a domain), otherwise in the model's order. Found
// on round trips: a domain a_top over z_base was created before z_base and
// rejected. Enums stand on nothing and go first, elsewhere.
#include <variant>
#include <vector>

#include "catalog/model/model.hpp"

namespace reconcile::engine::canonicalize_detail {

using DeclaredType = std::variant<const catalog::Domain*, const catalog::RangeType*, const catalog::CompositeType*>;

std::vector<DeclaredType> declared_types_in_order(const catalog::Model& want);

}  // namespace reconcile::engine::canonicalize_detail
