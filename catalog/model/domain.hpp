#pragma once
#include <optional>
#include <string>
#include <vector>

#include "catalog/model/name.hpp"

namespace reconcile::catalog {

// A named CHECK of a domain: expression as pg_get_expr prints it, the
// value written VALUE: "(VALUE > 0)".
struct DomainCheck {
    std::string name;
    std::string expression;

    bool operator==(const DomainCheck&) const = default;
};

// CREATE DOMAIN: a base type with a default, NOT NULL and checks that every
// column of the domain type gets.
struct Domain {
    QualifiedName name;
    std::string base_type;  // format_type text, like Column::type
    std::optional<std::string> default_expr;
    bool not_null = false;
    // Only when it differs from the base type's; canonical form as in
    // Column::collation.
    std::optional<std::string> collation;
    std::vector<DomainCheck> checks;  // sorted by name
    std::optional<std::string> comment;

    bool operator==(const Domain&) const = default;
};

}  // namespace reconcile::catalog
