// What an object's owner holds of its own privileges
// (catalog::OwnerPrivileges). PostgreSQL gives an owner every privilege of
// the kind, and an owner holding them all is stated on neither side; where a
// side states less, the owner's entry is exact like any grantee's: what is
// missing is granted, what is extra is revoked. Between "everything" and a
// stated list the plan writes ALL, not the kind's privileges one by one:
// that list depends on the server (MAINTAIN exists from 17), ALL does not.
//
// ALTER ... OWNER TO hands the old owner's entry to the new owner, merged
// with what the new owner held as a grantee. The planner runs every grant
// and revoke on an object after its owner change (rules/privileges.cpp), so
// the live entry is taken here as it will be by then.
#include <map>

#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

namespace {

using Held = std::map<std::string, bool>;  // privilege -> grant option

// The owner's entry: every privilege (`all`; `held` then lists the grant
// options it carries beyond the default, which has none), or exactly
// `held`.
struct OwnerEntry {
    bool all = true;
    Held held;
};

const catalog::OwnerPrivileges* find(const std::vector<catalog::OwnerPrivileges>& list, const ObjectId& object) {
    auto found = std::lower_bound(list.begin(), list.end(), object,
                                  [](const catalog::OwnerPrivileges& p, const ObjectId& id) { return p.object < id; });
    return found != list.end() && found->object == object ? &*found : nullptr;
}

OwnerEntry entry_of(const std::vector<catalog::OwnerPrivileges>& list, const ObjectId& object) {
    const auto* stated = find(list, object);
    return stated ? OwnerEntry{false, stated->held} : OwnerEntry{};
}

std::string summary(const OwnerEntry& entry) {
    if (entry.held.empty()) return "nothing";
    std::string out;
    for (const auto& [privilege, option] : entry.held) {
        out += (out.empty() ? "" : ", ") + privilege + (option ? " WITH GRANT OPTION" : "");
    }
    return out;
}

void change_entry(const ObjectId& object, const std::string& owner, const OwnerEntry& have, const OwnerEntry& want,
                  DiffResult& out) {
    auto grant = [&](std::vector<std::string> privileges, bool option) {
        out.changes.push_back(GrantPrivileges{object, owner, std::move(privileges), option, Holder::owner});
    };
    auto revoke = [&](std::vector<std::string> privileges, RevokeWhat what) {
        out.changes.push_back(RevokePrivileges{object, owner, std::move(privileges), what, Holder::owner});
    };
    if (want.all) {
        if (!have.all) grant({"ALL"}, false);
        std::vector<std::string> options;
        for (const auto& [privilege, option] : have.held) {
            if (option) options.push_back(privilege);
        }
        if (!options.empty()) revoke(std::move(options), RevokeWhat::grant_option);
        return;
    }
    std::map<bool, std::vector<std::string>> to_grant;  // by grant option
    std::vector<std::string> to_revoke, options_to_revoke;
    if (have.all) {
        // REVOKE ALL takes the grant options too: the wanted list is then
        // granted from nothing.
        revoke({"ALL"}, RevokeWhat::privilege);
        for (const auto& [privilege, option] : want.held) to_grant[option].push_back(privilege);
    } else {
        for (const auto& [privilege, option] : want.held) {
            auto found = have.held.find(privilege);
            if (found == have.held.end() || (option && !found->second)) {
                to_grant[option].push_back(privilege);
            } else if (!option && found->second) {
                options_to_revoke.push_back(privilege);
            }
        }
        for (const auto& [privilege, option] : have.held) {
            if (!want.held.count(privilege)) to_revoke.push_back(privilege);
        }
    }
    if (!to_revoke.empty()) revoke(std::move(to_revoke), RevokeWhat::privilege);
    if (!options_to_revoke.empty()) revoke(std::move(options_to_revoke), RevokeWhat::grant_option);
    for (auto& [option, privileges] : to_grant) grant(std::move(privileges), option);
}

}  // namespace

void diff_owner_privileges(const catalog::Model& have, const catalog::Model& want, const DiffOptions&,
                           DiffResult& out) {
    const PrivilegeScope scope(want);
    const FreshObjects fresh(have, scope, out);
    std::map<ObjectId, std::string> live_owner, wanted_owner;
    for (const auto& o : have.owners) live_owner[o.object] = o.owner;
    for (const auto& o : want.owners) wanted_owner[o.object] = o.owner;
    // What the owner will be once the plan's owner changes have run.
    auto owner_of = [&](const ObjectId& object) -> const std::string* {
        if (auto found = wanted_owner.find(object); found != wanted_owner.end()) return &found->second;
        if (auto found = live_owner.find(object); found != live_owner.end()) return &found->second;
        return nullptr;
    };

    // Objects where either side states the owner's entry, and those whose
    // new owner held grants as a grantee (they merge into its entry).
    std::set<ObjectId> objects;
    for (const auto& p : have.owner_privileges) objects.insert(p.object);
    for (const auto& p : want.owner_privileges) objects.insert(p.object);
    std::map<ObjectId, std::vector<const catalog::Grant*>> new_owner_held;
    for (const auto& g : have.grants) {
        auto live = live_owner.find(g.object);
        const std::string* owner = owner_of(g.object);
        if (live != live_owner.end() && owner && *owner != live->second && g.grantee == *owner) {
            new_owner_held[g.object].push_back(&g);
            objects.insert(g.object);
        }
    }

    for (const auto& object : objects) {
        if (!scope.contains(object) || object.kind == ObjectKind::database) continue;
        const std::string* owner = owner_of(object);
        if (!owner) continue;  // no owner to name: the object is neither live nor declared with one
        OwnerEntry live;
        if (!fresh(object)) {
            live = entry_of(have.owner_privileges, object);
            for (const auto* g : new_owner_held[object]) {
                if (live.all) {
                    if (g->grant_option) live.held[g->privilege] = true;
                } else {
                    live.held[g->privilege] = live.held[g->privilege] || g->grant_option;
                }
            }
        }
        const OwnerEntry wanted = entry_of(want.owner_privileges, object);
        if (!want.find_role(*owner) && !want.is_external_role(*owner)) {
            // A manifest that states the owner's privileges also names the
            // owner, which must then be declared; this is a live owner the
            // manifests do not manage.
            if (!live.all) {
                out.not_managed.push_back({"privilege", object,
                                           "(owner " + *owner + " holds only " + summary(live) +
                                               " of its own privileges, role not managed)"});
            }
            continue;
        }
        change_entry(object, *owner, live, wanted, out);
    }
}

}  // namespace reconcile::engine::diff_detail
