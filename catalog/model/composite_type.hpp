#pragma once
#include <optional>
#include <string>
#include <vector>

#include "catalog/model/name.hpp"

namespace reconcile::catalog {

struct CompositeAttribute {
    std::string name;
    std::string type;                      // format_type text, like Column::type
    std::optional<std::string> collation;  // only when not the type's default

    bool operator==(const CompositeAttribute&) const = default;
};

// CREATE TYPE ... AS (attribute type, ...): a row type of its own.
struct CompositeType {
    QualifiedName name;
    std::vector<CompositeAttribute> attributes;  // in order
    std::optional<std::string> comment;

    bool operator==(const CompositeType&) const = default;
};

}  // namespace reconcile::catalog
