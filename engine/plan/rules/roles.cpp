// Roles and memberships come first (grants and owners need them) and a
// dropped role goes last, after every revoke that releases it.
#include <fmt/format.h>

#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

int priority_of(const CreateRole&) {
    return 0;
}
int priority_of(const AlterRole&) {
    return 0;
}
int priority_of(const SetPassword&) {
    return 0;
}
int priority_of(const GrantMembership&) {
    return 1;
}
int priority_of(const AlterMembership&) {
    return 1;
}
int priority_of(const RevokeMembership&) {
    return 8;
}
int priority_of(const DropRole&) {
    return 17;
}

Dependencies dependencies_of(const CreateRole& change, const PlanContext&) {
    return {.creates = {change.object()}};
}
Dependencies dependencies_of(const AlterRole& change, const PlanContext&) {
    return {.needs = {change.object()}};
}
Dependencies dependencies_of(const SetPassword& change, const PlanContext&) {
    return {.needs = {change.object()}};
}
Dependencies dependencies_of(const DropRole& change, const PlanContext&) {
    return {.drops = {change.object()}};
}
Dependencies dependencies_of(const GrantMembership& change, const PlanContext&) {
    return {.creates = {change.object()},
            .needs = {catalog::role_id(change.membership.role), catalog::role_id(change.membership.member)}};
}
Dependencies dependencies_of(const AlterMembership& change, const PlanContext&) {
    return {.needs = {catalog::role_id(change.to.role), catalog::role_id(change.to.member)}};
}
Dependencies dependencies_of(const RevokeMembership& change, const PlanContext&) {
    return {.releases = {catalog::role_id(change.membership.role), catalog::role_id(change.membership.member)}};
}

std::vector<Hazard> hazards(const CreateRole&, const HazardContext&) {
    return {Hazard::authz_update};
}
std::vector<Hazard> hazards(const AlterRole&, const HazardContext&) {
    return {Hazard::authz_update};
}
std::vector<Hazard> hazards(const SetPassword&, const HazardContext&) {
    return {Hazard::authz_update};
}
std::vector<Hazard> hazards(const DropRole&, const HazardContext&) {
    return {Hazard::authz_update};
}
std::vector<Hazard> hazards(const GrantMembership&, const HazardContext&) {
    return {Hazard::authz_update};
}
std::vector<Hazard> hazards(const AlterMembership&, const HazardContext&) {
    return {Hazard::authz_update};
}
std::vector<Hazard> hazards(const RevokeMembership&, const HazardContext&) {
    return {Hazard::authz_update};
}

std::optional<std::string> refusal(const CreateRole&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const AlterRole&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const SetPassword&, const HazardContext&) {
    return std::nullopt;
}
// A dropped role takes its privileges with it and hands what it owns here
// to the applying role; whoever logged in as it can no longer.
std::optional<std::string> refusal(const DropRole& change, const HazardContext&) {
    return fmt::format(
        "drops role {} (its objects in this database are reassigned to the applying role, its "
        "privileges revoked); {}",
        change.role.name, pass_allow_destructive);
}
std::optional<std::string> refusal(const GrantMembership&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const AlterMembership&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const RevokeMembership&, const HazardContext&) {
    return std::nullopt;
}

}  // namespace reconcile::engine::plan_detail
