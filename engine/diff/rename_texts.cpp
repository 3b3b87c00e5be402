#include "engine/diff/rename_texts.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string_view>
#include <vector>

namespace reconcile::engine {

namespace {

// Every keyword the server quotes in quote_identifier(): the reserved,
// column-name and type/function-name categories of PostgreSQL 13..18's
// kwlist.h (unreserved keywords print bare).
constexpr std::string_view quoted_keywords[] = {
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "between",
    "bigint",
    "binary",
    "bit",
    "boolean",
    "both",
    "case",
    "cast",
    "char",
    "character",
    "check",
    "coalesce",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "dec",
    "decimal",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "exists",
    "extract",
    "false",
    "fetch",
    "float",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "greatest",
    "group",
    "grouping",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "inout",
    "int",
    "integer",
    "intersect",
    "interval",
    "into",
    "is",
    "isnull",
    "join",
    "json",
    "json_array",
    "json_arrayagg",
    "json_exists",
    "json_object",
    "json_objectagg",
    "json_query",
    "json_scalar",
    "json_serialize",
    "json_table",
    "json_value",
    "lateral",
    "leading",
    "least",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "merge_action",
    "national",
    "natural",
    "nchar",
    "none",
    "normalize",
    "not",
    "notnull",
    "null",
    "nullif",
    "numeric",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "out",
    "outer",
    "overlaps",
    "overlay",
    "placing",
    "position",
    "precision",
    "primary",
    "real",
    "references",
    "returning",
    "right",
    "row",
    "select",
    "session_user",
    "setof",
    "similar",
    "smallint",
    "some",
    "substring",
    "symmetric",
    "system_user",
    "table",
    "tablesample",
    "then",
    "time",
    "timestamp",
    "to",
    "trailing",
    "treat",
    "trim",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "values",
    "varchar",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
    "xmlattributes",
    "xmlconcat",
    "xmlelement",
    "xmlexists",
    "xmlforest",
    "xmlnamespaces",
    "xmlparse",
    "xmlpi",
    "xmlroot",
    "xmlserialize",
    "xmltable",
};

bool is_quoted_keyword(std::string_view word) {
    return std::find(std::begin(quoted_keywords), std::end(quoted_keywords), word) != std::end(quoted_keywords);
}

enum class TokenKind { space, identifier, literal, other };

struct Token {
    TokenKind kind = TokenKind::other;
    std::string text;   // exactly as in the input
    std::string value;  // identifiers: the name (unquoted, bare ones folded)
    bool quoted = false;
};

bool ident_start(unsigned char c) {
    return std::isalpha(c) || c == '_' || c >= 0x80;
}
bool ident_part(unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

std::string fold(std::string_view word) {
    std::string out(word);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Up to the closing `close`, a doubled one standing for itself; with
// backslashes escaping in E'' strings.
std::size_t skip_quoted(std::string_view text, std::size_t at, char close, bool backslashes) {
    std::size_t i = at + 1;
    while (i < text.size()) {
        if (backslashes && text[i] == '\\') {
            i += 2;
            continue;
        }
        if (text[i] == close) {
            if (i + 1 < text.size() && text[i + 1] == close) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        ++i;
    }
    return text.size();
}

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < text.size()) {
        auto c = static_cast<unsigned char>(text[i]);
        std::size_t end = i + 1;
        Token token;
        if (std::isspace(c)) {
            while (end < text.size() && std::isspace(static_cast<unsigned char>(text[end]))) ++end;
            token.kind = TokenKind::space;
        } else if ((c == 'E' || c == 'e') && i + 1 < text.size() && text[i + 1] == '\'') {
            end = skip_quoted(text, i + 1, '\'', true);
            token.kind = TokenKind::literal;
        } else if (c == '\'') {
            end = skip_quoted(text, i, '\'', false);
            token.kind = TokenKind::literal;
        } else if (c == '"') {
            end = skip_quoted(text, i, '"', false);
            token.kind = TokenKind::identifier;
            token.quoted = true;
            std::size_t length = end >= i + 2 ? end - i - 2 : 0;  // without the quotes
            std::string_view inner = text.substr(i + 1, length);
            for (std::size_t k = 0; k < inner.size(); ++k) {
                token.value += inner[k];
                if (inner[k] == '"') ++k;
            }
        } else if (c == '$' && i + 1 < text.size() && !std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
            // $tag$ ... $tag$
            std::size_t tag_end = text.find('$', i + 1);
            if (tag_end == std::string_view::npos) {
                end = text.size();
            } else {
                std::string_view tag = text.substr(i, tag_end - i + 1);
                std::size_t close = text.find(tag, tag_end + 1);
                end = close == std::string_view::npos ? text.size() : close + tag.size();
            }
            token.kind = TokenKind::literal;
        } else if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') {
            end = text.find('\n', i);
            if (end == std::string_view::npos) end = text.size();
            token.kind = TokenKind::space;
        } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
            end = text.find("*/", i + 2);
            end = end == std::string_view::npos ? text.size() : end + 2;
            token.kind = TokenKind::space;
        } else if (std::isdigit(c)) {
            while (end < text.size() &&
                   (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '.' || text[end] == '_'))
                ++end;
            token.kind = TokenKind::literal;
        } else if (ident_start(c)) {
            while (end < text.size() && ident_part(static_cast<unsigned char>(text[end]))) ++end;
            token.kind = TokenKind::identifier;
            token.value = fold(text.substr(i, end - i));
        }
        token.text = std::string(text.substr(i, end - i));
        out.push_back(std::move(token));
        i = end;
    }
    return out;
}

std::string join(const std::vector<Token>& tokens) {
    std::string out;
    for (const auto& token : tokens) out += token.text;
    return out;
}

// The tokens that are not space, by index into the token list.
std::vector<std::size_t> significant(const std::vector<Token>& tokens) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i].kind != TokenKind::space) out.push_back(i);
    }
    return out;
}

