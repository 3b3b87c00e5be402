#include "catalog/model/referenceable_key.hpp"

#include <algorithm>

namespace reconcile::catalog {

KeyColumnSet key_column_set(std::vector<std::string> columns) {
    std::sort(columns.begin(), columns.end());
    columns.erase(std::unique(columns.begin(), columns.end()), columns.end());
    return columns;
}

std::optional<KeyColumnSet> referenceable_key(const Constraint& c) {
    if (c.kind != ConstraintKind::primary_key && c.kind != ConstraintKind::unique) return std::nullopt;
    if (c.deferrable) return std::nullopt;
    return key_column_set(c.columns);
}

std::optional<KeyColumnSet> referenceable_key(const Index& index) {
    if (!index.unique || index.where) return std::nullopt;
    std::vector<std::string> columns;
    columns.reserve(index.keys.size());
    for (const auto& key : index.keys) {
        if (!key.column) return std::nullopt;
        columns.push_back(*key.column);
    }
    return key_column_set(std::move(columns));
}

bool has_referenceable_key(const Table& table, const std::vector<std::string>& columns) {
    const KeyColumnSet wanted = key_column_set(columns);
    auto matches = [&](const auto& object) {
        auto key = referenceable_key(object);
        return key && *key == wanted;
    };
    return std::any_of(table.constraints.begin(), table.constraints.end(), matches) ||
           std::any_of(table.indexes.begin(), table.indexes.end(), matches);
}

}  // namespace reconcile::catalog
