// Grants, revokes, owners and default privileges. They need their object
// and the roles they name. Revokes go before grants: revoking a privilege
// on a table also revokes it on each of its columns, so a column grant
// made first would be lost. Every one of them changes who may do what:
// AUTHZ_UPDATE.
#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

namespace {

// PUBLIC is not a role that a plan creates.
void need_role(std::vector<ObjectId>& out, const std::string& role) {
    if (role != catalog::public_grantee) out.push_back(catalog::role_id(role));
}

}  // namespace

int priority_of(const RevokePrivileges&) {
    return 8;
}
int priority_of(const RevokeDefaultPrivileges&) {
    return 8;
}
int priority_of(const GrantPrivileges&) {
    return 9;
}
int priority_of(const GrantDefaultPrivileges&) {
    return 9;
}
int priority_of(const SetOwner&) {
    return 9;
}

Dependencies dependencies_of(const GrantPrivileges& change, const PlanContext&) {
    Dependencies out{.needs = {change.target}};
    need_role(out.needs, change.grantee);
    return out;
}
Dependencies dependencies_of(const RevokePrivileges& change, const PlanContext&) {
    Dependencies out{.needs = {change.target}};
    need_role(out.releases, change.grantee);
    return out;
}
Dependencies dependencies_of(const SetOwner& change, const PlanContext&) {
    Dependencies out{.needs = {change.target}};
    need_role(out.needs, change.owner);
    return out;
}
Dependencies dependencies_of(const GrantDefaultPrivileges& change, const PlanContext&) {
    Dependencies out;
    need_role(out.needs, change.target.role);
    need_role(out.needs, change.target.grantee);
    if (!change.target.schema.empty()) out.needs.push_back(catalog::schema_id(change.target.schema));
    return out;
}
Dependencies dependencies_of(const RevokeDefaultPrivileges& change, const PlanContext&) {
    Dependencies out;
    need_role(out.releases, change.target.grantee);
    return out;
}

std::vector<Hazard> hazards(const GrantPrivileges&, const HazardContext&) {
    return {Hazard::authz_update};
}
std::vector<Hazard> hazards(const RevokePrivileges&, const HazardContext&) {
    return {Hazard::authz_update};
}
std::vector<Hazard> hazards(const SetOwner&, const HazardContext&) {
    return {Hazard::authz_update};
}
std::vector<Hazard> hazards(const GrantDefaultPrivileges&, const HazardContext&) {
    return {Hazard::authz_update};
}
std::vector<Hazard> hazards(const RevokeDefaultPrivileges&, const HazardContext&) {
    return {Hazard::authz_update};
}

std::optional<std::string> refusal(const GrantPrivileges&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const RevokePrivileges&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const SetOwner&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const GrantDefaultPrivileges&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const RevokeDefaultPrivileges&, const HazardContext&) {
    return std::nullopt;
}

}  // namespace reconcile::engine::plan_detail
