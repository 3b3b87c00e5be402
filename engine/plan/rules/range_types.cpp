// Range types sit with the other types: after their subtype (a range of a
// managed domain follows it) and the subtype_diff function, before the
// columns and composite attributes of their type. Like domains, they
// "create" the enum key under which type_needed finds any named type.
#include <fmt/format.h>

#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

namespace {

void add_function_needs(std::vector<ObjectId>& out, const PlanContext& context, const RangeType& type) {
    for (const auto* function : {&type.canonical, &type.subtype_diff}) {
        if (!*function) continue;
        // "name(" is what functions_called looks for.
        auto calls = context.functions_called(**function + "(", {});
        out.insert(out.end(), calls.begin(), calls.end());
    }
}

}  // namespace

int priority_of(const CreateRangeType&) {
    return 1;
}
int priority_of(const DropRangeType&) {
    return 15;
}

Dependencies dependencies_of(const CreateRangeType& change, const PlanContext& context) {
    Dependencies out{.creates = {change.object(), catalog::enum_id(change.type.name)}};
    if (auto type = type_needed(change.type.subtype)) out.needs.push_back(*type);
    add_function_needs(out.needs, context, change.type);
    return out;
}
Dependencies dependencies_of(const DropRangeType& change, const PlanContext& context) {
    Dependencies out{.drops = {change.object(), catalog::enum_id(change.type.name)}};
    if (auto type = type_needed(change.type.subtype)) out.releases.push_back(*type);
    add_function_needs(out.releases, context, change.type);
    return out;
}

std::vector<Hazard> hazards(const CreateRangeType&, const HazardContext&) {
    return {};
}
std::vector<Hazard> hazards(const DropRangeType&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}

std::optional<std::string> refusal(const CreateRangeType&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const DropRangeType& change, const HazardContext&) {
    return fmt::format("drops range type {}; {}", catalog::display(change.type.name), pass_allow_destructive);
}

}  // namespace reconcile::engine::plan_detail
