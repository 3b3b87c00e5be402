#pragma once
// Whether a file is a reconcile manifest. Export replaces and removes only
// files that are: a directory handed to `export -o` may hold anything
// (`export -o .` in an application repository holds package.json).
#include <filesystem>
#include <optional>
#include <string>

namespace reconcile::desired_state::detail {

// Nothing when the regular file at path is a reconcile manifest: it carries
// "$schema": manifest_schema_id, or it has no "$schema" and reads as a
// schema file or a table file with no problem at all. Otherwise why it is
// not one ("not valid JSON", "its \"$schema\" is ..."). Never throws.
std::optional<std::string> why_not_a_manifest(const std::filesystem::path& path);

}  // namespace reconcile::desired_state::detail
