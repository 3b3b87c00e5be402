#include <fmt/format.h>

#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

namespace {

// A value of an enum, so that a value can be placed next to one that this
// plan adds too.
ObjectId value_id(const QualifiedName& type, const std::string& value) {
    ObjectId id = catalog::enum_id(type);
    id.member = value;
    return id;
}

}  // namespace

int priority_of(const CreateEnum&) {
    return 1;
}
int priority_of(const AddEnumValue&) {
    return 2;
}
int priority_of(const DropEnum&) {
    return 15;
}

Dependencies dependencies_of(const CreateEnum& change, const PlanContext&) {
    return {.creates = {change.object()}};
}

Dependencies dependencies_of(const DropEnum& change, const PlanContext&) {
    return {.drops = {change.object()}};
}

// A column using the enum wants its final set of values, so adding a value
// "creates" the enum's final shape.
Dependencies dependencies_of(const AddEnumValue& change, const PlanContext&) {
    Dependencies out{.creates = {change.object(), value_id(change.type, change.value)}};
    // The anchor may itself be a value added by this plan.
    if (change.before) out.needs.push_back(value_id(change.type, *change.before));
    if (change.after) out.needs.push_back(value_id(change.type, *change.after));
    return out;
}

std::vector<Hazard> hazards(const CreateEnum&, const HazardContext&) {
    return {};
}
std::vector<Hazard> hazards(const DropEnum&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}
// ADD VALUE commits on its own (see planner.cpp), so later steps may use the
// new value.
std::vector<Hazard> hazards(const AddEnumValue&, const HazardContext&) {
    return {};
}

std::optional<std::string> refusal(const CreateEnum&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const DropEnum& change, const HazardContext&) {
    return fmt::format("drops enum {} and its values; {}", catalog::display(change.type.name), pass_allow_destructive);
}
std::optional<std::string> refusal(const AddEnumValue&, const HazardContext&) {
    return std::nullopt;
}

}  // namespace reconcile::engine::plan_detail
