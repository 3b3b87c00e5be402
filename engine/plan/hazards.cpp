// Hazards and refusals of a change, dispatched generically to the kind's
// overloads in rules/<kind>.cpp.
#include <algorithm>

#include "engine/plan/plan_internal.hpp"
#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

std::vector<Hazard> hazards_of(const Change& change, const HazardContext& context) {
    std::vector<Hazard> out = std::visit([&](const auto& c) { return hazards(c, context); }, change);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

bool HazardContext::is_new(const ObjectId& target) const {
    if (new_objects.count(target)) return true;
    return target.kind == ObjectKind::column && new_objects.count(catalog::table_id(target.qualified()));
}

std::optional<std::string> refusal_of(const Change& change, const HazardContext& context) {
    return std::visit([&](const auto& c) { return refusal(c, context); }, change);
}

std::string describe_node(const Change& change) {
    std::string out = kind_name(change) + " " + display(object_of(change));
    if (const auto* add = std::get_if<AddEnumValue>(&change)) out += " '" + add->value + "'";
    return out;
}

}  // namespace reconcile::engine::plan_detail
