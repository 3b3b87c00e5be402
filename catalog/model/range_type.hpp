#pragma once
#include <optional>
#include <string>

#include "catalog/model/name.hpp"

namespace reconcile::catalog {

// CREATE TYPE ... AS RANGE. PostgreSQL cannot change any of these in place
// (only the name, owner, schema and comment), and re-creating the type
// drops every column of it.
struct RangeType {
    QualifiedName name;
    std::string subtype;  // format_type text, like Column::type
    // Only when not the default operator class of the subtype; named as
    // IndexKey::opclass is ("public.my_ops", "float8_ops" in pg_catalog).
    std::optional<std::string> subtype_opclass;
    std::optional<std::string> collation;  // only when not the subtype's default
    // Functions by name, schema-qualified unless in pg_catalog, parts
    // quoted as quote_ident() would: "public.time_subtype_diff", "float8mi".
    std::optional<std::string> canonical;
    std::optional<std::string> subtype_diff;
    std::optional<std::string> comment;

    bool operator==(const RangeType&) const = default;
};

}  // namespace reconcile::catalog
