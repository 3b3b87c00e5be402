// Helpers shared by the readers: parameters in, text values out.
#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <tuple>

#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

std::vector<std::string> parse_text_array(std::string_view text) {
    if (text.size() < 2 || text.front() != '{' || text.back() != '}') {
        throw std::runtime_error("unexpected array text from the server: " + std::string(text));
    }
    std::vector<std::string> out;
    std::string_view body = text.substr(1, text.size() - 2);
    std::size_t i = 0;
    while (i < body.size()) {
        std::string item;
        if (body[i] == '"') {
            ++i;
            while (i < body.size() && body[i] != '"') {
                if (body[i] == '\\' && i + 1 < body.size()) ++i;
                item += body[i++];
            }
            ++i;  // closing quote
        } else {
            // Unquoted elements never contain quotes, backslashes or commas.
            while (i < body.size() && body[i] != ',') item += body[i++];
        }
        out.push_back(std::move(item));
        if (i < body.size() && body[i] == ',') ++i;
    }
    return out;
}

std::string not_extension_member(std::string_view catalog, std::string_view oid_expr) {
    std::string sql = "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.";
    sql += catalog;
    sql += "'::pg_catalog.regclass AND e.objid = ";
    sql += oid_expr;
    sql += " AND e.deptype = 'e')";
    return sql;
}

std::string user_schema(std::string_view n) {
    const std::string a(n);
    return a + ".nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND " + a +
           R"(.nspname NOT LIKE 'pg\_temp\_%' AND )" + a + R"(.nspname NOT LIKE 'pg\_toast\_temp\_%' AND )" + a +
           R"(.nspname NOT LIKE 'reconcile\_scratch\_%' AND )" + not_extension_member("pg_namespace", a + ".oid");
}

std::string_view view(const Row& row, std::size_t column) {
    auto value = row[column];
    if (!value) throw std::logic_error("unexpected NULL in catalog result");
    return *value;
}

std::string text(const Row& row, std::size_t column) {
    return std::string(view(row, column));
}

Value optional_text(const Row& row, std::size_t column) {
    auto value = row[column];
    return value ? Value(std::string(*value)) : std::nullopt;
}

bool boolean(const Row& row, std::size_t column) {
    auto value = row[column];
    return value && *value == "t";
}

long long integer(const Row& row, std::size_t column) {
    auto value = view(row, column);
    long long out = 0;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), out);
    if (error != std::errc() || end != value.data() + value.size()) {
        throw std::logic_error("unexpected integer in catalog result: " + std::string(value));
    }
    return out;
}

std::uint32_t oid(const Row& row, std::size_t column) {
    return static_cast<std::uint32_t>(integer(row, column));
}

std::vector<RowKey> rows_in_order(const ResultSet& result, std::size_t group, std::size_t position) {
    std::vector<RowKey> keys;
    keys.reserve(result.size());
    for (std::size_t i = 0; i < result.size(); ++i) {
        auto row = result.row(i);
        keys.push_back({oid(row, group), integer(row, position), i});
    }
    std::sort(keys.begin(), keys.end(), [](const RowKey& a, const RowKey& b) {
        return std::tie(a.group, a.position) < std::tie(b.group, b.position);
    });
    return keys;
}

std::vector<int> parse_int_array(std::string_view text) {
    if (text.size() < 2 || text.front() != '{' || text.back() != '}') {
        throw std::runtime_error("unexpected array text from the server: " + std::string(text));
    }
    std::vector<int> out;
    const char* at = text.data() + 1;
    const char* end = text.data() + text.size() - 1;
    while (at < end) {
        int value = 0;
        auto [next, error] = std::from_chars(at, end, value);
        if (error != std::errc())
            throw std::runtime_error("unexpected array text from the server: " + std::string(text));
        out.push_back(value);
        at = next < end && *next == ',' ? next + 1 : next;
    }
    return out;
}

}  // namespace reconcile::catalog::introspect_detail
