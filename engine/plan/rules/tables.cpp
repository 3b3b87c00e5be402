#include <fmt/format.h>

#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

int priority_of(const CreateTable&) {
    return 3;
}
int priority_of(const SetLogged&) {
    return 4;
}
int priority_of(const SetStorage&) {
    return 4;
}
int priority_of(const DropTable&) {
    return 14;
}

// The table with its columns and inline keys and checks; foreign keys and
// indexes are changes of their own.
Dependencies dependencies_of(const CreateTable& change, const PlanContext& context) {
    const Table& table = change.table;
    Dependencies out{.creates = {change.object()}};
    if (table.partition_of) {
        out.creates.push_back(partition_link(table.name));
        out.needs.push_back(catalog::table_id(table.partition_of->parent));
    }
    for (const auto& parent : table.inherits) out.needs.push_back(catalog::table_id(parent));
    // A key expression may call a function of this plan.
    if (table.partitioning) {
        auto calls = context.functions_called(*table.partitioning, {});
        out.needs.insert(out.needs.end(), calls.begin(), calls.end());
    }
    for (const auto& column : table.columns) {
        out.creates.push_back(catalog::column_id(table.name, column.name));
        if (auto sequence = serial_sequence(table.name, column)) out.creates.push_back(*sequence);
        add_column_needs(out, column);
        add_column_calls(out.needs, context, column);
    }
    for (const auto& constraint : table.constraints) {
        add_constraint_calls(out.needs, context, constraint);
        if (constraint.kind != catalog::ConstraintKind::foreign_key) {
            out.creates.push_back(catalog::constraint_id(table.name, constraint.name));
        }
    }
    return out;
}

// Dropping a table stops its columns using their types and its foreign keys
// using the tables they reference (PostgreSQL would need CASCADE otherwise),
// except keys dropped by a change of their own: between two dropped tables
// that reference each other, that is what breaks the cycle.
Dependencies dependencies_of(const DropTable& change, const PlanContext& context) {
    const Table& table = change.table;
    Dependencies out{.drops = {change.object()}};
    // A view records the columns it reads, not their table (pg_depend of
    // its rule): it must go before the table that takes them along.
    for (const auto& column : table.columns) out.drops.push_back(catalog::column_id(table.name, column.name));
    // DROP TABLE refuses a parent that still has children.
    for (const auto& parent : table.inherits) out.releases.push_back(catalog::table_id(parent));
    // A partition goes before its parent, which would take it along.
    if (table.partition_of) {
        out.drops.push_back(partition_link(table.name));
        out.releases.push_back(catalog::table_id(table.partition_of->parent));
    }
    for (const auto& column : table.columns) {
        if (auto type = type_needed(column.type)) out.releases.push_back(*type);
    }
    for (const auto& constraint : table.constraints) {
        if (!constraint.references ||
            context.dropped_constraints.count(catalog::constraint_id(table.name, constraint.name)))
            continue;
        if (constraint.references->table == table.name) continue;
        add_foreign_key_needs(out.releases, *constraint.references);
    }
    return out;
}

Dependencies dependencies_of(const SetLogged&, const PlanContext&) {
    return {};
}
Dependencies dependencies_of(const SetStorage&, const PlanContext&) {
    return {};
}

std::vector<Hazard> hazards(const CreateTable&, const HazardContext&) {
    return {};
}
std::vector<Hazard> hazards(const DropTable&, const HazardContext&) {
    return {Hazard::deletes_data, Hazard::acquires_access_exclusive_lock};
}
// Both directions copy the table into a new file (and SET LOGGED writes all
// of it to the WAL).
std::vector<Hazard> hazards(const SetLogged&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock, Hazard::table_rewrite};
}
// Most storage parameters take SHARE UPDATE EXCLUSIVE, some more; the
// strongest is reported. Nothing is rewritten.
std::vector<Hazard> hazards(const SetStorage&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}

std::optional<std::string> refusal(const CreateTable&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const DropTable& change, const HazardContext&) {
    return fmt::format("drops table {} and all its rows; {}", catalog::display(change.table.name),
                       pass_allow_destructive);
}
std::optional<std::string> refusal(const SetLogged&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const SetStorage&, const HazardContext&) {
    return std::nullopt;
}

}  // namespace reconcile::engine::plan_detail
