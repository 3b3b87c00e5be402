#pragma once
#include <optional>
#include <string>

namespace reconcile::catalog {

struct Schema {
    std::string name;
    std::optional<std::string> comment;

    bool operator==(const Schema&) const = default;
};

}  // namespace reconcile::catalog
