// sql::expression(): see sql_writer.hpp for why expressions are repaired.
#include <optional>
#include <vector>

#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::sql {

namespace {

// Index just past the quoted literal or identifier starting at `at`.
std::size_t skip_quoted(std::string_view text, std::size_t at) {
    char quote = text[at];
    for (++at; at < text.size(); ++at) {
        if (text[at] != quote) continue;
        if (at + 1 < text.size() && text[at + 1] == quote) {
            ++at;
            continue;
        }
        return at + 1;
    }
    return text.size();
}

// The matching ']' for the '[' at `open`, with the top-level element
// boundaries (positions of separating commas); nullopt if unbalanced.
std::optional<std::size_t> match_bracket(std::string_view text, std::size_t open, std::vector<std::size_t>& commas) {
    int depth = 0;
    for (std::size_t at = open; at < text.size();) {
        char c = text[at];
        if (c == '\'' || c == '"') {
            at = skip_quoted(text, at);
            continue;
        }
        if (c == '[' || c == '(') ++depth;
        if (c == ']' || c == ')') {
            if (--depth == 0) return c == ']' ? std::optional<std::size_t>(at) : std::nullopt;
        }
        if (c == ',' && depth == 1) commas.push_back(at);
        ++at;
    }
    return std::nullopt;
}

// The type after the last top-level "::" of an element ("'a'::character
// varying" -> "character varying"), or empty when the element is not a cast.
std::string_view cast_type(std::string_view element) {
    int depth = 0;
    std::size_t last = std::string_view::npos;
    for (std::size_t at = 0; at < element.size();) {
        char c = element[at];
        if (c == '\'' || c == '"') {
            at = skip_quoted(element, at);
            continue;
        }
        if (c == '(' || c == '[') ++depth;
        if (c == ')' || c == ']') --depth;
        if (depth == 0 && element.compare(at, 2, "::") == 0) {
            last = at + 2;
            ++at;
        }
        ++at;
    }
    if (last == std::string_view::npos) return {};
    return element.substr(last);
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

}  // namespace

std::string expression(std::string_view text) {
    static constexpr std::string_view marker = "(ARRAY[";
    std::string out;
    std::size_t copied = 0;
    for (std::size_t at = 0; at < text.size();) {
        if (text[at] == '\'' || text[at] == '"') {
            at = skip_quoted(text, at);
            continue;
        }
        if (text.compare(at, marker.size(), marker) != 0) {
            ++at;
            continue;
        }
        std::size_t open = at + marker.size() - 1;
        ++at;
        std::vector<std::size_t> commas;
        auto close = match_bracket(text, open, commas);
        // Only `(ARRAY[...])::type[]`, the shape the cast push-down affects.
        if (!close || text.compare(*close + 1, 3, ")::") != 0) continue;
        std::string_view element_type;
        bool uniform = true;
        std::size_t begin = open + 1;
        commas.push_back(*close);
        for (std::size_t end : commas) {
            auto type = trim(cast_type(text.substr(begin, end - begin)));
            if (type.empty() || (!element_type.empty() && type != element_type)) uniform = false;
            element_type = type;
            begin = end + 1;
        }
        std::size_t target = *close + 4;
        bool same_type = text.compare(target, element_type.size() + 2, std::string(element_type) + "[]") == 0;
        if (!uniform || element_type.empty() || same_type) continue;
        out.append(text.substr(copied, *close + 1 - copied));
        out += "::";
        out += element_type;
        out += "[]";
        copied = *close + 1;
    }
    out.append(text.substr(copied));
    return out;
}

}  // namespace reconcile::engine::sql
