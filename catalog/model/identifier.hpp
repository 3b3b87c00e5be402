#pragma once
// PostgreSQL identifier quoting. The engine's SQL writer is the one place that
// builds SQL; it and the manifest reader (which turns a friendly enum name into
// a type spelling) share this single rule.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "catalog/model/name.hpp"

namespace reconcile::catalog {

// Always quotes: "name", with embedded double quotes doubled. Quoting every
// identifier is never wrong, whereas deciding when quotes may be omitted
// needs the server's keyword list.
std::string quote_identifier(std::string_view name);

// PostgreSQL's NAMEDATALEN - 1: the longest name, in bytes.
inline constexpr std::size_t max_identifier_bytes = 63;

// A name the program makes up (an enum set aside, a temporary check) cut to
// `max_bytes`, never inside a UTF-8 character, as the server would cut it.
std::string truncate_identifier(std::string name, std::size_t max_bytes = max_identifier_bytes);

// A SQL string literal: 'text' with embedded quotes doubled; uses the E''
// form when the text contains a backslash, so it is correct whatever
// standard_conforming_strings is.
std::string quote_literal(std::string_view text);

// The user-defined type a column type text names, if it is schema-qualified:
// `public."Status"[]`, `"public"."Status"` and `public.status(3)` give
// {public, Status} / {public, status}. Unquoted parts fold to lower case as
// PostgreSQL folds them. Built-in types, which format_type() prints
// unqualified, give nothing. Also reads qualified sequence names. See
// type_text.hpp for the whole parse.
std::optional<QualifiedName> named_type(std::string_view type_text);

}  // namespace reconcile::catalog
