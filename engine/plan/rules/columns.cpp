#include <fmt/format.h>

#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

namespace {

// What a default or NOT NULL change provides: the column's settings as
// wanted, which a child's own settings come after. Named by the column,
// with argument types no column has.
ObjectId column_settings(const QualifiedName& table, const std::string& column) {
    ObjectId id = catalog::column_id(table, column);
    id.arguments = {"settings"};
    return id;
}

}  // namespace

int priority_of(const AddColumn&) {
    return 4;
}
int priority_of(const AlterColumn&) {
    return 5;
}
int priority_of(const DropColumn&) {
    return 13;
}

Dependencies dependencies_of(const AddColumn& change, const PlanContext& context) {
    Dependencies out{.creates = {change.object()}};
    if (auto sequence = serial_sequence(change.table, change.column)) out.creates.push_back(*sequence);
    add_column_needs(out, change.column);
    add_column_calls(out.needs, context, change.column);
    return out;
}

Dependencies dependencies_of(const DropColumn& change, const PlanContext& context) {
    Dependencies out{.drops = {change.object()}};
    add_column_calls(out.releases, context, change.column);
    if (auto type = type_needed(change.column.type)) out.releases.push_back(*type);
    return out;
}

Dependencies dependencies_of(const AlterColumn& change, const PlanContext& context) {
    Dependencies out;
    // A child's own setting comes after the column exists on its parents
    // and after their default or NOT NULL changes, which reach the child.
    for (const auto& parent : change.inherited_from) {
        out.needs.push_back(catalog::column_id(parent, change.to.name));
        out.needs.push_back(column_settings(parent, change.to.name));
    }
    // The old default or generation expression stops calling its routines.
    add_column_calls(out.needs, context, change.to);
    add_column_calls(out.releases, context, change.from);
    switch (change.what) {
        case ColumnAttribute::type:
            // The column in its new type is what constraints and indexes
            // created in this plan are built on.
            out.creates.push_back(change.object());
            if (auto type = type_needed(change.to.type)) out.needs.push_back(*type);
            if (auto type = type_needed(change.from.type)) out.releases.push_back(*type);
            break;
        case ColumnAttribute::default_value:
            // Switching to serial creates the sequence with the default.
            if (change.from.serial == catalog::Serial::none) {
                if (auto sequence = serial_sequence(change.table, change.to)) out.creates.push_back(*sequence);
            }
            for (auto& sequence : sequences_used(change.to.default_expr)) out.needs.push_back(std::move(sequence));
            // The old default stops using its sequences before they are dropped.
            for (auto& sequence : sequences_used(change.from.default_expr)) out.releases.push_back(std::move(sequence));
            out.creates.push_back(column_settings(change.table, change.to.name));
            break;
        case ColumnAttribute::not_null:
            out.creates.push_back(column_settings(change.table, change.to.name));
            break;
        case ColumnAttribute::identity: {
            // Adding an identity creates its sequence, dropping it drops it,
            // and a new name renames it: what uses the sequence by name (a
            // grant) comes after, and what takes the old name before.
            auto before = change.from.identity ? serial_sequence(change.table, change.from) : std::nullopt;
            auto after = change.to.identity ? serial_sequence(change.table, change.to) : std::nullopt;
            if (before != after) {
                if (before) out.drops.push_back(*before);
                if (after) out.creates.push_back(*after);
            }
            break;
        }
        case ColumnAttribute::generated:
        case ColumnAttribute::collation:
            break;
    }
    return out;
}

namespace {

// Heuristic for a default PostgreSQL must evaluate per row: since 11 ADD
// COLUMN with a non-volatile default is a catalog-only change, but a volatile
// one (and identity, serial, generated columns) fills every existing row.
// Volatility is not in the model, so the usual volatile functions are named.
bool fills_every_row(const Column& column) {
    if (column.identity || column.generated || column.serial != catalog::Serial::none) return true;
    if (!column.default_expr) return false;
    for (const char* fn : {"nextval(", "random(", "clock_timestamp(", "gen_random_uuid(", "uuid_generate", "timeofday(",
                           "statement_timestamp("}) {
        if (column.default_expr->find(fn) != std::string::npos) return true;
    }
    return false;
}

}  // namespace

std::vector<Hazard> hazards(const AddColumn& c, const HazardContext& ctx) {
    using H = Hazard;
    // No other session can see a table created in the same transaction, and
    // it has no rows: nothing to lock against, nothing to rewrite.
    if (ctx.created_tables.count(c.table)) return {};
    std::vector<Hazard> out{H::acquires_access_exclusive_lock};
    if (fills_every_row(c.column)) out.push_back(H::table_rewrite);
    bool has_value =
        c.column.default_expr || c.column.identity || c.column.generated || c.column.serial != catalog::Serial::none;
    if (c.column.not_null && !has_value) out.push_back(H::correctness);
    return out;
}

std::vector<Hazard> hazards(const DropColumn&, const HazardContext&) {
    return {Hazard::deletes_data, Hazard::acquires_access_exclusive_lock};
}

std::vector<Hazard> hazards(const AlterColumn& c, const HazardContext& context) {
    using H = Hazard;
    // A table this plan creates has no rows and no readers yet (a child's
    // own settings on inherited columns are set after its CREATE TABLE).
    if (context.created_tables.count(c.table)) return {};
    switch (c.what) {
        case ColumnAttribute::type: {
            TypeChange change = classify_type_change(c.from.type, c.to.type, c.to.using_expr.has_value());
            std::vector<Hazard> out{H::acquires_access_exclusive_lock};
            if (change.rewrite) out.push_back(H::table_rewrite);
            if (!change.widening) {
                out.push_back(H::correctness);
                out.push_back(H::deletes_data);
            }
            return out;
        }
        case ColumnAttribute::not_null:
            // SET NOT NULL scans the whole table under the lock to prove it.
            if (c.to.not_null) return {H::acquires_access_exclusive_lock, H::full_table_scan, H::correctness};
            return {H::acquires_access_exclusive_lock};
        case ColumnAttribute::default_value:
        case ColumnAttribute::identity:
        case ColumnAttribute::collation:
            // Catalog-only changes, but ALTER TABLE still takes the lock.
            return {H::acquires_access_exclusive_lock};
        case ColumnAttribute::generated:
            return {H::acquires_access_exclusive_lock, H::table_rewrite};
    }
    return {};
}

std::optional<std::string> refusal(const AddColumn&, const HazardContext&) {
    return std::nullopt;
}

std::optional<std::string> refusal(const DropColumn& c, const HazardContext& context) {
    std::string column = catalog::display(c.table) + "." + c.column.name;
    if (context.added_columns.count({c.table, c.column.name})) {
        return fmt::format(
            "drops column {} and its data to re-create it (its generation expression changes; "
            "PostgreSQL cannot alter it in place); {}",
            column, pass_allow_destructive);
    }
    return fmt::format("drops column {} and its data; {}", column, pass_allow_destructive);
}

std::optional<std::string> refusal(const AlterColumn& c, const HazardContext&) {
    if (c.what != ColumnAttribute::type) return std::nullopt;
    if (classify_type_change(c.from.type, c.to.type, false).widening) return std::nullopt;
    return fmt::format("changes column {}.{} from {} to {}, which can lose or reject existing values; {}",
                       catalog::display(c.table), c.to.name, c.from.type, c.to.type, pass_allow_destructive);
}

}  // namespace reconcile::engine::plan_detail
