#pragma once
// Code in a manifest: a view's query, a function's body. A team reviews it in
// pull requests, so besides inline text (fine for a one-liner) it may live in
// a .sql file beside the manifest, where a diff reads like code. Shared by
// every kind that carries code (views here; functions use the same keys).
#include <optional>
#include <string>
#include <string_view>

#include "desired-state/json_reader.hpp"

namespace reconcile::desired_state::detail {

// The code under `inline_key` ("query", "body"), or the contents of the file
// named under `file_key` ("query_file", "body_file"), exactly as written.
// The file name is relative to the manifest's directory, ends in ".sql" and
// stays inside that directory (no absolute path, no ".."): reconcile reads
// only what the manifests are. Reports (at the key's pointer) both keys or
// neither given, a file that cannot be read, and text with a NUL byte.
std::optional<std::string> read_code(const ObjectReader& reader, std::string_view inline_key,
                                     std::string_view file_key);

// A .sql file's text for a query that goes into a larger statement
// (CREATE VIEW ... AS <query> WITH CHECK OPTION): trailing white space and
// one trailing ';' removed.
std::string trim_statement_end(std::string text);

}  // namespace reconcile::desired_state::detail
