#include <fmt/format.h>

#include <algorithm>

#include "engine/plan/plan_internal.hpp"

namespace reconcile::engine::plan_detail {

namespace {

using catalog::ConstraintKind;
using H = Hazard;

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

std::vector<Hazard> add_column(const AddColumn& c, const HazardContext& ctx) {
    // No other session can see a table created in the same transaction, and
    // it has no rows: nothing to lock against, nothing to rewrite.
    if (ctx.created_tables.count(c.table)) return {};
    std::vector<Hazard> out{H::acquires_access_exclusive_lock};
    if (fills_every_row(c.column)) out.push_back(H::table_rewrite);
    bool has_value =
        c.column.default_expr || c.column.identity || c.column.generated || c.column.serial != catalog::Serial::none;
    if (c.column.not_null && !has_value) out.push_back(H::may_fail_on_existing_data);
    return out;
}

std::vector<Hazard> alter_column(const AlterColumn& c) {
    switch (c.what) {
        case ColumnAttribute::type: {
            TypeChange change = classify_type_change(c.from.type, c.to.type, c.to.using_expr.has_value());
            std::vector<Hazard> out{H::acquires_access_exclusive_lock};
            if (change.rewrite) out.push_back(H::table_rewrite);
            if (!change.widening) {
                out.push_back(H::may_fail_on_existing_data);
                out.push_back(H::deletes_data);
            }
            return out;
        }
        case ColumnAttribute::not_null:
            // SET NOT NULL scans the whole table under the lock to prove it.
            if (c.to.not_null) return {H::acquires_access_exclusive_lock, H::table_scan, H::may_fail_on_existing_data};
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

std::vector<Hazard> add_constraint(const QualifiedName& table, const Constraint& c, const HazardContext& ctx) {
    bool new_table = ctx.created_tables.count(table) > 0;
    switch (c.kind) {
        case ConstraintKind::primary_key:
        case ConstraintKind::unique:
            if (new_table) return {};
            // The key builds a unique index (reading every row; for a primary
            // key also proving NOT NULL) under ALTER TABLE's lock.
            if (c.kind == ConstraintKind::primary_key) {
                return {H::acquires_access_exclusive_lock, H::index_build, H::table_scan, H::may_fail_on_existing_data};
            }
            return {H::acquires_access_exclusive_lock, H::index_build, H::may_fail_on_existing_data};
        case ConstraintKind::check:
            if (new_table) return {};
            return {H::acquires_access_exclusive_lock, H::table_scan, H::may_fail_on_existing_data};
        case ConstraintKind::foreign_key: {
            // SHARE ROW EXCLUSIVE on both tables; validation scans the
            // referencing one. A new referencing table is empty, but an
            // existing referenced table is still locked against writes.
            bool referenced_new = c.references && ctx.created_tables.count(c.references->table);
            if (new_table) {
                if (referenced_new) return {};
                return {H::acquires_share_lock};
            }
            return {H::acquires_share_lock, H::table_scan, H::may_fail_on_existing_data};
        }
    }
    return {};
}

std::vector<Hazard> raw_hazards(const Change& change, const HazardContext& ctx) {
    return std::visit(
        overloaded{
            [](const CreateSchema&) -> std::vector<Hazard> { return {}; },
            [](const DropSchema&) -> std::vector<Hazard> { return {H::acquires_access_exclusive_lock}; },
            [](const CreateEnum&) -> std::vector<Hazard> { return {}; },
            [](const DropEnum&) -> std::vector<Hazard> { return {H::acquires_access_exclusive_lock}; },
            // ADD VALUE commits on its own (see planner.cpp), so later steps
            // may use the new value.
            [](const AddEnumValue&) -> std::vector<Hazard> { return {}; },
            [](const CreateTable&) -> std::vector<Hazard> { return {}; },
            [](const DropTable&) -> std::vector<Hazard> {
                return {H::deletes_data, H::acquires_access_exclusive_lock};
            },
            // Both directions copy the table into a new file (and SET LOGGED
            // writes all of it to the WAL).
            [](const SetLogged&) -> std::vector<Hazard> {
                return {H::acquires_access_exclusive_lock, H::table_rewrite};
            },
            // Most storage parameters take SHARE UPDATE EXCLUSIVE, some more;
            // the strongest is reported. Nothing is rewritten.
            [](const SetStorage&) -> std::vector<Hazard> { return {H::acquires_access_exclusive_lock}; },
            [&](const AddColumn& c) { return add_column(c, ctx); },
            [](const DropColumn&) -> std::vector<Hazard> {
                return {H::deletes_data, H::acquires_access_exclusive_lock};
            },
            [](const AlterColumn& c) { return alter_column(c); },
            [&](const AddConstraint& c) { return add_constraint(c.table, c.constraint, ctx); },
            [](const DropConstraint&) -> std::vector<Hazard> { return {H::acquires_access_exclusive_lock}; },
            [&](const ReplaceConstraint& c) {
                std::vector<Hazard> out = add_constraint(c.table, c.to, ctx);
                out.push_back(H::acquires_access_exclusive_lock);
                return out;
            },
            [&](const CreateIndex& c) -> std::vector<Hazard> {
                if (ctx.created_tables.count(c.table)) return {};
                // Plain CREATE INDEX holds a SHARE lock: reads go on, writes wait.
                return {H::acquires_share_lock, H::index_build};
            },
            [](const DropIndex&) -> std::vector<Hazard> { return {H::acquires_access_exclusive_lock}; },
            [](const ReplaceIndex&) -> std::vector<Hazard> {
                return {H::acquires_access_exclusive_lock, H::acquires_share_lock, H::index_build};
            },
            [](const SetComment&) -> std::vector<Hazard> { return {}; },
        },
        change);
}

}  // namespace

std::vector<Hazard> hazards_of(const Change& change, const HazardContext& context) {
    std::vector<Hazard> out = raw_hazards(change, context);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::optional<std::string> refusal_of(const Change& change, const HazardContext& context) {
    const char* pass = "pass --allow-destructive";
    return std::visit(
        overloaded{
            [&](const DropSchema& c) -> std::optional<std::string> {
                return fmt::format("drops schema {}; {}", c.schema.name, pass);
            },
            [&](const DropEnum& c) -> std::optional<std::string> {
                return fmt::format("drops enum {} and its values; {}", catalog::display(c.type.name), pass);
            },
            [&](const DropTable& c) -> std::optional<std::string> {
                return fmt::format("drops table {} and all its rows; {}", catalog::display(c.table.name), pass);
            },
            [&](const DropColumn& c) -> std::optional<std::string> {
                std::string column = catalog::display(c.table) + "." + c.column.name;
                if (context.added_columns.count({c.table, c.column.name})) {
                    return fmt::format(
                        "drops column {} and its data to re-create it (its generation expression changes; "
                        "PostgreSQL cannot alter it in place); {}",
                        column, pass);
                }
                return fmt::format("drops column {} and its data; {}", column, pass);
            },
            [&](const AlterColumn& c) -> std::optional<std::string> {
                if (c.what != ColumnAttribute::type) return std::nullopt;
                if (classify_type_change(c.from.type, c.to.type, false).widening) return std::nullopt;
                return fmt::format("changes column {}.{} from {} to {}, which can lose or reject existing values; {}",
                                   catalog::display(c.table), c.to.name, c.from.type, c.to.type, pass);
            },
            [](const auto&) -> std::optional<std::string> { return std::nullopt; },
        },
        change);
}

std::string describe_node(const Change& change) {
    std::string out = kind_name(change) + " " + display(object_of(change));
    if (const auto* add = std::get_if<AddEnumValue>(&change)) out += " '" + add->value + "'";
    return out;
}

}  // namespace reconcile::engine::plan_detail
