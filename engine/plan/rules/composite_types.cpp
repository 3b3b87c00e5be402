// Composite types sit with enums and domains: after the types of their
// attributes (a composite on a managed enum follows the enum), before the
// columns of their type. Like domains, they "create" the enum key under
// which type_needed finds any named type.
#include <fmt/format.h>

#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

int priority_of(const CreateCompositeType&) {
    return 1;
}
int priority_of(const AlterCompositeType&) {
    return 2;
}
int priority_of(const DropCompositeType&) {
    return 15;
}

Dependencies dependencies_of(const CreateCompositeType& change, const PlanContext&) {
    Dependencies out{.creates = {change.object(), catalog::enum_id(change.type.name)}};
    for (const auto& attribute : change.type.attributes) {
        if (auto type = type_needed(attribute.type)) out.needs.push_back(*type);
    }
    return out;
}
Dependencies dependencies_of(const DropCompositeType& change, const PlanContext&) {
    Dependencies out{.drops = {change.object(), catalog::enum_id(change.type.name)}};
    for (const auto& attribute : change.type.attributes) {
        if (auto type = type_needed(attribute.type)) out.releases.push_back(*type);
    }
    return out;
}
Dependencies dependencies_of(const AlterCompositeType& change, const PlanContext&) {
    Dependencies out{.creates = {catalog::enum_id(change.to.name)}, .needs = {change.object()}};
    for (const auto& attribute : change.to.attributes) {
        if (auto type = type_needed(attribute.type)) out.needs.push_back(*type);
    }
    return out;
}

std::vector<Hazard> hazards(const CreateCompositeType&, const HazardContext&) {
    return {};
}
std::vector<Hazard> hazards(const DropCompositeType&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}
std::vector<Hazard> hazards(const AlterCompositeType&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}

std::optional<std::string> refusal(const CreateCompositeType&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const DropCompositeType& change, const HazardContext&) {
    return fmt::format("drops composite type {}; {}", catalog::display(change.type.name), pass_allow_destructive);
}
// Dropping an attribute loses what it held in any stored value of the type.
std::optional<std::string> refusal(const AlterCompositeType& change, const HazardContext&) {
    for (const auto& old : change.from.attributes) {
        bool kept = false;
        for (const auto& now : change.to.attributes) kept = kept || now.name == old.name;
        if (!kept) {
            return fmt::format("drops attribute {} of composite type {}; {}", old.name,
                               catalog::display(change.to.name), pass_allow_destructive);
        }
    }
    return std::nullopt;
}

}  // namespace reconcile::engine::plan_detail
