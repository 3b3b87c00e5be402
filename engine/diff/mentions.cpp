#include "engine/diff/mentions.hpp"

#include <algorithm>

namespace reconcile::engine {

namespace {

bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
           static_cast<unsigned char>(c) >= 0x80;
}

bool contains_word(const std::string& text, const std::string& word) {
    if (word.empty()) return false;
    for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
        bool left = at == 0 || !is_word_char(text[at - 1]);
        bool right = at + word.size() == text.size() || !is_word_char(text[at + word.size()]);
        if (left && right) return true;
    }
    return false;
}

}  // namespace

bool expression_mentions(const std::string& expression, const std::string& column) {
    std::string quoted = "\"";
    for (char c : column) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return expression.find(quoted) != std::string::npos || contains_word(expression, column);
}

bool mentions_column(const catalog::Constraint& constraint, const std::string& column) {
    const auto& columns = constraint.columns;
    if (std::find(columns.begin(), columns.end(), column) != columns.end()) return true;
    return expression_mentions(constraint.expression, column);
}

bool mentions_column(const catalog::Index& index, const std::string& column) {
    for (const auto& key : index.keys) {
        if (key.column == column) return true;
        if (key.expression && expression_mentions(*key.expression, column)) return true;
    }
    if (std::find(index.include.begin(), index.include.end(), column) != index.include.end()) return true;
    return index.where && expression_mentions(*index.where, column);
}

bool mentions_column(const catalog::Policy& policy, const std::string& column) {
    return (policy.using_expr && expression_mentions(*policy.using_expr, column)) ||
           (policy.check_expr && expression_mentions(*policy.check_expr, column));
}

}  // namespace reconcile::engine
