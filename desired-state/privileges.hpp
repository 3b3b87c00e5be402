#pragma once
// Reading privileges, owners and default privileges from the manifests. They
// live beside the object they concern (a table's "grants" and "owner", a
// column's "grants", a schema's "default_privileges"), so each object reader
// calls these; the result goes to the model's flat, ObjectId-keyed lists
// (catalog/model/privilege.hpp), where one diff handles every kind.
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model/privilege.hpp"
#include "desired-state/json_reader.hpp"

namespace reconcile::desired_state::detail {

// A role named somewhere in a manifest; checked once every file is read
// (check_role_references), as roles are declared in files of their own.
struct RoleReference {
    std::string role;
    SourceLocation where;
};

// What one file declares about privileges and owners.
struct Declared {
    std::vector<catalog::Grant> grants;
    std::vector<catalog::ObjectId> public_stated;
    std::vector<catalog::Ownership> owners;
    std::vector<catalog::OwnerPrivileges> owner_privileges;
    std::vector<catalog::DefaultGrant> default_grants;
    std::vector<catalog::PublicDefault> public_defaults;
    std::vector<RoleReference> role_references;

    void append(Declared&& other);
};

// The privileges GRANT accepts on an object of `kind` (upper case), for
// validation and suggestions. MAINTAIN (PostgreSQL 17+) is accepted here and
// refused at plan time on older servers.
const std::vector<std::string>& privileges_of(catalog::ObjectKind kind);

// reader[key]: {"<role>" | "public": ["SELECT", "UPDATE WITH GRANT OPTION"]}.
// "public": [] states that PUBLIC holds nothing on the object.
void read_grants(const ObjectReader& reader, std::string_view key, const catalog::ObjectId& object, Declared& out);
// The same for a grant map at pointer.
void read_grant_map(const Json& grants, const std::string& pointer, Problems& problems, const catalog::ObjectId& object,
                    Declared& out);
// reader["owner"]: a role name; and reader["owner_privileges"]: what that
// owner holds when it is not every privilege, as a grant list (["INSERT",
// "SELECT"]; [] for nothing). It needs "owner" beside it: the plan names
// the role it revokes from.
void read_owner(const ObjectReader& reader, const catalog::ObjectId& object, Declared& out);
// reader[key]: {"<for role>": {"tables": {"<grantee>": [...]}, "sequences": ...}}; schema empty: global.
void read_default_privileges(const ObjectReader& reader, std::string_view key, const std::string& schema,
                             Declared& out);

// Words and spellings shared with export.
std::string_view default_objects_word(catalog::DefaultObjects objects);
std::string grant_text(const std::string& privilege, bool grant_option);

}  // namespace reconcile::desired_state::detail