bool is_name(const Token& token, const std::string& name) {
    return token.kind == TokenKind::identifier && token.value == name;
}
bool is_punct(const Token& token, std::string_view punct) {
    return token.kind == TokenKind::other && token.text == punct;
}
bool is_keyword(const Token& token, std::string_view word) {
    return token.kind == TokenKind::identifier && !token.quoted && token.value == word;
}

// Words after a relation that are not its alias.
bool ends_relation(const Token& token) {
    static const std::set<std::string, std::less<>> words = {
        "where",   "join",  "inner",  "left",  "right",  "full",      "cross",       "on",
        "group",   "order", "limit",  "union", "except", "intersect", "having",      "window",
        "natural", "using", "offset", "fetch", "for",    "lateral",   "tablesample", "with"};
    return token.kind != TokenKind::identifier || (!token.quoted && words.count(token.value));
}

// Where a relation `table` appears ("schema"."name", never itself after a
// dot): the significant-token position of its schema part.
std::vector<std::size_t> relation_positions(const std::vector<Token>& tokens, const std::vector<std::size_t>& sig,
                                            const catalog::QualifiedName& table) {
    std::vector<std::size_t> out;
    for (std::size_t k = 0; k + 2 < sig.size(); ++k) {
        if (!is_name(tokens[sig[k]], table.schema) || !is_punct(tokens[sig[k + 1]], ".") ||
            !is_name(tokens[sig[k + 2]], table.name))
            continue;
        if (k > 0 && is_punct(tokens[sig[k - 1]], ".")) continue;
        out.push_back(k);
    }
    return out;
}

// The explicit alias after the relation at k, if any.
const Token* explicit_alias(const std::vector<Token>& tokens, const std::vector<std::size_t>& sig, std::size_t k) {
    std::size_t next = k + 3;
    if (next < sig.size() && is_keyword(tokens[sig[next]], "as")) ++next;
    if (next >= sig.size() || ends_relation(tokens[sig[next]])) return nullptr;
    return &tokens[sig[next]];
}

