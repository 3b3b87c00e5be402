// Privileges, owners and default privileges, for every kind at once: the
// model keys them by ObjectId (catalog/model/privilege.hpp), so a kind that
// gains an ACL only has to be in scope (PrivilegeScope below) and readable
// by the introspector.
//
// On the objects the manifests declare, the privileges of managed roles, of
// external roles and (where a manifest states it) of PUBLIC are exactly the
// declared ones: what is missing is granted, what is extra is revoked.
// Privileges of other roles are listed as not managed and left alone.
#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

using catalog::DefaultGrant;
using catalog::Grant;

PrivilegeScope::PrivilegeScope(const catalog::Model& want) : want_(&want) {
    auto& scope = objects_;
    for (const auto& schema : want.schemas) scope.push_back(catalog::schema_id(schema.name));
    for (const auto& table : want.tables) {
        scope.push_back(catalog::table_id(table.name));
        // The sequences of its serial and identity columns: part of the
        // table (they go with it), with ACLs of their own. Left out, a
        // managed role's grant on one could never be revoked, and plan
        // would not even show it (found on pgschema's test pairs).
        for (const auto& column : table.columns) {
            if (column.serial == catalog::Serial::none && !column.identity) continue;
            scope.push_back(
                catalog::object_id(ObjectKind::sequence, catalog::column_sequence_name(table.name, column)));
        }
    }
    for (const auto& view : want.views) scope.push_back(view.id());
    for (const auto& function : want.functions) scope.push_back(function.id());
    for (const auto& aggregate : want.aggregates) scope.push_back(aggregate.id());
    for (const auto& sequence : want.sequences)
        scope.push_back(catalog::object_id(ObjectKind::sequence, sequence.name));
    for (const auto& type : want.enums) scope.push_back(catalog::enum_id(type.name));
    for (const auto& domain : want.domains) scope.push_back(catalog::object_id(ObjectKind::domain, domain.name));
    for (const auto& type : want.composite_types) {
        scope.push_back(catalog::object_id(ObjectKind::composite_type, type.name));
    }
    // So is any other object a manifest grants on.
    for (const auto& grant : want.grants) scope.push_back(grant.object);
    // So is an object where only PUBLIC is stated ("public": [] alone).
    for (const auto& object : want.public_stated) scope.push_back(object);
    std::sort(scope.begin(), scope.end());
    scope.erase(std::unique(scope.begin(), scope.end()), scope.end());
}

bool PrivilegeScope::contains(const ObjectId& object) const {
    if (object.kind == ObjectKind::column) {
        const catalog::Table* table = want_->find_table(object.qualified());
        if (table && std::any_of(table->columns.begin(), table->columns.end(),
                                 [&](const catalog::Column& column) { return column.name == object.member; })) {
            return true;
        }
    }
    return std::binary_search(objects_.begin(), objects_.end(), object);
}

ObjectId owning_object(const ObjectId& id) {
    return id.kind == ObjectKind::column ? catalog::table_id(id.qualified()) : id;
}

FreshObjects::FreshObjects(const catalog::Model& have, const PrivilegeScope& scope, const DiffResult& out)
    : scope_(&scope), recreated_(&out.recreated) {
    for (const auto& o : have.owners) existing_.insert(o.object);
    for (const auto& g : have.grants) existing_.insert(owning_object(g.object));
    // The sequences of serial and identity columns have no owner entry of
    // their own (they follow their table's).
    for (const auto& table : have.tables) {
        for (const auto& column : table.columns) {
            if (column.serial == catalog::Serial::none && !column.identity) continue;
            existing_.insert(
                catalog::object_id(ObjectKind::sequence, catalog::column_sequence_name(table.name, column)));
        }
    }
}

bool FreshObjects::operator()(const ObjectId& object) const {
    const ObjectId owning = owning_object(object);
    return recreated_->count(owning) || (!existing_.count(owning) && scope_->contains(owning));
}

