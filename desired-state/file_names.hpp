#pragma once
// File names for exported manifests.
#include <filesystem>
#include <string>
#include <string_view>

#include "catalog/model/name.hpp"
#include "catalog/model/object_id.hpp"

namespace reconcile::desired_state::detail {

// Keeps [A-Za-z0-9_.-] and percent-encodes every other byte, so any
// PostgreSQL name gives a portable file name: a"b -> a%22b. A leading "."
// is encoded too, so "." and ".." stay ordinary names and no file is hidden.
std::string encode_file_name(std::string_view name);

// "<schema>/<table>.json", both parts encoded. Two tables whose names
// differ only in case ("Jobs", "jobs") map to names that collide on a
// case-insensitive file system; that is accepted: such schemas are rare and
// the collision shows up as a changed file, not as silent loss on
// case-sensitive systems where exports normally run.
std::filesystem::path table_file_path(const catalog::QualifiedName& table);

// "<schema>/functions/<function>.json", or for an overloaded name
// "<schema>/functions/<function>(<argument types>).json", all encoded.
// `overloaded`: another function of the model shares the name.
std::filesystem::path function_file_path(const catalog::ObjectId& id, bool overloaded);
// The same under "<schema>/aggregates/".
std::filesystem::path aggregate_file_path(const catalog::ObjectId& id, bool overloaded);

// The file holding schemas and enums, at the top of the export directory.
inline constexpr std::string_view schema_file_name = "schemas.json";
// Roles, external roles and global default privileges.
inline constexpr std::string_view roles_file_name = "roles.json";

}  // namespace reconcile::desired_state::detail
