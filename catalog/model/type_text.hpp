#pragma once
// Column type text taken apart the way PostgreSQL's grammar reads it: the
// one parser of type text. Manifest validation (near misses, friendly enum
// names), the planner's widening rules, the renderer's USING decision and
// named_type() all read types through it. It reads spelling only; whether
// a type exists and what it resolves to is the server's to say.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reconcile::catalog {

struct TypeText {
    // Quotes removed; unquoted words folded to lower case, as PostgreSQL
    // folds them. No schema when the text names none.
    std::optional<std::string> schema;
    // Without modifiers and array bounds, words joined by one space:
    // "TIMESTAMP(3)  With Time Zone" -> "timestamp with time zone".
    std::string name;
    // Some word of the name was double-quoted ("Status"): a quoted name
    // keeps its case, and is never one of the multi-word built-ins.
    bool quoted = false;
    // What the parentheses held, split at commas, trimmed:
    // "numeric(12, 2)" -> {"12", "2"}.
    std::vector<std::string> modifiers;
    // An interval's fields ("interval year to month" -> "year to month"),
    // which PostgreSQL stores as a type modifier, not as part of the name.
    std::string interval_fields;
    // Each "[]" or "[n]" counts one; "ARRAY" and "ARRAY[n]" count one.
    // PostgreSQL ignores the bounds and even the number of dimensions
    // when it stores a column's type, but a type text keeps them.
    int array_dims = 0;

    // The modifiers as integers; nullopt when one is not an integer.
    std::optional<std::vector<long>> integer_modifiers() const;
    // A schema-qualified name outside pg_catalog: a user-defined type (or an
    // extension's), never one of the built-ins whatever its name.
    bool user_schema() const { return schema && *schema != "pg_catalog"; }

    bool operator==(const TypeText&) const = default;
};

// nullopt when text is not a (possibly qualified) type name with optional
// modifiers and array bounds: an unterminated quote, more than two dotted
// parts, modifiers before a dot, a second pair of parentheses, any other
// character. Such text is for the server to judge.
std::optional<TypeText> parse_type_text(std::string_view text);

// text (trimmed) without its array bounds, and how many there were:
// "public.\"Status\"[][3]" -> {"public.\"Status\"", 2}; "int ARRAY" ->
// {"int", 1}; "text" -> {"text", 0}. The element's spelling is kept as
// written, for callers that look a name up exactly.
std::pair<std::string_view, int> split_array_bounds(std::string_view text);

// A function result's row type without SETOF: "SETOF public.posts" ->
// "public.posts"; any other text as it is.
std::string_view without_setof(std::string_view text);

}  // namespace reconcile::catalog