namespace {

bool is_public(const std::string& grantee) {
    return grantee == catalog::public_grantee;
}

// Privilege -> grant option, per (object, grantee).
using Key = std::pair<ObjectId, std::string>;
using Held = std::map<std::string, bool>;

struct Delta {
    std::map<bool, std::vector<std::string>> grant;  // by grant option
    std::vector<std::string> revoke;
    std::vector<std::string> revoke_grant_option;
    std::vector<std::string> kept;
};

Delta delta(const Held& have, const Held& want) {
    Delta out;
    for (const auto& [privilege, option] : want) {
        auto found = have.find(privilege);
        if (found == have.end() || (option && !found->second)) {
            out.grant[option].push_back(privilege);
        } else if (!option && found->second) {
            out.revoke_grant_option.push_back(privilege);
        } else {
            out.kept.push_back(privilege);
        }
    }
    for (const auto& [privilege, option] : have) {
        if (!want.count(privilege)) out.revoke.push_back(privilege);
    }
    return out;
}

// What PUBLIC holds without anyone granting it: EXECUTE on routines and
// USAGE on types (acldefault), and what initdb grants on schema public
// (USAGE; CREATE too before PostgreSQL 15), which every database has.
bool built_in_for_public(const Grant& grant) {
    if (grant.object.kind == ObjectKind::schema && grant.object.name == "public") return true;
    const char* built_in = catalog::public_default(grant.object.kind);
    return built_in && grant.privilege == built_in;
}

// The other way round: PUBLIC lacks the EXECUTE or USAGE PostgreSQL gives
// it on a routine or type (someone revoked it), and the manifests do not
// state PUBLIC there. Kept, and said so: a rebuilt database would have it
// back (found on sqldef's test pairs). The catalog side lists PUBLIC's
// built-in privilege as a grant wherever PUBLIC holds it.
void list_built_ins_public_lacks(const catalog::Model& have, const catalog::Model& want, const PrivilegeScope& scope,
                                 const FreshObjects& fresh, DiffResult& out) {
    std::set<ObjectId> holding;
    for (const Grant& grant : have.grants) {
        if (is_public(grant.grantee) && built_in_for_public(grant)) holding.insert(grant.object);
    }
    for (const auto& o : have.owners) {
        const char* built_in = catalog::public_default(o.object.kind);
        if (!built_in || holding.count(o.object) || !scope.contains(o.object) || fresh(o.object) ||
            std::binary_search(want.public_stated.begin(), want.public_stated.end(), o.object)) {
            continue;
        }
        out.not_managed.push_back({"privilege", o.object,
                                   "(" + std::string(built_in) +
                                       " revoked from PUBLIC, which the manifests do not "
                                       "state)"});
    }
}

using Acl = std::map<Key, std::pair<Held, Held>>;  // (have, want)

// Default privileges in force when the plan creates an object may give it
// more than the manifests declare: ALTER DEFAULT PRIVILEGES IN SCHEMA app
// GRANT SELECT, INSERT ON TABLES, and a new table meant to grant only
// SELECT (found on pgschema's test pairs: the second plan was not empty).
// Which entries apply depends on the role that creates the object, unknown
// here, so every privilege one of them could give a managed grantee, and
// the manifests do not want, is taken as held: the plan revokes it after
// the create, a no-op where it was not given.
void add_what_defaults_may_give(const catalog::Model& have, const catalog::Model& want, const PrivilegeScope& scope,
                                const FreshObjects& fresh, const std::function<bool(const Grant&)>& compared,
                                Acl& acl) {
    if (have.default_grants.empty() && want.default_grants.empty()) return;
    for (const ObjectId& object : scope.objects()) {
        auto objects = catalog::default_objects_of(object.kind);
        if (!objects || !fresh(object)) continue;
        for (const auto* grants : {&have.default_grants, &want.default_grants}) {
            for (const DefaultGrant& d : *grants) {
                if (d.objects != *objects || (!d.schema.empty() && d.schema != object.containing_schema())) continue;
                Grant grant{object, d.grantee, d.privilege, d.grant_option};
                if (!compared(grant)) continue;
                auto& [held, wanted] = acl[{object, d.grantee}];
                if (!wanted.count(d.privilege)) held[d.privilege] = false;
            }
        }
    }
}

}  // namespace

