// Extensions are created right after schemas and dropped just before them;
// the repair extensions_around_their_users keeps every other change between.
#include <fmt/format.h>

#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

int priority_of(const CreateExtension&) {
    return 0;
}
int priority_of(const AlterExtension&) {
    return 0;
}
int priority_of(const DropExtension&) {
    return 16;
}

// An extension has no schema in its ObjectId (its name is unique in the
// database), so the builder cannot add the need for its schema itself.
Dependencies dependencies_of(const CreateExtension& change, const PlanContext&) {
    return {.creates = {change.object()}, .needs = {catalog::schema_id(change.extension.schema)}};
}
Dependencies dependencies_of(const DropExtension& change, const PlanContext&) {
    return {.drops = {change.object()}, .releases = {catalog::schema_id(change.extension.schema)}};
}
Dependencies dependencies_of(const AlterExtension& change, const PlanContext&) {
    return {.creates = {change.object()},
            .needs = {catalog::schema_id(change.to.schema)},
            .releases = {catalog::schema_id(change.from.schema)}};
}

std::vector<Hazard> hazards(const CreateExtension&, const HazardContext&) {
    return {};
}
std::vector<Hazard> hazards(const DropExtension&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}
// An update script may rewrite its own objects; what it locks is up to the
// extension.
std::vector<Hazard> hazards(const AlterExtension&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}

std::optional<std::string> refusal(const CreateExtension&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const DropExtension& change, const HazardContext&) {
    return fmt::format("drops extension {} and every object it installed; {}", change.extension.name,
                       pass_allow_destructive);
}
std::optional<std::string> refusal(const AlterExtension&, const HazardContext&) {
    return std::nullopt;
}

}  // namespace reconcile::engine::plan_detail
