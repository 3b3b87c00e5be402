#pragma once
// Text from manifests and catalogs (names, keys, values, file names) on its
// way to a terminal or a one-line report. A name may hold anything but NUL,
// and ESC [ ... sequences, carriage returns or bidi overrides in it could
// rewrite what the user sees; printed escaped, they are harmless and visible.
#include <string>
#include <string_view>

namespace reconcile::catalog {

// Whether line breaks and tabs stay as they are (a multi-line error message:
// libpq indents its hints with a tab) or are escaped (a one-line context: a
// description, a listing entry).
enum class Newlines { escape, keep };

// Control characters (C0, DEL, C1), line and paragraph separators and bidi
// overrides and isolates become visible escapes: \n \r \t, \x1b,
// \u{0085}, \u{202E}. Everything else, backslash included, is kept.
std::string printable(std::string_view text, Newlines newlines = Newlines::escape);

}  // namespace reconcile::catalog