void diff_privileges(const catalog::Model& have, const catalog::Model& want, const DiffOptions&, DiffResult& out) {
    const PrivilegeScope scope(want);
    const FreshObjects fresh(have, scope, out);
    auto managed = [&](const Grant& grant) {
        if (is_public(grant.grantee)) {
            return std::binary_search(want.public_stated.begin(), want.public_stated.end(), grant.object);
        }
        return want.find_role(grant.grantee) != nullptr || want.is_external_role(grant.grantee);
    };
    // An owner holds every privilege implicitly and the catalog side leaves
    // its entries out; a manifest that grants to the owner states nothing more.
    std::map<ObjectId, std::string> owners;
    for (const auto& o : have.owners) owners[o.object] = o.owner;
    for (const auto& o : want.owners) owners[o.object] = o.owner;
    auto is_owner = [&](const Grant& grant) {
        auto found = owners.find(owning_object(grant.object));
        return found != owners.end() && found->second == grant.grantee;
    };

    Acl acl;
    for (const Grant& grant : have.grants) {
        if (!scope.contains(grant.object) || is_owner(grant) || fresh(grant.object)) continue;
        if (managed(grant)) {
            acl[{grant.object, grant.grantee}].first[grant.privilege] = grant.grant_option;
        } else if (!is_public(grant.grantee)) {
            out.not_managed.push_back(
                {"privilege", grant.object, "(" + grant.privilege + " to " + grant.grantee + ", role not managed)"});
        } else if (!built_in_for_public(grant)) {
            // More than PostgreSQL gives PUBLIC, on an object whose
            // manifest does not state PUBLIC: kept, and said so (a
            // rebuilt database would lack it).
            out.not_managed.push_back(
                {"privilege", grant.object, "(" + grant.privilege + " to PUBLIC, which the manifests do not state)"});
        }
    }
    list_built_ins_public_lacks(have, want, scope, fresh, out);
    // A manifest states PUBLIC wherever it grants to it, so this only
    // matters when both sides are catalogs (a model compared with another
    // database's): PUBLIC is then not managed on either side.
    for (const Grant& grant : want.grants) {
        if (is_owner(grant) || !managed(grant)) continue;
        acl[{grant.object, grant.grantee}].second[grant.privilege] = grant.grant_option;
    }
    add_what_defaults_may_give(
        have, want, scope, fresh, [&](const Grant& g) { return managed(g) && !is_owner(g); }, acl);
    // A created function is executable by PUBLIC, a created type usable:
    // where a manifest states PUBLIC, that default is revoked if not wanted.
    for (const auto& object : want.public_stated) {
        const char* privilege = catalog::public_default(object.kind);
        if (privilege && fresh(object)) acl[{object, catalog::public_grantee}].first[privilege] = false;
    }

    // Revoking a privilege on a table revokes it on each column too, so a
    // column grant that stays has to be made again after such a revoke.
    std::set<std::tuple<QualifiedName, std::string, std::string>> revoked_on_tables;
    std::vector<std::pair<Key, std::vector<std::string>>> kept_on_columns;
    for (const auto& [key, held] : acl) {
        const auto& [object, grantee] = key;
        Delta d = delta(held.first, held.second);
        if (!d.revoke.empty())
            out.changes.push_back(RevokePrivileges{object, grantee, d.revoke, RevokeWhat::privilege});
        if (!d.revoke_grant_option.empty()) {
            out.changes.push_back(RevokePrivileges{object, grantee, d.revoke_grant_option, RevokeWhat::grant_option});
        }
        for (auto& [option, privileges] : d.grant) {
            out.changes.push_back(GrantPrivileges{object, grantee, std::move(privileges), option});
        }
        if (object.kind == ObjectKind::table) {
            for (const auto& p : d.revoke) revoked_on_tables.insert({object.qualified(), grantee, p});
        }
        if (object.kind == ObjectKind::column && !d.kept.empty()) kept_on_columns.push_back({key, d.kept});
    }
    for (const auto& [key, kept] : kept_on_columns) {
        const auto& [column, grantee] = key;
        std::map<bool, std::vector<std::string>> again;
        for (const auto& privilege : kept) {
            if (revoked_on_tables.count({column.qualified(), grantee, privilege})) {
                again[acl[key].second[privilege]].push_back(privilege);
            }
        }
        for (auto& [option, privileges] : again) {
            out.changes.push_back(GrantPrivileges{column, grantee, std::move(privileges), option});
        }
    }
}

