// Grants, revokes, owners and default privileges. They need their object
// and the roles they name. Revokes go before grants: revoking a privilege
// on a table also revokes it on each of its columns, so a column grant
// made first would be lost. Grants and revokes on an object go after its
// owner change: ALTER ... OWNER TO hands the old owner's ACL entry to the
// new owner, so a grant to the old owner made first would end up the new
// owner's, and the owner's own entry (Holder::owner) is named after the
// new owner. Every one of them changes who may do what: AUTHZ_UPDATE,
// except on an object this plan creates, which has no data and no users
// yet: its owner and grants are part of creating it (an export applied to
// an empty database carries hundreds of them).
#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

namespace {

// PUBLIC is not a role that a plan creates.
void need_role(std::vector<ObjectId>& out, const std::string& role) {
    if (role != catalog::public_grantee) out.push_back(catalog::role_id(role));
}

// What a SetOwner provides: the object under its new owner. Named by the
// object (a column's by its table, which owns the column's ACL) with a
// member no object of these kinds has.
ObjectId owner_set(const ObjectId& target) {
    ObjectId id = target.kind == ObjectKind::column ? catalog::table_id(target.qualified()) : target;
    id.member = "owner";
    return id;
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
    Dependencies out{.needs = {change.target, owner_set(change.target)}};
    need_role(out.needs, change.grantee);
    return out;
}
Dependencies dependencies_of(const RevokePrivileges& change, const PlanContext&) {
    Dependencies out{.needs = {change.target, owner_set(change.target)}};
    need_role(out.releases, change.grantee);
    // The owner's own entry is named after the owner, which must exist.
    if (change.holder == Holder::owner) need_role(out.needs, change.grantee);
    return out;
}
Dependencies dependencies_of(const SetOwner& change, const PlanContext&) {
    Dependencies out{.creates = {owner_set(change.target)}, .needs = {change.target}};
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

namespace {

std::vector<Hazard> authz_update_unless_new(const ObjectId& target, const HazardContext& context) {
    if (context.is_new(target)) return {};
    return {Hazard::authz_update};
}

}  // namespace

std::vector<Hazard> hazards(const GrantPrivileges& change, const HazardContext& context) {
    return authz_update_unless_new(change.target, context);
}
std::vector<Hazard> hazards(const RevokePrivileges& change, const HazardContext& context) {
    return authz_update_unless_new(change.target, context);
}
std::vector<Hazard> hazards(const SetOwner& change, const HazardContext& context) {
    return authz_update_unless_new(change.target, context);
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
