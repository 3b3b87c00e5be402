// Guards: the questions about existing rows that decide whether a step can
// succeed (plan.hpp, Guard). Built from the model, quoted by sql_writer; a
// check expression is manifest text, so its guard is one statement sent
// alone and run in a read-only transaction by plan.
#include <fmt/format.h>

#include "engine/render/detail.hpp"
#include "engine/render/render.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine {

namespace {

using render_detail::join;

std::string columns_display(const std::vector<std::string>& columns) {
    return join(columns, ", ");
}

// A row of key values as one text: ROW(a, b)::text prints "(1,x)".
std::string key_text(const std::vector<std::string>& columns) {
    return columns.size() == 1 ? sql::ident(columns.front()) + "::text" : "ROW(" + sql::ident_list(columns) + ")::text";
}

Guard null_rows(const QualifiedName& table, const std::vector<std::string>& columns, GuardKind kind) {
    std::string condition;
    for (const auto& column : columns) {
        condition += (condition.empty() ? "" : " OR ") + sql::ident(column) + " IS NULL";
    }
    Guard guard;
    guard.kind = kind;
    guard.table = table;
    guard.what = fmt::format("rows of {} with NULL in {}", catalog::display(table), columns_display(columns));
    guard.count_sql = fmt::format("SELECT count(*) FROM {} WHERE {}", sql::qualified(table), condition);
    return guard;
}

Guard duplicate_keys(const QualifiedName& table, const std::vector<std::string>& columns, bool nulls_distinct,
                     const std::optional<std::string>& where) {
    // NULLs are distinct unless NULLS NOT DISTINCT: rows with a NULL key
    // never collide.
    std::string condition;
    if (nulls_distinct) {
        for (const auto& column : columns) {
            condition += (condition.empty() ? "" : " AND ") + sql::ident(column) + " IS NOT NULL";
        }
    }
    if (where) condition += (condition.empty() ? "" : " AND ") + std::string("(") + sql::expression(*where) + ")";
    std::string filter = condition.empty() ? "" : " WHERE " + condition;
    std::string groups = fmt::format("SELECT {} AS key FROM {}{} GROUP BY {} HAVING count(*) > 1", key_text(columns),
                                     sql::qualified(table), filter, sql::ident_list(columns));
    Guard guard;
    guard.kind = GuardKind::duplicate_keys;
    guard.table = table;
    guard.what = fmt::format("duplicate values of ({}) in {}", columns_display(columns), catalog::display(table));
    guard.count_sql = "SELECT count(*) FROM (" + groups + ") AS duplicates";
    guard.examples_sql = "SELECT key FROM (" + groups + ") AS duplicates ORDER BY key LIMIT 3";
    return guard;
}

Guard orphan_rows(const QualifiedName& table, const Constraint& constraint) {
    const auto& fk = *constraint.references;
    std::string present, match;
    for (std::size_t i = 0; i < constraint.columns.size(); ++i) {
        present += (i == 0 ? "" : " AND ") + fmt::format("c.{} IS NOT NULL", sql::ident(constraint.columns[i]));
        match += (i == 0 ? "" : " AND ") +
                 fmt::format("p.{} = c.{}", sql::ident(fk.columns.at(i)), sql::ident(constraint.columns[i]));
    }
    // MATCH SIMPLE skips a row with any NULL in the key. MATCH FULL skips
    // only an all-NULL key; a partly NULL one matches nothing, so it counts.
    std::string checked = present;
    if (fk.match == catalog::MatchType::full) {
        std::string all_null;
        for (std::size_t i = 0; i < constraint.columns.size(); ++i) {
            all_null += (i == 0 ? "" : " AND ") + fmt::format("c.{} IS NULL", sql::ident(constraint.columns[i]));
        }
        checked = "NOT (" + all_null + ")";
    }
    std::string from = fmt::format("FROM {} AS c WHERE {} AND NOT EXISTS (SELECT 1 FROM {} AS p WHERE {})",
                                   sql::qualified(table), checked, sql::qualified(fk.table), match);
    Guard guard;
    guard.kind = GuardKind::orphan_rows;
    guard.table = table;
    guard.what = fmt::format("rows of {} whose ({}) is not in {}", catalog::display(table),
                             columns_display(constraint.columns), catalog::display(fk.table));
    guard.count_sql = "SELECT count(*) " + from;
    std::vector<std::string> keys;
    for (const auto& column : constraint.columns) keys.push_back("c." + sql::ident(column));
    guard.examples_sql =
        fmt::format("SELECT DISTINCT {} AS key {} ORDER BY 1 LIMIT 3",
                    keys.size() == 1 ? keys.front() + "::text" : "ROW(" + join(keys, ", ") + ")::text", from);
    return guard;
}

Guard check_violations(const QualifiedName& table, const Constraint& constraint) {
    Guard guard;
    guard.kind = GuardKind::check_violations;
    guard.table = table;
    guard.what = fmt::format("rows of {} that fail check {}", catalog::display(table), constraint.name);
    // A check passes on NULL, so NOT (NULL) is not counted, as the server
    // does not reject it.
    guard.count_sql = fmt::format("SELECT count(*) FROM {} WHERE NOT ({})", sql::qualified(table),
                                  sql::expression(constraint.expression));
    return guard;
}

std::vector<Guard> constraint_guards(const QualifiedName& table, const Constraint& constraint) {
    // NOT VALID skips existing rows: nothing to ask.
    if (constraint.not_valid) return {};
    switch (constraint.kind) {
        case catalog::ConstraintKind::primary_key:
            return {null_rows(table, constraint.columns, GuardKind::null_rows),
                    duplicate_keys(table, constraint.columns, true, std::nullopt)};
        case catalog::ConstraintKind::unique:
            return {duplicate_keys(table, constraint.columns, !constraint.nulls_not_distinct, std::nullopt)};
        case catalog::ConstraintKind::foreign_key:
            if (!constraint.references) return {};
            return {orphan_rows(table, constraint)};
        case catalog::ConstraintKind::check:
            return {check_violations(table, constraint)};
        // Finding conflicting rows would need the operators' own pairwise
        // query; the build itself fails, inside the transaction, on the
        // first conflict and names the rows.
        case catalog::ConstraintKind::exclusion:
            return {};
    }
    return {};
}

template <class Other>
std::vector<Guard> guards_of(const Other&) {
    return {};
}

std::vector<Guard> guards_of(const AddColumn& change) {
    const auto& column = change.column;
    bool has_value =
        column.default_expr || column.identity || column.generated || column.serial != catalog::Serial::none;
    if (!column.not_null || has_value) return {};
    Guard guard;
    guard.kind = GuardKind::table_not_empty;
    guard.table = change.table;
    guard.what = fmt::format("rows of {} (a NOT NULL column without a default needs an empty table)",
                             catalog::display(change.table));
    guard.count_sql =
        fmt::format("SELECT count(*) FROM (SELECT 1 FROM {} LIMIT 1) AS any_row", sql::qualified(change.table));
    return {guard};
}

std::vector<Guard> guards_of(const RebuildEnum& change) {
    return render_detail::enum_rebuild_guards(change);
}

std::vector<Guard> guards_of(const AlterColumn& change) {
    if (auto guard = render_detail::conversion_guard(change)) return {*guard};
    if (change.what != ColumnAttribute::not_null || !change.to.not_null) return {};
    return {null_rows(change.table, {change.to.name}, GuardKind::null_rows)};
}

std::vector<Guard> guards_of(const AddConstraint& change) {
    // The index build before it counted the duplicates; its columns were
    // made NOT NULL before that.
    if (change.using_index) return {};
    return constraint_guards(change.table, change.constraint);
}

std::vector<Guard> guards_of(const ReplaceConstraint& change) {
    return constraint_guards(change.table, change.to);
}

std::vector<Guard> guards_of(const ValidateConstraint& change) {
    return constraint_guards(change.table, change.constraint);
}

std::vector<Guard> guards_of(const CreateIndex& change) {
    const auto& index = change.index;
    if (!index.unique) return {};
    std::vector<std::string> columns;
    for (const auto& key : index.keys) {
        // An expression key has no column to group by; its guard is left
        // to the build itself.
        if (!key.column) return {};
        columns.push_back(*key.column);
    }
    return {duplicate_keys(change.table, columns, !index.nulls_not_distinct, index.where)};
}

}  // namespace

std::vector<Guard> guards_for(const Change& change) {
    return std::visit([](const auto& c) { return guards_of(c); }, change);
}

std::string describe_guard(const Guard& guard) {
    using render_detail::printable;
    if (!guard.count) return printable(guard.what) + ": " + printable(guard.not_checked);
    std::string out = fmt::format("{}: {}", printable(guard.what), *guard.count);
    if (!guard.examples.empty()) out += " (e.g. " + printable(join(guard.examples, ", ")) + ")";
    return out;
}

}  // namespace reconcile::engine
