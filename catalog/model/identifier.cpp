#include "catalog/model/identifier.hpp"

#include <utility>

#include "catalog/model/type_text.hpp"

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

std::string truncate_identifier(std::string name, std::size_t max_bytes) {
    if (name.size() <= max_bytes) return name;
    std::size_t end = max_bytes;
    // Back up over continuation bytes (10xxxxxx) to a character's first byte.
    while (end > 0 && (static_cast<unsigned char>(name[end]) & 0xC0) == 0x80) --end;
    name.resize(end);
    return name;
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

std::optional<QualifiedName> named_type(std::string_view type_text) {
    // Most texts asked about are unqualified (built-in types, the words of
    // an expression); without a dot there is nothing to qualify them.
    if (type_text.find('.') == std::string_view::npos) return std::nullopt;
    auto type = parse_type_text(type_text);
    if (!type || !type->schema) return std::nullopt;
    return QualifiedName{std::move(*type->schema), std::move(type->name)};
}

}  // namespace reconcile::catalog