void diff_owners(const catalog::Model& have, const catalog::Model& want, const DiffOptions&, DiffResult& out) {
    std::map<ObjectId, const std::string*> live;
    for (const auto& o : have.owners) live[o.object] = &o.owner;
    for (const auto& o : want.owners) {
        // The database's owner is read to recognise its implicit privileges
        // and for the rights check, not managed: no manifest states it (a
        // catalog read as the desired state, as in a comparison of two
        // databases, does).
        if (o.object.kind == ObjectKind::database) continue;
        auto found = live.find(o.object);
        if (found == live.end() || *found->second != o.owner || out.recreated.count(o.object)) {
            out.changes.push_back(SetOwner{o.object, o.owner});
        }
    }
}

// Default privileges FOR ROLE r are exact for each managed role r and each
// role a manifest declares default privileges for; global entries of other
// roles are theirs.
void diff_default_privileges(const catalog::Model& have, const catalog::Model& want, const DiffOptions&,
                             DiffResult& out) {
    std::set<std::string> for_roles;
    for (const auto& role : want.roles) for_roles.insert(role.name);
    for (const auto& grant : want.default_grants) for_roles.insert(grant.role);
    auto target_of = [](const DefaultGrant& g) { return std::make_tuple(g.role, g.schema, g.objects, g.grantee); };
    using Target = decltype(target_of(std::declval<DefaultGrant>()));
    std::map<Target, std::pair<Held, Held>> acl;
    for (const auto& g : have.default_grants) {
        if (for_roles.count(g.role)) {
            acl[target_of(g)].first[g.privilege] = g.grant_option;
        } else {
            // Kept as they are, and said so: an export applied elsewhere
            // lacks them.
            std::string where = g.schema.empty() ? "" : "in schema " + g.schema + ": ";
            out.not_managed.push_back({"default privileges", catalog::role_id(g.role),
                                       "(" + where + g.privilege + " on new " +
                                           std::string(catalog::default_objects_name(g.objects)) + " to " +
                                           (is_public(g.grantee) ? "PUBLIC" : g.grantee) + ", role not managed)"});
        }
    }
    for (const auto& g : want.default_grants) acl[target_of(g)].second[g.privilege] = g.grant_option;
    for (const auto& [key, held] : acl) {
        const auto& [role, schema, objects, grantee] = key;
        DefaultPrivilegesTarget target{role, schema, objects, grantee};
        Delta d = delta(held.first, held.second);
        if (!d.revoke.empty()) out.changes.push_back(RevokeDefaultPrivileges{target, d.revoke, RevokeWhat::privilege});
        if (!d.revoke_grant_option.empty()) {
            out.changes.push_back(RevokeDefaultPrivileges{target, d.revoke_grant_option, RevokeWhat::grant_option});
        }
        for (auto& [option, privileges] : d.grant) {
            out.changes.push_back(GrantDefaultPrivileges{target, std::move(privileges), option});
        }
    }
    // PUBLIC's built-in defaults, where a role file states them.
    std::set<std::pair<std::string, DefaultObjects>> revoked;
    for (const auto& p : have.public_defaults) revoked.insert({p.role, p.objects});
    for (const auto& p : want.public_defaults) {
        bool is_revoked = revoked.count({p.role, p.objects}) > 0;
        if (is_revoked == p.revoked) continue;
        DefaultPrivilegesTarget target{p.role, "", p.objects, catalog::public_grantee};
        std::vector<std::string> privilege{catalog::public_default(p.objects)};
        if (p.revoked) {
            out.changes.push_back(RevokeDefaultPrivileges{target, privilege, RevokeWhat::privilege});
        } else {
            out.changes.push_back(GrantDefaultPrivileges{target, privilege, false});
        }
    }
}

}  // namespace reconcile::engine::diff_detail
