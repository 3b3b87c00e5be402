#pragma once
#include <optional>
#include <string>
#include <vector>

namespace reconcile::catalog {

// FOR ALL / SELECT / INSERT / UPDATE / DELETE.
enum class PolicyCommand { all, select, insert, update, delete_rows };

// The role name that stands for PUBLIC in Policy::roles. No role can be
// called "public" (PostgreSQL reserves the name), so it cannot collide.
inline constexpr const char* public_role = "public";

// A row-level security policy on a table. Identity: the table plus the name.
struct Policy {
    std::string name;
    PolicyCommand command = PolicyCommand::all;
    bool permissive = true;  // false: AS RESTRICTIVE
    // Role names, sorted and unique; {"public"} for PUBLIC (the default).
    std::vector<std::string> roles;
    // Canonical: pg_get_expr with an empty search_path, so every name outside
    // pg_catalog prints schema-qualified (auth.uid(), never uid()).
    std::optional<std::string> using_expr;
    std::optional<std::string> check_expr;
    std::optional<std::string> comment;

    bool operator==(const Policy&) const = default;
};

}  // namespace reconcile::catalog
