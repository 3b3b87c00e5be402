#pragma once
// Escaping for Markdown reports (GitHub and GitLab flavours), one function
// per context a piece of text can land in. Names come from manifests and
// catalogs and may hold anything: `|` must not split a table cell, `<` must
// not open an HTML tag, a backtick must not end a code span early, and a
// control character must not reach the reader raw (each is first escaped as
// the text output does, e.g. \n).
#include <string>
#include <string_view>

namespace reconcile::engine::markdown {

// Running text: every character that can start Markdown inside a line
// (emphasis, code, links, images, HTML, entities, table cells, strikethrough,
// GitLab's math) is backslash-escaped, which CommonMark defines as the
// literal character. Text never starts a line, so line-start syntax (#, -,
// 1.) needs nothing.
std::string text(std::string_view raw);

// An inline code span. The fence is one backtick longer than the longest run
// inside, padded with a space where the text starts or ends with a backtick
// or a space. in_table: `|` becomes `\|`, which GFM's table parser turns back
// into `|` before the span is read (elsewhere that backslash would show).
enum class Where { table_cell, elsewhere };
std::string code(std::string_view raw, Where where);

// Inside a raw HTML block such as <summary>, where Markdown is not read:
// HTML entities for &, <, > and ".
std::string html(std::string_view raw);

// A fenced code block of the given info string ("sql"), with a fence longer
// than any run of backticks in the body.
std::string code_block(std::string_view body, std::string_view info);

}  // namespace reconcile::engine::markdown