// Whether the significant token at k is a whole item of a SELECT list.
// select_depth[k]: true while k is inside a select list at its depth.
std::vector<bool> in_select_list(const std::vector<Token>& tokens, const std::vector<std::size_t>& sig) {
    std::vector<bool> out(sig.size(), false);
    std::vector<bool> state{false};  // per parenthesis depth
    static const std::set<std::string, std::less<>> list_ends = {"from",      "where", "group",  "having", "window",
                                                                 "order",     "limit", "offset", "union",  "except",
                                                                 "intersect", "fetch", "for",    "into"};
    for (std::size_t k = 0; k < sig.size(); ++k) {
        const Token& token = tokens[sig[k]];
        if (is_punct(token, "(")) {
            out[k] = state.back();
            state.push_back(false);
            continue;
        }
        if (is_punct(token, ")")) {
            if (state.size() > 1) state.pop_back();
            out[k] = state.back();
            continue;
        }
        if (is_keyword(token, "select")) {
            state.back() = true;
        } else if (token.kind == TokenKind::identifier && !token.quoted && list_ends.count(token.value)) {
            state.back() = false;
        }
        out[k] = state.back();
    }
    return out;
}

bool starts_item(const std::vector<Token>& tokens, const std::vector<std::size_t>& sig, std::size_t k) {
    if (k == 0) return false;
    const Token& before = tokens[sig[k - 1]];
    return is_keyword(before, "select") || is_keyword(before, "distinct") || is_punct(before, ",");
}
bool ends_item(const std::vector<Token>& tokens, const std::vector<std::size_t>& sig, std::size_t k) {
    if (k + 1 >= sig.size()) return true;
    const Token& after = tokens[sig[k + 1]];
    return is_punct(after, ",") || is_punct(after, ")") || is_punct(after, ";") || is_keyword(after, "from") ||
           is_keyword(after, "union") || is_keyword(after, "except") || is_keyword(after, "intersect");
}

}  // namespace

