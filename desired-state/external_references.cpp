#include <algorithm>

#include "desired-state/manifests.hpp"

namespace reconcile::desired_state {

std::map<catalog::QualifiedName, std::vector<std::string>> external_references(const catalog::Model& model) {
    std::map<catalog::QualifiedName, std::vector<std::string>> out;
    for (const auto& table : model.tables) {
        for (const auto& constraint : table.constraints) {
            if (!constraint.references) continue;
            const auto& target = constraint.references->table;
            // Linear, so a model that was never normalized works too.
            bool claimed = std::any_of(model.schemas.begin(), model.schemas.end(),
                                       [&](const catalog::Schema& schema) { return schema.name == target.schema; });
            if (claimed) continue;
            auto& columns = out[target];
            columns.insert(columns.end(), constraint.references->columns.begin(), constraint.references->columns.end());
        }
    }
    // Sorted and without repeats, so callers can ask the database once per column.
    for (auto& [table, columns] : out) {
        std::sort(columns.begin(), columns.end());
        columns.erase(std::unique(columns.begin(), columns.end()), columns.end());
    }
    return out;
}

}  // namespace reconcile::desired_state
