#include "catalog/model/type_text.hpp"

#include <charconv>

namespace reconcile::catalog {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

// A character that can continue an unquoted identifier; bytes of non-ASCII
// characters count, as PostgreSQL's scanner lets them.
bool identifier_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
           static_cast<unsigned char>(c) >= 0x80;
}

char fold(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// text ends with the word "array" (any case) after white space.
bool ends_with_array_keyword(std::string_view text) {
    constexpr std::string_view keyword = "array";
    if (text.size() <= keyword.size() || !is_space(text[text.size() - keyword.size() - 1])) return false;
    for (std::size_t i = 0; i < keyword.size(); ++i) {
        if (fold(text[text.size() - keyword.size() + i]) != keyword[i]) return false;
    }
    return true;
}

}  // namespace

std::pair<std::string_view, int> split_array_bounds(std::string_view text) {
    text = trim(text);
    int bounds = 0;
    while (!text.empty() && text.back() == ']') {
        std::size_t open = text.rfind('[');
        if (open == std::string_view::npos) break;
        std::string_view inside = trim(text.substr(open + 1, text.size() - open - 2));
        bool digits = true;
        for (char c : inside) digits = digits && c >= '0' && c <= '9';
        if (!digits) break;
        text = trim(text.substr(0, open));
        ++bounds;
    }
    // SQL's "integer ARRAY" and "integer ARRAY[4]" are one dimension each.
    if (bounds <= 1 && ends_with_array_keyword(text)) {
        return {trim(text.substr(0, text.size() - 5)), 1};
    }
    return {text, bounds};
}

std::optional<TypeText> parse_type_text(std::string_view text) {
    TypeText out;
    auto [element, dims] = split_array_bounds(text);
    out.array_dims = dims;

    // Dotted parts, each a run of words: `"My Schema".timestamp(3) with time zone`.
    // At most two: a schema and a name.
    std::string parts[2];
    std::size_t part = 0;
    bool last_quoted = false;
    bool had_modifiers = false;
    std::size_t i = 0;
    auto add_word = [&](const std::string& word) {
        if (!parts[part].empty()) parts[part] += ' ';
        parts[part] += word;
    };
    while (i < element.size()) {
        const char c = element[i];
        if (c == '"') {
            std::string word;
            for (++i;; ++i) {
                if (i >= element.size()) return std::nullopt;  // unterminated
                if (element[i] != '"') {
                    word += element[i];
                } else if (i + 1 < element.size() && element[i + 1] == '"') {
                    word += '"';
                    ++i;
                } else {
                    break;
                }
            }
            ++i;
            if (word.empty()) return std::nullopt;  // "" is not an identifier
            add_word(word);
            last_quoted = true;
        } else if (c == '(') {
            // varchar(20), numeric(12, 2), timestamp(3) with time zone.
            std::size_t close = element.find(')', i);
            if (had_modifiers || close == std::string_view::npos || parts[part].empty()) return std::nullopt;
            std::string_view inside = element.substr(i + 1, close - i - 1);
            for (std::size_t at = 0;;) {
                std::size_t comma = inside.find(',', at);
                out.modifiers.emplace_back(trim(inside.substr(at, comma - at)));
                if (comma == std::string_view::npos) break;
                at = comma + 1;
            }
            had_modifiers = true;
            i = close + 1;
        } else if (c == '.') {
            if (had_modifiers || parts[part].empty() || part == 1) return std::nullopt;
            part = 1;
            last_quoted = false;
            ++i;
        } else if (is_space(c)) {
            ++i;
        } else if (identifier_char(c)) {
            if (!parts[part].empty()) parts[part] += ' ';
            for (; i < element.size() && identifier_char(element[i]); ++i) parts[part] += fold(element[i]);
        } else {
            return std::nullopt;
        }
    }
    if (parts[part].empty()) return std::nullopt;
    if (part == 1) out.schema = std::move(parts[0]);
    out.name = std::move(parts[part]);
    out.quoted = last_quoted;
    constexpr std::string_view interval = "interval ";
    if (!out.quoted && out.name.starts_with(interval)) {
        out.interval_fields = out.name.substr(interval.size());
        out.name.resize(interval.size() - 1);
    }
    return out;
}

std::optional<std::vector<long>> TypeText::integer_modifiers() const {
    std::vector<long> out;
    out.reserve(modifiers.size());
    for (const auto& modifier : modifiers) {
        long value = 0;
        auto [end, error] = std::from_chars(modifier.data(), modifier.data() + modifier.size(), value);
        if (error != std::errc() || end != modifier.data() + modifier.size()) return std::nullopt;
        out.push_back(value);
    }
    return out;
}

std::string_view without_setof(std::string_view text) {
    if (text.starts_with("SETOF ")) text.remove_prefix(6);
    return text;
}

}  // namespace reconcile::catalog
