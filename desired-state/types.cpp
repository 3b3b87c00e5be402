#include "desired-state/types.hpp"

#include <algorithm>

namespace reconcile::desired_state::detail {

namespace {

char fold(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string folded(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), fold);
    return out;
}

}  // namespace

std::optional<catalog::Serial> serial_spelling(std::string_view type) {
    auto first = type.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return std::nullopt;
    type = type.substr(first, type.find_last_not_of(" \t\r\n") - first + 1);
    // Called for every column; most types are longer than any serial spelling.
    if (type.size() > std::string_view("smallserial").size()) return std::nullopt;
    std::string word = folded(type);
    if (word == "serial" || word == "serial4") return catalog::Serial::serial;
    if (word == "bigserial" || word == "serial8") return catalog::Serial::bigserial;
    if (word == "smallserial" || word == "serial2") return catalog::Serial::smallserial;
    return std::nullopt;
}

std::string serial_base_type(catalog::Serial serial) {
    switch (serial) {
        case catalog::Serial::smallserial:
            return "smallint";
        case catalog::Serial::bigserial:
            return "bigint";
        default:
            return "integer";
    }
}

std::string serial_name(catalog::Serial serial) {
    switch (serial) {
        case catalog::Serial::smallserial:
            return "smallserial";
        case catalog::Serial::bigserial:
            return "bigserial";
        default:
            return "serial";
    }
}

const std::vector<std::string>& builtin_type_names() {
    static const std::vector<std::string> names = {
        // numbers
        "smallint", "int2", "integer", "int", "int4", "bigint", "int8", "numeric", "decimal", "real", "float4",
        "double precision", "float8", "float", "money", "smallserial", "serial2", "serial", "serial4", "bigserial",
        "serial8",
        // text
        "text", "varchar", "character varying", "char varying", "char", "character", "bpchar", "name",
        "national character", "national character varying", "nchar", "nchar varying",
        // other scalars
        "boolean", "bool", "bytea", "uuid", "json", "jsonb", "jsonpath", "xml", "bit", "varbit", "bit varying",
        // date and time
        "date", "time", "timetz", "time with time zone", "time without time zone", "timestamp", "timestamptz",
        "timestamp with time zone", "timestamp without time zone", "interval",
        // network
        "inet", "cidr", "macaddr", "macaddr8",
        // text search
        "tsvector", "tsquery", "regconfig", "regdictionary",
        // geometry
        "point", "line", "lseg", "box", "path", "polygon", "circle",
        // ranges and multiranges
        "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange", "int4multirange", "int8multirange",
        "nummultirange", "tsmultirange", "tstzmultirange", "datemultirange",
        // system
        "oid", "regclass", "regtype", "regproc", "regprocedure", "regoper", "regoperator", "regrole", "regnamespace",
        "regcollation", "xid", "xid8", "cid", "tid", "pg_lsn", "txid_snapshot", "pg_snapshot", "int2vector",
        "oidvector", "refcursor", "aclitem"};
    return names;
}

bool is_builtin_type(std::string_view name) {
    const auto& names = builtin_type_names();
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_known_extension_type(std::string_view name) {
    static const std::vector<std::string_view> names = {
        "citext",    "hstore", "ltree", "lquery", "ltxtquery", "vector", "halfvec", "sparsevec", "geometry",
        "geography", "box2d",  "box3d", "raster", "cube",      "earth",  "seg",     "isbn",      "isbn13",
        "issn",      "issn13", "ismn",  "ismn13", "ean13",     "upc",    "semver",  "query_int", "gtsvector"};
    return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace reconcile::desired_state::detail
