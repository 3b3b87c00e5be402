#pragma once
#include <optional>
#include <string>
#include <vector>

#include "catalog/model/name.hpp"

namespace reconcile::catalog {

struct EnumType {
    QualifiedName name;
    std::vector<std::string> values;  // in sort order (enumsortorder)
    std::optional<std::string> comment;

    bool operator==(const EnumType&) const = default;
};

}  // namespace reconcile::catalog
