// RebuildEnum: values removed or reordered (engine/diff/enum_rebuild.cpp).
#include <fmt/format.h>

#include <algorithm>

#include "catalog/model/identifier.hpp"
#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

namespace {

// The name the old type has while the columns move off it; it is dropped
// in the same step. Truncated so it stays within NAMEDATALEN.
std::string aside_name(const std::string& name) {
    constexpr std::string_view suffix = "_reconcile_old";
    return catalog::truncate_identifier(name, catalog::max_identifier_bytes - suffix.size()) + std::string(suffix);
}

std::vector<std::string> removed_values(const RebuildEnum& change) {
    std::vector<std::string> out;
    for (const auto& value : change.from.values) {
        if (std::find(change.to.values.begin(), change.to.values.end(), value) == change.to.values.end()) {
            out.push_back(value);
        }
    }
    return out;
}

}  // namespace

Statements sql_of(const RebuildEnum& change) {
    const QualifiedName& name = change.to.name;
    const std::string aside = aside_name(name.name);
    Statements out;
    out.push_back("ALTER TYPE " + sql::qualified(name) + " RENAME TO " + sql::ident(aside));
    std::vector<std::string> values;
    for (const auto& value : change.to.values) values.push_back(sql::literal(value));
    out.push_back("CREATE TYPE " + sql::qualified(name) + " AS ENUM (" + join(values, ", ") + ")");
    for (const auto& column : change.columns) {
        const std::string alter =
            "ALTER TABLE " + sql::qualified(column.table) + " ALTER COLUMN " + sql::ident(column.column);
        // The default names the old type; it would not convert.
        if (column.default_expr) out.push_back(alter + " DROP DEFAULT");
        std::string type = sql::qualified(name) + (column.array ? "[]" : "");
        out.push_back(alter + " TYPE " + type + " USING " + sql::ident(column.column) +
                      (column.array ? "::text[]::" : "::text::") + type);
        if (column.default_expr) out.push_back(alter + " SET DEFAULT " + sql::expression(*column.default_expr));
    }
    out.push_back("DROP TYPE " + sql::qualified({name.schema, aside}));
    return out;
}

std::string description_of(const RebuildEnum& change) {
    auto removed = removed_values(change);
    std::string what = removed.empty() ? "reorder values of" : "remove values " + join(removed, ", ") + " from";
    return printable(
        fmt::format("{} enum {} (re-created; {} converted: {})", what, catalog::display(change.to.name),
                    change.columns.size() == 1 ? "1 column" : std::to_string(change.columns.size()) + " columns",
                    "the values they hold are kept"));
}

std::vector<Guard> enum_rebuild_guards(const RebuildEnum& change) {
    auto removed = removed_values(change);
    if (removed.empty()) return {};
    std::vector<std::string> labels;
    for (const auto& value : removed) labels.push_back(sql::literal(value));
    const std::string list = "ARRAY[" + join(labels, ", ") + "]::text[]";
    std::vector<Guard> out;
    for (const auto& column : change.columns) {
        const std::string c = sql::ident(column.column);
        std::string condition = column.array ? c + "::text[] && " + list : c + "::text = ANY (" + list + ")";
        std::string from = fmt::format("FROM {} WHERE {}", sql::qualified(column.table), condition);
        Guard guard;
        guard.kind = GuardKind::unconvertible_values;
        guard.table = column.table;
        guard.what =
            fmt::format("rows of {} whose {} holds a value removed from {} ({})", catalog::display(column.table),
                        column.column, catalog::display(change.to.name), join(removed, ", "));
        guard.count_sql = "SELECT count(*) " + from;
        guard.examples_sql = fmt::format("SELECT DISTINCT {}::text {} ORDER BY 1 LIMIT 3", c, from);
        out.push_back(std::move(guard));
    }
    return out;
}

}  // namespace reconcile::engine::render_detail
