// Export of roles, memberships, privileges, owners and default privileges.
// The catalog side holds every role of the cluster; export writes only the
// roles the exported objects refer to (owners, grantees, default
// privileges), superusers as external roles (a platform's, never to be
// altered by a manifest), the others as managed roles with their
// memberships. Passwords cannot be read, so none is written.
#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "desired-state/export_json.hpp"
#include "desired-state/privileges.hpp"
#include "desired-state/vocabulary.hpp"

namespace reconcile::desired_state::detail {

namespace {

bool built_in(const std::string& role) {
    return role == catalog::public_grantee || role.rfind("pg_", 0) == 0;
}

template <typename T>
auto object_range(const std::vector<T>& items, const catalog::ObjectId& object) {
    auto lower = std::lower_bound(items.begin(), items.end(), object,
                                  [](const T& item, const catalog::ObjectId& id) { return item.object < id; });
    auto upper = std::upper_bound(items.begin(), items.end(), object,
                                  [](const catalog::ObjectId& id, const T& item) { return id < item.object; });
    return std::make_pair(lower, upper);
}

}  // namespace

catalog::Model with_referenced_roles(catalog::Model model) {
    model.normalize();
    // The database's owner and grants are the cluster's business, not the
    // exported schemas': export writes no "database_grants" (a manifest
    // states them where it wants them managed), and its grantees are no
    // reason to export a role.
    auto on_database = [](const catalog::ObjectId& id) { return id.kind == catalog::ObjectKind::database; };
    std::erase_if(model.grants, [&](const catalog::Grant& g) { return on_database(g.object); });
    std::erase_if(model.owners, [&](const catalog::Ownership& o) { return on_database(o.object); });
    std::set<std::string> referenced;
    auto refer = [&](const std::string& role) {
        if (!built_in(role)) referenced.insert(role);
    };
    for (const auto& o : model.owners) refer(o.owner);
    for (const auto& g : model.grants) refer(g.grantee);
    for (const auto& d : model.default_grants) {
        refer(d.role);
        refer(d.grantee);
    }
    for (const auto& p : model.public_defaults) refer(p.role);
    std::vector<catalog::Role> managed;
    std::set<std::string> external;
    for (const auto& name : referenced) {
        const auto* role = model.find_role(name);
        if (!role || role->superuser) {
            external.insert(name);
        } else {
            managed.push_back(*role);
        }
    }
    std::vector<catalog::Membership> memberships;
    for (const auto& m : model.memberships) {
        bool member_managed =
            std::any_of(managed.begin(), managed.end(), [&](const auto& r) { return r.name == m.member; });
        if (!member_managed) continue;
        memberships.push_back(m);
        if (!built_in(m.role) &&
            !std::any_of(managed.begin(), managed.end(), [&](const auto& r) { return r.name == m.role; })) {
            external.insert(m.role);
        }
    }
    for (auto& role : managed) role.applied_rotation.reset();
    model.roles = std::move(managed);
    model.external_roles.assign(external.begin(), external.end());
    model.memberships = std::move(memberships);
    // PUBLIC is stated wherever it holds something other than its built-in
    // default, and where it lacks that default.
    model.public_stated.clear();
    std::map<catalog::ObjectId, std::vector<catalog::Grant>> public_holds;
    for (const auto& g : model.grants) {
        if (g.grantee == catalog::public_grantee) public_holds[g.object].push_back(g);
    }
    std::set<catalog::Grant> defaults;  // left unstated
    for (const auto& o : model.owners) {
        const char* by_default = catalog::public_default(o.object.kind);
        if (!by_default) continue;
        auto& holds = public_holds[o.object];  // none held: stated, as []
        if (holds.size() == 1 && holds.front().privilege == by_default && !holds.front().grant_option) {
            defaults.insert(holds.front());
            public_holds.erase(o.object);
        }
    }
    std::erase_if(model.grants, [&](const catalog::Grant& g) { return defaults.count(g) > 0; });
    for (const auto& [object, holds] : public_holds) model.public_stated.push_back(object);
    model.normalize();
    model.public_stated.erase(std::unique(model.public_stated.begin(), model.public_stated.end()),
                              model.public_stated.end());
    return model;
}

void put_grants(OrderedJson& out, const char* key, const catalog::Model& model, const catalog::ObjectId& object) {
    auto [begin, end] = object_range(model.grants, object);
    OrderedJson grants = OrderedJson::object();
    for (auto it = begin; it != end; ++it) {
        auto& list = grants[it->grantee];
        if (list.is_null()) list = OrderedJson::array();
        list.push_back(grant_text(it->privilege, it->grant_option));
    }
    // PUBLIC stated and holding nothing: its built-in EXECUTE or USAGE was
    // revoked.
    const auto& stated = model.public_stated;
    if (!grants.contains(catalog::public_grantee) && std::binary_search(stated.begin(), stated.end(), object)) {
        grants[catalog::public_grantee] = OrderedJson::array();
    }
    if (!grants.empty()) out[key] = std::move(grants);
}

void put_owner(OrderedJson& out, const catalog::Model& model, const catalog::ObjectId& object) {
    auto [begin, end] = object_range(model.owners, object);
    if (begin == end) return;
    out["owner"] = begin->owner;
    // Only where the owner revoked some of its own privileges: an owner
    // holding them all, the common case, writes nothing.
    auto [held, held_end] = object_range(model.owner_privileges, object);
    if (held == held_end) return;
    OrderedJson list = OrderedJson::array();
    for (const auto& [privilege, grant_option] : held->held) list.push_back(grant_text(privilege, grant_option));
    out["owner_privileges"] = std::move(list);
}

void put_access(OrderedJson& out, const catalog::Model& model, const catalog::ObjectId& object) {
    put_owner(out, model, object);
    put_grants(out, "grants", model, object);
}

void put_default_privileges(OrderedJson& out, const catalog::Model& model, const std::string& schema) {
    OrderedJson by_role = OrderedJson::object();
    for (const auto& d : model.default_grants) {
        if (d.schema != schema) continue;
        auto& list = by_role[d.role][std::string(default_objects_word(d.objects))][d.grantee];
        if (list.is_null()) list = OrderedJson::array();
        list.push_back(grant_text(d.privilege, d.grant_option));
    }
    // A revoked built-in default of PUBLIC (global only): stated as none.
    for (const auto& p : model.public_defaults) {
        if (schema.empty()) {
            auto& list = by_role[p.role][std::string(default_objects_word(p.objects))][catalog::public_grantee];
            if (list.is_null()) list = OrderedJson::array();
        }
    }
    if (!by_role.empty()) out["default_privileges"] = std::move(by_role);
}

void put_sequence_grants(OrderedJson& out, const catalog::Model& model, const catalog::Table& table) {
    OrderedJson sequences = OrderedJson::object();
    for (const auto& column : table.columns) {
        if (column.serial == catalog::Serial::none && !column.identity) continue;
        // A serial column's sequence has the default name (or the column is
        // not modelled as serial); an identity column's may have its own.
        auto name = catalog::identity_sequence_name(table.name.name, column);
        auto id = catalog::object_id(catalog::ObjectKind::sequence, {table.name.schema, name});
        OrderedJson grants = OrderedJson::object();
        put_grants(grants, "grants", model, id);
        if (grants.contains("grants")) sequences[name] = std::move(grants["grants"]);
    }
    if (!sequences.empty()) out["sequence_grants"] = std::move(sequences);
}

// "settings" and "database_settings" of one role; a list setting as a list.
void put_role_settings(OrderedJson& entry, const catalog::Model& model, const std::string& role) {
    for (const auto& s : model.role_settings) {
        if (s.role != role) continue;
        auto& settings = entry[s.in_database ? "database_settings" : "settings"];
        if (catalog::is_list_setting(s.name)) {
            settings[s.name] = s.value;
        } else {
            settings[s.name] = s.value.empty() ? std::string() : s.value.front();
        }
    }
}

OrderedJson roles_document(const catalog::Model& model) {
    OrderedJson roles = OrderedJson::object();
    for (const auto& role : model.roles) {
        OrderedJson entry = OrderedJson::object();
        if (role.login) entry["login"] = true;
        if (role.superuser) entry["superuser"] = true;
        if (role.createdb) entry["createdb"] = true;
        if (role.createrole) entry["createrole"] = true;
        if (!role.inherit) entry["inherit"] = false;
        if (role.replication) entry["replication"] = true;
        if (role.bypassrls) entry["bypassrls"] = true;
        if (role.connection_limit != -1) entry["connection_limit"] = role.connection_limit;
        if (role.valid_until) entry["valid_until"] = *role.valid_until;
        if (role.comment) entry["comment"] = *role.comment;
        OrderedJson member_of = OrderedJson::object();
        for (const auto& m : model.memberships) {
            if (m.member != role.name) continue;
            OrderedJson options = OrderedJson::object();
            if (m.admin) options["admin"] = true;
            // Written only where they differ from what a plain GRANT gives
            // (INHERIT follows the member's attribute, SET is true), so an
            // export reads back on servers before 16 too.
            if (m.inherit && *m.inherit != role.inherit) options["inherit"] = *m.inherit;
            if (m.set && !*m.set) options["set"] = false;
            member_of[m.role] = std::move(options);
        }
        if (!member_of.empty()) entry["member_of"] = std::move(member_of);
        put_role_settings(entry, model, role.name);
        roles[role.name] = std::move(entry);
    }
    OrderedJson out = OrderedJson::object();
    out["$schema"] = std::string(manifest_schema_id);
    out["roles"] = std::move(roles);
    if (!model.external_roles.empty()) out["external_roles"] = model.external_roles;
    put_default_privileges(out, model, "");
    return out;
}

}  // namespace reconcile::desired_state::detail
