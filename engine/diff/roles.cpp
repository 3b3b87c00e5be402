// Roles and memberships. Managed roles are the ones the manifests declare.
// A role no manifest declares is dropped only when a manifest claims it
// ("claim_roles") and --prune asks; every other role of the cluster is left
// alone. External roles are only checked to exist
// (engine/pipeline/roles_check.cpp).
#include <map>

#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

namespace {

Role without_secrets(Role role) {
    role.comment.reset();
    role.applied_rotation.reset();
    return role;
}

bool rotation_changed(const Role& have, const Role& want) {
    return want.password && want.password->rotation != have.applied_rotation;
}

}  // namespace

void diff_roles(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options, DiffResult& out) {
    // Claimed but not declared: reported, or dropped with --prune.
    for (const Role& role : have.roles) {
        if (!want.is_claimed_role(role.name) || want.find_role(role.name) || want.is_external_role(role.name)) continue;
        if (options.prune == Prune::yes) {
            out.changes.push_back(DropRole{role});
        } else {
            out.not_in_manifests.push_back(catalog::role_id(role.name));
        }
    }
    for (const Role& role : want.roles) {
        const Role* live = have.find_role(role.name);
        if (!live) {
            out.changes.push_back(CreateRole{without_secrets(role)});
            comment_new(out, catalog::role_id(role.name), role.comment);
            continue;
        }
        if (!live->same_attributes(role)) out.changes.push_back(AlterRole{*live, without_secrets(role)});
        if (rotation_changed(*live, role)) out.changes.push_back(SetPassword{role.name, *role.password});
        diff_comment(out, catalog::role_id(role.name), live->comment, role.comment);
    }
}

// The memberships of managed roles (as members) are exactly the declared
// ones. INHERIT and SET are compared only where the manifest states them.
void diff_memberships(const catalog::Model& have, const catalog::Model& want, const DiffOptions&, DiffResult& out) {
    std::map<std::pair<std::string, std::string>, const Membership*> live;
    for (const Membership& m : have.memberships) {
        if (want.find_role(m.member)) live[{m.member, m.role}] = &m;
    }
    for (const Membership& m : want.memberships) {
        auto found = live.find({m.member, m.role});
        if (found == live.end()) {
            out.changes.push_back(GrantMembership{m});
            continue;
        }
        const Membership& h = *found->second;
        live.erase(found);
        bool differs = h.admin != m.admin || (m.inherit && m.inherit != h.inherit) || (m.set && m.set != h.set);
        if (differs) out.changes.push_back(AlterMembership{h, m});
    }
    for (const auto& [unused, m] : live) out.changes.push_back(RevokeMembership{*m});
}

}  // namespace reconcile::engine::diff_detail
