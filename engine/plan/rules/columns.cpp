#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

int priority_of(const AddColumn&) {
    return 4;
}
int priority_of(const AlterColumn&) {
    return 5;
}
int priority_of(const DropColumn&) {
    return 13;
}

Dependencies dependencies_of(const AddColumn& change, const PlanContext&) {
    Dependencies out{.creates = {change.object()}};
    if (auto sequence = serial_sequence(change.table, change.column)) out.creates.push_back(*sequence);
    add_column_needs(out, change.column);
    return out;
}

Dependencies dependencies_of(const DropColumn& change, const PlanContext&) {
    Dependencies out{.drops = {change.object()}};
    if (auto type = type_needed(change.column.type)) out.releases.push_back(*type);
    return out;
}

Dependencies dependencies_of(const AlterColumn& change, const PlanContext&) {
    Dependencies out;
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
            break;
        case ColumnAttribute::not_null:
        case ColumnAttribute::identity:
        case ColumnAttribute::generated:
        case ColumnAttribute::collation:
            break;
    }
    return out;
}

}  // namespace reconcile::engine::plan_detail
