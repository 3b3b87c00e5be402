#include "catalog/model/type_text.hpp"
#include "engine/plan/plan_internal.hpp"

namespace reconcile::engine::plan_detail {

namespace {

// A type as the rules below read it: a built-in's name and integer
// modifiers, "timestamp(3) with time zone" -> {"timestamp with time zone",
// {3}}. Anything else (a user-defined type, odd modifiers) keeps its whole
// text as its name, which no rule below mistakes for a built-in; it can
// still widen to text.
struct TypeText {
    std::string name;
    std::vector<long> modifiers;
    int array_dims = 0;
};

TypeText parse_type(const std::string& text) {
    auto type = catalog::parse_type_text(text);
    auto modifiers = type ? type->integer_modifiers() : std::nullopt;
    if (!type || !modifiers || type->user_schema() || type->quoted) {
        return TypeText{text, {}, type ? type->array_dims : 0};
    }
    return TypeText{std::move(type->name), std::move(*modifiers), type->array_dims};
}

bool is_timestamp(const std::string& name) {
    return name == "timestamp without time zone" || name == "timestamp with time zone";
}

// Declared precision of a timestamp; none means the maximum, 6.
long timestamp_precision(const TypeText& t) {
    return t.modifiers.empty() ? 6 : t.modifiers[0];
}

bool is_integer(const std::string& name) {
    return name == "smallint" || name == "integer" || name == "bigint";
}
int integer_rank(const std::string& name) {
    return name == "smallint" ? 0 : name == "integer" ? 1 : 2;
}

bool widens(const TypeText& from, const TypeText& to) {
    if (to.name == "text" || (to.name == "character varying" && to.modifiers.empty())) return true;
    if (is_integer(from.name) && is_integer(to.name)) return integer_rank(to.name) > integer_rank(from.name);
    if (is_integer(from.name) && to.name == "numeric" && to.modifiers.empty()) return true;
    if (from.name == "real" && to.name == "double precision") return true;
    if (from.name == "character varying" && to.name == "character varying") {
        return !from.modifiers.empty() && to.modifiers.size() == 1 && to.modifiers[0] >= from.modifiers[0];
    }
    if (from.name == "numeric" && to.name == "numeric") {
        if (to.modifiers.empty()) return true;
        if (from.modifiers.empty()) return false;
        long p = from.modifiers[0], s = from.modifiers.size() > 1 ? from.modifiers[1] : 0;
        long p2 = to.modifiers[0], s2 = to.modifiers.size() > 1 ? to.modifiers[1] : 0;
        return s2 >= s && p2 - s2 >= p - s;  // room for as many digits on both sides of the point
    }
    if (is_timestamp(from.name) && from.name == to.name) return timestamp_precision(to) >= timestamp_precision(from);
    return false;
}

// Type changes PostgreSQL performs without touching the rows: binary
// coercible types, and length/precision limits that only get looser (the
// varchar, numeric and timestamp length-coercion support functions tell
// ALTER TABLE the call is a no-op). Everything else rewrites the table.
bool keeps_rows(const TypeText& from, const TypeText& to) {
    if (from.array_dims != 0 || to.array_dims != 0) return false;
    bool varlena_text = from.name == "character varying" || from.name == "text";
    if (varlena_text && to.name == "text") return true;
    if (varlena_text && to.name == "character varying") {
        if (to.modifiers.empty()) return true;
        return from.name == "character varying" && !from.modifiers.empty() && to.modifiers[0] >= from.modifiers[0];
    }
    if (from.name == "numeric" && to.name == "numeric") {
        if (to.modifiers.empty()) return true;
        if (from.modifiers.empty() || from.modifiers.size() != to.modifiers.size()) return false;
        bool same_scale = from.modifiers.size() < 2 || from.modifiers[1] == to.modifiers[1];
        return same_scale && to.modifiers[0] >= from.modifiers[0];
    }
    if (is_timestamp(from.name) && from.name == to.name) return timestamp_precision(to) >= timestamp_precision(from);
    return false;
}

}  // namespace

TypeChange classify_type_change(const std::string& from, const std::string& to, bool has_using) {
    TypeText a = parse_type(from);
    TypeText b = parse_type(to);
    TypeChange out;
    if (a.array_dims == b.array_dims) {
        TypeText a_elem = a, b_elem = b;
        a_elem.array_dims = b_elem.array_dims = 0;
        out.widening = widens(a_elem, b_elem);
    }
    out.rewrite = has_using || !keeps_rows(a, b);
    return out;
}

}  // namespace reconcile::engine::plan_detail
