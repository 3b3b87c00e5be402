#include "catalog/model/identifier.hpp"

#include <cctype>

namespace reconcile::catalog {

std::string quote_identifier(std::string_view name) {
    std::string out;
    out.reserve(name.size() + 2);
    out += '"';
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string quote_literal(std::string_view text) {
    bool backslash = text.find('\\') != std::string_view::npos;
    std::string out;
    out.reserve(text.size() + 3);
    if (backslash) out += 'E';
    out += '\'';
    for (char c : text) {
        if (c == '\'') out += '\'';
        if (c == '\\') out += '\\';
        out += c;
    }
    out += '\'';
    return out;
}

namespace {

// One identifier at `at`: "quoted" (with "" for a quote) or bare, folded to
// lower case, up to a character that cannot continue an unquoted identifier.
std::optional<std::string> read_identifier(std::string_view text, std::size_t& at) {
    std::string out;
    if (at < text.size() && text[at] == '"') {
        for (++at; at < text.size(); ++at) {
            if (text[at] != '"') {
                out += text[at];
            } else if (at + 1 < text.size() && text[at + 1] == '"') {
                out += '"';
                ++at;
            } else {
                ++at;
                return out;
            }
        }
        return std::nullopt;  // unterminated
    }
    while (at < text.size()) {
        unsigned char c = static_cast<unsigned char>(text[at]);
        if (!(std::isalnum(c) || c == '_' || c == '$' || c >= 0x80)) break;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : text[at];
        ++at;
    }
    if (out.empty()) return std::nullopt;
    return out;
}

}  // namespace

std::optional<QualifiedName> named_type(std::string_view type_text) {
    std::size_t at = 0;
    auto schema = read_identifier(type_text, at);
    if (!schema || at >= type_text.size() || type_text[at] != '.') return std::nullopt;
    ++at;
    auto name = read_identifier(type_text, at);
    if (!name) return std::nullopt;
    return QualifiedName{*schema, *name};
}

}  // namespace reconcile::catalog
