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

// A type spelling taken apart: schema and name without type modifiers and
// array bounds. Unquoted parts are folded to lower case as PostgreSQL does;
// several words are joined by one space ("timestamp with time zone").
struct TypeName {
    std::optional<std::string> schema;
    std::string name;
};

// nullopt when the spelling is not a plain (possibly qualified) type name;
// such text is passed through for the server to judge.
std::optional<TypeName> parse_type_name(std::string_view type);

// Built-in type names and aliases, lower case.
const std::vector<std::string>& builtin_type_names();
bool is_builtin_type(std::string_view name);
// Types of widely used extensions that sit close to a built-in name
// ("citext" is two edits from "text") and so must not be reported as typos.
bool is_known_extension_type(std::string_view name);

// Splits "Status[]" into "Status" and "[]" (any number of "[]" or "[n]").
std::pair<std::string, std::string> split_array_suffix(std::string_view type);

}  // namespace reconcile::desired_state::detail
