#pragma once
// Privileges, ownership and default privileges, keyed by ObjectId so that
// every kind that carries an ACL (schema, table, column, sequence today;
// view, function, type, database later) shares one model, one diff and one
// renderer. See docs/architecture.md, "Privileges".
#include <compare>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "catalog/model/object_id.hpp"

namespace reconcile::catalog {

// PUBLIC, the pseudo-role every role is a member of. A role cannot be named
// "public" (the server reserves the name), so the spelling is unambiguous.
inline constexpr const char* public_grantee = "public";

// One privilege of one grantee on one object: an aclitem exploded.
struct Grant {
    ObjectId object;
    std::string grantee;    // a role name, or public_grantee
    std::string privilege;  // upper case as GRANT spells it: "SELECT", "USAGE"
    bool grant_option = false;

    auto operator<=>(const Grant&) const = default;
    bool operator==(const Grant&) const = default;
};

// What PUBLIC holds on an object of `kind` that no GRANT or REVOKE has
// touched (acldefault): EXECUTE on routines, USAGE on types, nothing on
// the others.
inline const char* public_default(ObjectKind kind) {
    switch (kind) {
        case ObjectKind::function:
        case ObjectKind::procedure:
        case ObjectKind::aggregate:
            return "EXECUTE";
        case ObjectKind::enum_type:
        case ObjectKind::domain:
        case ObjectKind::composite_type:
        case ObjectKind::range_type:
            return "USAGE";
        default:
            return nullptr;
    }
}

// What an object's owner holds where that is not everything. PostgreSQL
// gives the owner every privilege of the kind (acldefault's owner entry),
// and an owner holding them all states nothing; but the owner may revoke
// some from itself (an audit table whose owner keeps only INSERT and
// SELECT, so that even its own service cannot rewrite history), and then
// its ACL entry is a choice like any grantee's. An object absent from the
// list: the owner holds everything. ALTER ... OWNER TO carries the entry
// over to the new owner.
struct OwnerPrivileges {
    ObjectId object;
    // Privilege (upper case, as GRANT spells it) -> grant option. Empty:
    // the owner holds nothing.
    std::map<std::string, bool> held;

    auto operator<=>(const OwnerPrivileges&) const = default;
    bool operator==(const OwnerPrivileges&) const = default;
};

struct Ownership {
    ObjectId object;
    std::string owner;

    auto operator<=>(const Ownership&) const = default;
    bool operator==(const Ownership&) const = default;
};

// The kinds of object ALTER DEFAULT PRIVILEGES covers that reconcile models.
// Order is the output order.
enum class DefaultObjects : std::uint8_t { tables, sequences, functions, types, schemas };

// "tables", "sequences"...: the manifests' key and the listings' word.
inline std::string_view default_objects_name(DefaultObjects objects) {
    switch (objects) {
        case DefaultObjects::tables:
            return "tables";
        case DefaultObjects::sequences:
            return "sequences";
        case DefaultObjects::functions:
            return "functions";
        case DefaultObjects::types:
            return "types";
        case DefaultObjects::schemas:
            return "schemas";
    }
    return "tables";
}

// What ALTER DEFAULT PRIVILEGES calls objects of `kind` (ON TABLES covers
// views and materialized views; ON FUNCTIONS procedures and aggregates);
// nullopt for kinds it does not cover (columns, for one).
inline std::optional<DefaultObjects> default_objects_of(ObjectKind kind) {
    switch (kind) {
        case ObjectKind::table:
        case ObjectKind::partitioned_table:
        case ObjectKind::view:
        case ObjectKind::materialized_view:
            return DefaultObjects::tables;
        case ObjectKind::sequence:
            return DefaultObjects::sequences;
        case ObjectKind::function:
        case ObjectKind::procedure:
        case ObjectKind::aggregate:
            return DefaultObjects::functions;
        case ObjectKind::enum_type:
        case ObjectKind::domain:
        case ObjectKind::composite_type:
        case ObjectKind::range_type:
            return DefaultObjects::types;
        case ObjectKind::schema:
            return DefaultObjects::schemas;
        default:
            return std::nullopt;
    }
}

// ALTER DEFAULT PRIVILEGES FOR ROLE `role` [IN SCHEMA `schema`] GRANT
// `privilege` ON `objects` TO `grantee`: one exploded entry of
// pg_default_acl. schema empty: global (every schema).
struct DefaultGrant {
    std::string role;
    std::string schema;
    DefaultObjects objects = DefaultObjects::tables;
    std::string grantee;
    std::string privilege;
    bool grant_option = false;

    auto operator<=>(const DefaultGrant&) const = default;
    bool operator==(const DefaultGrant&) const = default;
};

// PUBLIC's built-in privilege on the functions (EXECUTE) or types (USAGE)
// that `role` creates, in every schema. It can be taken away database-wide
// (ALTER DEFAULT PRIVILEGES FOR ROLE r REVOKE EXECUTE ON FUNCTIONS FROM
// PUBLIC), as GraphQL APIs' schemas often do. Catalog side: the revoked ones
// only; manifest side: where a role file states PUBLIC for them ("public":
// [] revokes, "public": ["EXECUTE"] keeps), so an unstated one is left as
// it is, as PUBLIC is on objects.
struct PublicDefault {
    std::string role;
    DefaultObjects objects = DefaultObjects::functions;
    bool revoked = false;

    auto operator<=>(const PublicDefault&) const = default;
};

// The privilege PUBLIC holds by default on new `objects`, or nullptr.
inline const char* public_default(DefaultObjects objects) {
    switch (objects) {
        case DefaultObjects::functions:
            return "EXECUTE";
        case DefaultObjects::types:
            return "USAGE";
        default:
            return nullptr;
    }
}

}  // namespace reconcile::catalog
