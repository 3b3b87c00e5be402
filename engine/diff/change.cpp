#include "engine/diff/change.hpp"

namespace reconcile::engine {

std::string kind_name(const Change& change) {
    return std::string(std::visit([](const auto& c) { return c.kind; }, change));
}

ObjectId object_of(const Change& change) {
    return std::visit([](const auto& c) { return c.object(); }, change);
}

}  // namespace reconcile::engine
