// The guard of a type change to an enum: rows whose value is not one of the
// enum's labels would make ALTER COLUMN ... TYPE fail halfway through the
// apply, so the plan counts them first. The value counted is the `using`
// expression without its final cast to the enum (`status::text` of
// `status::text::public.status`), or the column itself.
#include <fmt/format.h>

#include "engine/render/detail.hpp"
#include "engine/render/render.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

namespace {

// The text before the last top-level `::`, when there is one; the whole
// text otherwise. Quotes and parentheses are skipped.
std::string without_final_cast(const std::string& text) {
    std::size_t depth = 0, last = std::string::npos;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\'' || c == '"') {
            std::size_t close = text.find(c, i + 1);
            while (close != std::string::npos && close + 1 < text.size() && text[close + 1] == c) {
                close = text.find(c, close + 2);
            }
            if (close == std::string::npos) return text;
            i = close;
        } else if (c == '(') {
            ++depth;
        } else if (c == ')') {
            if (depth > 0) --depth;
        } else if (c == ':' && depth == 0 && i + 1 < text.size() && text[i + 1] == ':') {
            last = i;
            ++i;
        }
    }
    if (last == std::string::npos) return text;
    return text.substr(0, last);
}

}  // namespace

std::optional<Guard> conversion_guard(const AlterColumn& change) {
    if (change.what != ColumnAttribute::type || change.target_values.empty()) return std::nullopt;
    std::string value = change.to.using_expr ? "(" + sql::expression(without_final_cast(*change.to.using_expr)) + ")"
                                             : sql::ident(change.from.name);
    std::string labels;
    for (const auto& label : change.target_values) labels += (labels.empty() ? "" : ", ") + sql::literal(label);
    std::string from = fmt::format("FROM {} WHERE {} IS NOT NULL AND ({})::text <> ALL (ARRAY[{}]::text[])",
                                   sql::qualified(change.table), value, value, labels);
    Guard guard;
    guard.kind = GuardKind::unconvertible_values;
    guard.table = change.table;
    guard.what = fmt::format("rows of {} whose {} is not a value of {}", catalog::display(change.table), change.to.name,
                             change.to.type);
    guard.count_sql = "SELECT count(*) " + from;
    guard.examples_sql = fmt::format("SELECT DISTINCT ({})::text {} ORDER BY 1 LIMIT 3", value, from);
    return guard;
}

}  // namespace reconcile::engine::render_detail
