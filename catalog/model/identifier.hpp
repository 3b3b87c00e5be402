#pragma once
// PostgreSQL identifier quoting. The engine's SQL writer is the one place that
// builds SQL; it and the manifest reader (which turns a friendly enum name into
// a type spelling) share this single rule.
#include <string>
#include <string_view>

namespace reconcile::catalog {

// Always quotes: "name", with embedded double quotes doubled. Quoting every
// identifier is never wrong, whereas deciding when quotes may be omitted
// needs the server's keyword list.
std::string quote_identifier(std::string_view name);

// A SQL string literal: 'text' with embedded quotes doubled; uses the E''
// form when the text contains a backslash, so it is correct whatever
// standard_conforming_strings is.
std::string quote_literal(std::string_view text);

}  // namespace reconcile::catalog
