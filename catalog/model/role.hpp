#pragma once
// Roles and role memberships. Roles are cluster-wide: the catalog side holds
// every role of the cluster (the pg_* built-ins left out), the manifest side
// the roles it manages, plus the external roles it only refers to.
#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reconcile::catalog {

// Where a role's password comes from at apply time. Manifest side only: a
// password cannot be read back without superuser (pg_authid), so it is never
// compared; it is set when the role is created and when `rotation` changes.
// Never holds a clear-text password.
struct PasswordSource {
    // Name of the environment variable that holds the password at apply time.
    std::optional<std::string> env;
    // A SCRAM-SHA-256 verifier ("SCRAM-SHA-256$4096:..."), set as is.
    std::optional<std::string> scram;
    // Any text; a new value makes the next apply set the password again.
    std::optional<std::string> rotation;

    bool operator==(const PasswordSource&) const = default;
};

struct Role {
    std::string name;
    bool login = false;
    bool superuser = false;
    bool createdb = false;
    bool createrole = false;
    bool inherit = true;
    bool replication = false;
    bool bypassrls = false;
    int connection_limit = -1;  // -1: no limit
    // VALID UNTIL as the server prints a timestamptz (canonicalized; see
    // engine/canonicalize); "infinity" is kept as is.
    std::optional<std::string> valid_until;
    std::optional<std::string> comment;
    // Manifest side: where the password comes from. Not compared.
    std::optional<PasswordSource> password;
    // The rotation marker the last password change recorded
    // (reconcile.password_rotation, a per-role setting); catalog side only.
    std::optional<std::string> applied_rotation;

    // Attributes and comment only: passwords cannot be compared (see above).
    bool same_attributes(const Role& other) const {
        return login == other.login && superuser == other.superuser && createdb == other.createdb &&
               createrole == other.createrole && inherit == other.inherit && replication == other.replication &&
               bypassrls == other.bypassrls && connection_limit == other.connection_limit &&
               valid_until == other.valid_until;
    }
    bool operator==(const Role&) const = default;
};

// `member` is a member of `role` (GRANT role TO member).
struct Membership {
    std::string role;
    std::string member;
    bool admin = false;
    // PostgreSQL 16+: WITH INHERIT / WITH SET. The catalog side always fills
    // them (before 16 the introspector gives the behaviour those servers
    // have: inherit follows the member's INHERIT attribute, set is true);
    // the manifest side leaves them unset unless the manifest says.
    std::optional<bool> inherit;
    std::optional<bool> set;

    auto operator<=>(const Membership&) const = default;
    bool operator==(const Membership&) const = default;
};

// A per-role setting, ALTER ROLE <role> [IN DATABASE <db>] SET <name> =
// <value>: PostgreSQL applies it when the role starts a session. The
// password rotation marker (above) is reconcile's own, never one of these.
struct RoleSetting {
    std::string role;
    // Only in the database the command targets (IN DATABASE), not in every
    // database. The model never holds the target's name (see database_id).
    bool in_database = false;
    std::string name;  // lower case: PostgreSQL's own spelling ("DateStyle") is folded
    // One element, as PostgreSQL keeps it; for a list setting
    // (is_list_setting), one per name, unquoted.
    std::vector<std::string> value;

    auto operator<=>(const RoleSetting&) const = default;
};

// search_path and the other settings whose value is a list of quoted names.
bool is_list_setting(std::string_view name);

}  // namespace reconcile::catalog