std::string server_spelling(const std::string& name) {
    bool bare = !name.empty() && (std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_');
    for (char c : name) {
        auto u = static_cast<unsigned char>(c);
        if (!(std::islower(u) || std::isdigit(u) || c == '_') || u >= 0x80) bare = false;
    }
    if (bare && !is_quoted_keyword(name)) return name;
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string rename_column_in_expression(const std::string& text, const std::string& from, const std::string& to) {
    auto tokens = tokenize(text);
    auto sig = significant(tokens);
    bool changed = false;
    for (std::size_t k = 0; k < sig.size(); ++k) {
        Token& token = tokens[sig[k]];
        if (!is_name(token, from)) continue;
        // Not a qualified name's later part, a function, a qualifier or a
        // type after ::.
        if (k > 0 && (is_punct(tokens[sig[k - 1]], ".") || is_punct(tokens[sig[k - 1]], ":"))) continue;
        if (k + 1 < sig.size() && (is_punct(tokens[sig[k + 1]], "(") || is_punct(tokens[sig[k + 1]], "."))) continue;
        token.text = server_spelling(to);
        changed = true;
    }
    return changed ? join(tokens) : text;
}

std::string rename_column_in_query(const std::string& text, const catalog::QualifiedName& table,
                                   const std::string& from, const std::string& to) {
    auto tokens = tokenize(text);
    auto sig = significant(tokens);
    auto positions = relation_positions(tokens, sig, table);
    if (positions.empty()) return text;
    std::set<std::string> aliases;
    for (std::size_t k : positions) {
        const Token* alias = explicit_alias(tokens, sig, k);
        aliases.insert(alias ? alias->value : table.name);
    }
    // The server leaves columns unqualified only where a query level reads
    // one relation (PostgreSQL 16+); then a bare name can only be its column.
    std::size_t relations = 0;
    for (std::size_t k = 0; k < sig.size(); ++k) {
        if (is_keyword(tokens[sig[k]], "from") || is_keyword(tokens[sig[k]], "join")) ++relations;
    }
    bool bare_is_ours = relations == positions.size() && positions.size() == 1;
    auto select_list = in_select_list(tokens, sig);
    bool changed = false;
    for (std::size_t k = 0; k < sig.size(); ++k) {
        Token& token = tokens[sig[k]];
        if (!is_name(token, from)) continue;
        bool after_dot = k > 0 && is_punct(tokens[sig[k - 1]], ".");
        if (k + 1 < sig.size() && (is_punct(tokens[sig[k + 1]], "(") || is_punct(tokens[sig[k + 1]], "."))) continue;
        std::size_t item_start = k;
        if (after_dot) {
            if (k < 2 || !aliases.count(tokens[sig[k - 2]].value) || tokens[sig[k - 2]].kind != TokenKind::identifier)
                continue;
            if (k >= 3 && is_punct(tokens[sig[k - 3]], ".")) continue;
            item_start = k - 2;
        } else {
            if (!bare_is_ours) continue;
            if (k > 0 && (is_keyword(tokens[sig[k - 1]], "as") || is_punct(tokens[sig[k - 1]], ":"))) continue;
        }
        token.text = server_spelling(to);
        if (select_list[k] && starts_item(tokens, sig, item_start) && ends_item(tokens, sig, k)) {
            token.text += " AS " + server_spelling(from);
        }
        changed = true;
    }
    return changed ? join(tokens) : text;
}

std::string rename_relation_in_query(const std::string& text, const catalog::QualifiedName& from,
                                     const catalog::QualifiedName& to) {
    auto tokens = tokenize(text);
    auto sig = significant(tokens);
    auto positions = relation_positions(tokens, sig, from);
    if (positions.empty()) return text;
    bool implicit = false;
    for (std::size_t k : positions) {
        if (!explicit_alias(tokens, sig, k)) implicit = true;
    }
    std::set<std::size_t> relation_parts;
    for (std::size_t k : positions) {
        tokens[sig[k]].text = server_spelling(to.schema);
        tokens[sig[k + 2]].text = server_spelling(to.name);
        relation_parts.insert(k);
        relation_parts.insert(k + 2);
    }
    // The server names columns by the relation's current name when the
    // query gave it no alias.
    if (implicit && from.name != to.name) {
        for (std::size_t k = 0; k + 1 < sig.size(); ++k) {
            if (relation_parts.count(k) || !is_name(tokens[sig[k]], from.name)) continue;
            if (!is_punct(tokens[sig[k + 1]], ".")) continue;
            if (k > 0 && is_punct(tokens[sig[k - 1]], ".")) continue;
            tokens[sig[k]].text = server_spelling(to.name);
        }
    }
    return join(tokens);
}

namespace {

// A qualified name as regclassout prints it, inside a string literal (each
// ' doubled).
std::string regclass_literal(const catalog::QualifiedName& name) {
    std::string out = "'";
    for (char c : server_spelling(name.schema) + "." + server_spelling(name.name)) {
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}

}  // namespace

std::string rename_regclass_in_expression(const std::string& text, const catalog::QualifiedName& from,
                                          const catalog::QualifiedName& to) {
    const std::string old_literal = regclass_literal(from);
    if (text.find(old_literal) == std::string::npos) return text;
    auto tokens = tokenize(text);
    auto sig = significant(tokens);
    bool changed = false;
    for (std::size_t k = 0; k + 3 < sig.size(); ++k) {
        Token& token = tokens[sig[k]];
        if (token.kind != TokenKind::literal || token.text != old_literal) continue;
        if (!is_punct(tokens[sig[k + 1]], ":") || !is_punct(tokens[sig[k + 2]], ":") ||
            !is_keyword(tokens[sig[k + 3]], "regclass"))
            continue;
        token.text = regclass_literal(to);
        changed = true;
    }
    return changed ? join(tokens) : text;
}

}  // namespace reconcile::engine
