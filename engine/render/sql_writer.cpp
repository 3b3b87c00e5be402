#include "engine/render/sql_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "catalog/model/identifier.hpp"
#include "catalog/model/printable.hpp"
#include "engine/render/detail.hpp"

namespace reconcile::engine::sql {

namespace {

// A C1 control (U+0080..U+009F) in UTF-8: 0xC2 then 0x80..0x9F.
bool c1_at(std::string_view text, std::size_t i) {
    return static_cast<unsigned char>(text[i]) == 0xC2 && i + 1 < text.size() &&
           static_cast<unsigned char>(text[i + 1]) >= 0x80 && static_cast<unsigned char>(text[i + 1]) <= 0x9F;
}

// A value may keep its line breaks and tabs as they are: a multi-line
// comment reads better so, and neither acts on a terminal. A name may not.
enum class Layout { escape, keep };

bool is_control(unsigned char c, Layout layout) {
    if (layout == Layout::keep && (c == '\n' || c == '\t')) return false;
    return c < 0x20 || c == 0x7F;
}

bool has_control(std::string_view text, Layout layout) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (is_control(static_cast<unsigned char>(text[i]), layout) || c1_at(text, i)) return true;
    }
    return false;
}

// `plan --format sql` goes to a reviewer's terminal, where a control
// character in a name or a value (ESC starts an escape sequence) would act
// instead of show. Names are spelled with PostgreSQL's Unicode escapes
// (U&"a\001Bb"), values as escape strings (E'a\x1bb', which unlike U&''
// mean the same whatever standard_conforming_strings says): printable text
// that means exactly the same name or value.
std::string escaped_name(std::string_view text) {
    std::string out = "U&\"";
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c1_at(text, i)) {
            out += fmt::format("\\{:04X}", static_cast<unsigned char>(text[++i]));
        } else if (c < 0x20 || c == 0x7F) {
            out += fmt::format("\\{:04X}", c);
        } else if (c == '\\') {
            out += "\\\\";
        } else {
            if (c == '"') out += '"';
            out += static_cast<char>(c);
        }
    }
    return out + '"';
}

std::string escaped_value(std::string_view text) {
    std::string out = "E'";
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c1_at(text, i)) {
            out += fmt::format("\\u{:04X}", static_cast<unsigned char>(text[++i]));
        } else if (is_control(c, Layout::keep)) {
            out += fmt::format("\\x{:02X}", c);
        } else {
            if (c == '\'' || c == '\\') out += static_cast<char>(c);
            out += static_cast<char>(c);
        }
    }
    return out + "'";
}

}  // namespace

std::string ident(std::string_view name) {
    return has_control(name, Layout::escape) ? escaped_name(name) : catalog::quote_identifier(name);
}

std::string qualified(const catalog::QualifiedName& name) {
    return ident(name.schema) + "." + ident(name.name);
}

std::string literal(std::string_view text) {
    return has_control(text, Layout::keep) ? escaped_value(text) : catalog::quote_literal(text);
}

std::string ident_list(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) {
        if (!out.empty()) out += ", ";
        out += ident(name);
    }
    return out;
}

std::string storage_list(const std::vector<std::string>& parameters) {
    std::string out = "(";
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        const std::string& parameter = parameters[i];
        auto eq = parameter.find('=');
        std::string name = parameter.substr(0, eq);
        bool valid = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
        });
        if (!valid) throw std::invalid_argument("not a storage parameter name: " + name);
        if (i) out += ", ";
        out += name;
        if (eq != std::string::npos) out += "=" + literal(std::string_view(parameter).substr(eq + 1));
    }
    return out + ")";
}

}  // namespace reconcile::engine::sql

namespace reconcile::engine::render_detail {

namespace {

bool starts_unquoted(unsigned char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}
bool continues_unquoted(unsigned char c) {
    return starts_unquoted(c) || (c >= '0' && c <= '9') || c == '$';
}

// Parses `part(.part)*` where a part is "quoted" (with "" inside) or an
// unquoted word. Returns the number of parts, 0 when the text is not a name.
// `all_plain` tells whether no part was quoted.
std::size_t count_name_parts(std::string_view text, bool& all_plain) {
    all_plain = true;
    std::size_t parts = 0;
    std::size_t i = 0;
    while (true) {
        if (i >= text.size()) return 0;
        if (text[i] == '"') {
            all_plain = false;
            std::size_t start = ++i;
            while (true) {
                if (i >= text.size()) return 0;
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        i += 2;
                        continue;
                    }
                    break;
                }
                ++i;
            }
            if (i == start) return 0;  // "" is not a name
            ++i;
        } else {
            if (!starts_unquoted(static_cast<unsigned char>(text[i]))) return 0;
            while (i < text.size() && continues_unquoted(static_cast<unsigned char>(text[i]))) ++i;
        }
        ++parts;
        if (i == text.size()) return parts;
        if (text[i] != '.') return 0;
        ++i;
    }
}

}  // namespace

std::string object_name_text(std::string_view text, PlainWord plain_policy) {
    bool all_plain = true;
    std::size_t parts = count_name_parts(text, all_plain);
    if (parts == 0) return sql::ident(text);
    if (parts == 1 && all_plain && plain_policy == PlainWord::quote) return sql::ident(text);
    return std::string(text);
}

std::string collate_clause(const std::optional<std::string>& collation) {
    if (!collation) return "";
    return " COLLATE " + object_name_text(*collation, PlainWord::quote);
}

std::string printable(std::string_view text) {
    return catalog::printable(text);
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i) out += separator;
        out += parts[i];
    }
    return out;
}

}  // namespace reconcile::engine::render_detail
