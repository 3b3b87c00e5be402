// Aggregates: after the support functions and the types they name, before
// whatever calls them (a view's query needs any_overload(name), as for a
// function); dropped before their support functions and types go.
#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

namespace {

using catalog::Aggregate;

// A named type may be an enum or a table's row type; whichever this plan
// creates or drops gets the edge, the other id matches nothing.
void add_type(std::vector<ObjectId>& out, const std::string& type) {
    if (auto named = named_type(type)) {
        out.push_back(catalog::enum_id(*named));
        out.push_back(catalog::table_id(*named));
    }
}

// The functions and types the aggregate is made of.
std::vector<ObjectId> parts_of(const Aggregate& aggregate) {
    std::vector<ObjectId> out;
    for (const auto& function : aggregate.support_functions()) out.push_back(any_overload(function));
    for (const auto& argument : aggregate.arguments) add_type(out, argument.type);
    add_type(out, aggregate.state_type);
    if (aggregate.moving) add_type(out, aggregate.moving->state_type);
    return out;
}

}  // namespace

int priority_of(const CreateAggregate&) {
    return 3;
}
int priority_of(const ReplaceAggregate&) {
    return 3;
}
int priority_of(const DropAggregate&) {
    return 14;
}

Dependencies dependencies_of(const CreateAggregate& change, const PlanContext&) {
    return {.creates = {change.object(), any_overload(change.aggregate.name)}, .needs = parts_of(change.aggregate)};
}

Dependencies dependencies_of(const ReplaceAggregate& change, const PlanContext&) {
    return {.creates = {change.object(), any_overload(change.to.name)}, .needs = parts_of(change.to)};
}

Dependencies dependencies_of(const DropAggregate& change, const PlanContext&) {
    return {.drops = {change.object(), any_overload(change.aggregate.name)}, .releases = parts_of(change.aggregate)};
}

std::vector<Hazard> hazards(const CreateAggregate&, const HazardContext&) {
    return {};
}
std::vector<Hazard> hazards(const ReplaceAggregate&, const HazardContext&) {
    return {};
}
std::vector<Hazard> hazards(const DropAggregate&, const HazardContext&) {
    return {};
}

std::optional<std::string> refusal(const CreateAggregate&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const ReplaceAggregate&, const HazardContext&) {
    return std::nullopt;
}
// Dropping an aggregate loses no data; a view outside the plan that calls
// it makes the server refuse the drop.
std::optional<std::string> refusal(const DropAggregate&, const HazardContext&) {
    return std::nullopt;
}

}  // namespace reconcile::engine::plan_detail
