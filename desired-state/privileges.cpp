#include "desired-state/privileges.hpp"

#include <algorithm>
#include <iterator>
#include <set>

#include "desired-state/edit_distance.hpp"

namespace reconcile::desired_state::detail {

namespace {

using catalog::ObjectKind;

constexpr std::string_view with_grant_option = " WITH GRANT OPTION";

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

template <typename T>
void move_append(std::vector<T>& to, std::vector<T>& from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

constexpr catalog::DefaultObjects default_objects_kinds[] = {
    catalog::DefaultObjects::tables, catalog::DefaultObjects::sequences, catalog::DefaultObjects::functions,
    catalog::DefaultObjects::types, catalog::DefaultObjects::schemas};

// The kind whose privileges default privileges on these objects grant.
ObjectKind kind_of(catalog::DefaultObjects objects) {
    switch (objects) {
        case catalog::DefaultObjects::tables:
            return ObjectKind::table;
        case catalog::DefaultObjects::sequences:
            return ObjectKind::sequence;
        case catalog::DefaultObjects::functions:
            return ObjectKind::function;
        case catalog::DefaultObjects::types:
            return ObjectKind::enum_type;
        case catalog::DefaultObjects::schemas:
            return ObjectKind::schema;
    }
    return ObjectKind::table;
}

struct Privilege {
    std::string name;
    bool grant_option = false;
};

// One grantee's list. Nothing for an entry that is not a known privilege
// (reported with the closest one).
std::vector<Privilege> read_privilege_list(const Json& value, const std::string& pointer, ObjectKind kind,
                                           Problems& problems) {
    std::vector<Privilege> out;
    if (!value.is_array()) {
        problems.error(pointer, "expected an array of privileges, got " + describe_type(value));
        return out;
    }
    const auto& known = privileges_of(kind);
    std::set<std::string> seen;
    for (std::size_t i = 0; i < value.size(); ++i) {
        auto element = pointer_join(pointer, i);
        if (!value[i].is_string()) {
            problems.error(element, "expected a privilege (a string), got " + describe_type(value[i]));
            continue;
        }
        std::string text = upper(value[i].get<std::string>());
        Privilege privilege;
        if (text.size() > with_grant_option.size() &&
            text.compare(text.size() - with_grant_option.size(), std::string::npos, with_grant_option) == 0) {
            privilege.grant_option = true;
            text.resize(text.size() - with_grant_option.size());
        }
        if (std::find(known.begin(), known.end(), text) == known.end()) {
            std::string list;
            for (const auto& name : known) list += (list.empty() ? "" : ", ") + name;
            problems.error(element,
                           "\"" + value[i].get<std::string>() + "\" is not a privilege on a " +
                               std::string(catalog::kind_name(kind)) + "; expected one of: " + list +
                               " (optionally followed by WITH GRANT OPTION)",
                           closest(text, known));
            continue;
        }
        if (!seen.insert(text).second) {
            problems.error(element, "privilege " + text + " is listed twice");
            continue;
        }
        privilege.name = std::move(text);
        out.push_back(std::move(privilege));
    }
    return out;
}

void reference(Declared& out, const std::string& role, Problems& problems, const std::string& pointer) {
    if (role == catalog::public_grantee) return;
    out.role_references.push_back({role, problems.at(pointer)});
}

}  // namespace

void Declared::append(Declared&& other) {
    move_append(grants, other.grants);
    move_append(public_stated, other.public_stated);
    move_append(owners, other.owners);
    move_append(owner_privileges, other.owner_privileges);
    move_append(default_grants, other.default_grants);
    move_append(public_defaults, other.public_defaults);
    move_append(role_references, other.role_references);
}

const std::vector<std::string>& privileges_of(ObjectKind kind) {
    static const std::vector<std::string> schema = {"USAGE", "CREATE"};
    static const std::vector<std::string> table = {"SELECT",   "INSERT",     "UPDATE",  "DELETE",
                                                   "TRUNCATE", "REFERENCES", "TRIGGER", "MAINTAIN"};
    static const std::vector<std::string> column = {"SELECT", "INSERT", "UPDATE", "REFERENCES"};
    static const std::vector<std::string> sequence = {"USAGE", "SELECT", "UPDATE"};
    static const std::vector<std::string> routine = {"EXECUTE"};
    static const std::vector<std::string> type = {"USAGE"};
    static const std::vector<std::string> database = {"CONNECT", "CREATE", "TEMPORARY"};
    static const std::vector<std::string> none;
    switch (kind) {
        case ObjectKind::schema:
            return schema;
        case ObjectKind::table:
        case ObjectKind::view:
        case ObjectKind::materialized_view:
            return table;
        case ObjectKind::column:
            return column;
        case ObjectKind::sequence:
            return sequence;
        case ObjectKind::function:
        case ObjectKind::procedure:
        case ObjectKind::aggregate:
            return routine;
        case ObjectKind::enum_type:
        case ObjectKind::domain:
        case ObjectKind::composite_type:
        case ObjectKind::range_type:
            return type;
        case ObjectKind::database:
            return database;
        default:
            return none;
    }
}

void read_grants(const ObjectReader& reader, std::string_view key, const catalog::ObjectId& object, Declared& out) {
    if (const Json* grants = reader.object(key)) {
        read_grant_map(*grants, reader.pointer(key), reader.problems(), object, out);
    }
}

void read_grant_map(const Json& grants, const std::string& map_pointer, Problems& problems,
                    const catalog::ObjectId& object, Declared& out) {
    if (!grants.is_object()) {
        problems.error(map_pointer, "expected an object of grantee -> privileges, got " + describe_type(grants));
        return;
    }
    for (const auto& [grantee, list] : grants.items()) {
        auto pointer = pointer_join(map_pointer, grantee);
        if (grantee == catalog::public_grantee) {
            out.public_stated.push_back(object);
        } else {
            if (upper(grantee) == "PUBLIC") {
                problems.error(pointer, "PUBLIC is spelled \"public\" here (a role cannot have that name)", "public");
                continue;
            }
            if (!check_identifier(grantee, pointer, problems, "role")) continue;
            reference(out, grantee, problems, pointer);
        }
        for (auto& privilege : read_privilege_list(list, pointer, object.kind, problems)) {
            out.grants.push_back({object, grantee, std::move(privilege.name), privilege.grant_option});
        }
    }
}

void read_owner(const ObjectReader& reader, const catalog::ObjectId& object, Declared& out) {
    const Json* privileges = reader.value("owner_privileges");
    if (privileges && !reader.has("owner")) {
        reader.problems().error(reader.pointer("owner_privileges"),
                                "\"owner_privileges\" needs \"owner\" beside it (the role whose own privileges "
                                "they are)");
    }
    auto owner = reader.string("owner");
    if (!owner || !check_identifier(*owner, reader.pointer("owner"), reader.problems(), "role")) return;
    if (*owner == catalog::public_grantee) {
        reader.problems().error(reader.pointer("owner"), "PUBLIC cannot own an object");
        return;
    }
    reference(out, *owner, reader.problems(), reader.pointer("owner"));
    out.owners.push_back({object, *owner});
    if (!privileges) return;
    catalog::OwnerPrivileges held{object, {}};
    for (auto& privilege :
         read_privilege_list(*privileges, reader.pointer("owner_privileges"), object.kind, reader.problems())) {
        held.held[std::move(privilege.name)] = privilege.grant_option;
    }
    out.owner_privileges.push_back(std::move(held));
}

void read_default_privileges(const ObjectReader& reader, std::string_view key, const std::string& schema,
                             Declared& out) {
    const Json* by_role = reader.object(key);
    if (!by_role) return;
    Problems& problems = reader.problems();
    std::vector<std::string_view> allowed;
    for (auto objects : default_objects_kinds) {
        // IN SCHEMA cannot name schemas (they are not in a schema).
        if (!schema.empty() && objects == catalog::DefaultObjects::schemas) continue;
        allowed.push_back(default_objects_word(objects));
    }
    for (const auto& [role, value] : by_role->items()) {
        auto role_pointer = pointer_join(reader.pointer(key), role);
        if (!check_identifier(role, role_pointer, problems, "role")) continue;
        reference(out, role, problems, role_pointer);
        ObjectReader objects_reader(value, role_pointer, problems, allowed);
        if (!objects_reader.valid()) continue;
        for (auto objects : default_objects_kinds) {
            auto word = default_objects_word(objects);
            const Json* grants = objects_reader.object(word);
            if (!grants) continue;
            for (const auto& [grantee, list] : grants->items()) {
                auto pointer = pointer_join(objects_reader.pointer(word), grantee);
                if (grantee != catalog::public_grantee) {
                    if (!check_identifier(grantee, pointer, problems, "role")) continue;
                    reference(out, grantee, problems, pointer);
                }
                auto privileges = read_privilege_list(list, pointer, kind_of(objects), problems);
                // Globally, PUBLIC's built-in EXECUTE or USAGE is stated, not added: kept when listed,
                // revoked when not.
                const char* built_in = catalog::public_default(objects);
                if (schema.empty() && grantee == catalog::public_grantee && built_in) {
                    bool kept = std::any_of(privileges.begin(), privileges.end(),
                                            [&](const auto& p) { return p.name == built_in; });
                    out.public_defaults.push_back({role, objects, !kept});
                    std::erase_if(privileges, [&](const auto& p) { return p.name == built_in; });
                }
                for (auto& privilege : privileges) {
                    out.default_grants.push_back(
                        {role, schema, objects, grantee, std::move(privilege.name), privilege.grant_option});
                }
            }
        }
    }
}

std::string_view default_objects_word(catalog::DefaultObjects objects) {
    return catalog::default_objects_name(objects);
}

std::string grant_text(const std::string& privilege, bool grant_option) {
    return grant_option ? privilege + std::string(with_grant_option) : privilege;
}

}  // namespace reconcile::desired_state::detail
