#pragma once
// Column type spellings, checked offline. Only the server can say for sure
// whether a type exists, so this catches the near misses ("intger") and
// leaves anything else (extension types, types in unclaimed schemas) for the
// server to judge at plan time.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model/column.hpp"

namespace reconcile::desired_state::detail {

// "serial", "SERIAL4", "bigserial"... (the whole spelling, case-insensitive).
std::optional<catalog::Serial> serial_spelling(std::string_view type);
// "integer" for Serial::serial and so on.
std::string serial_base_type(catalog::Serial serial);
// "serial", "bigserial", "smallserial".
std::string serial_name(catalog::Serial serial);

// Built-in type names and aliases, lower case.
const std::vector<std::string>& builtin_type_names();
bool is_builtin_type(std::string_view name);
// Types of widely used extensions that sit close to a built-in name
// ("citext" is two edits from "text") and so must not be reported as typos.
bool is_known_extension_type(std::string_view name);

}  // namespace reconcile::desired_state::detail
