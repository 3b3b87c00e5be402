#include "engine/apply/lock_budget.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>

namespace reconcile::engine {

namespace {

// Measured on PostgreSQL 15: a CREATE TABLE with a serial primary key, a
// unique column and a check locks 10 distinct objects (the table, its TOAST
// table and index, each index, the sequence, the schema and types it looks
// up); an ALTER or a COMMENT locks 2 to 4. Rounded up.
constexpr std::size_t locks_per_step = 6;

std::size_t locks_of(const CreateTable& change) {
    const auto& table = change.table;
    std::size_t sequences = 0;
    for (const auto& column : table.columns) {
        if (column.identity || (column.default_expr && column.default_expr->find("nextval(") != std::string::npos)) {
            ++sequences;
        }
    }
    // The table, its TOAST table and TOAST index, a row type and the schema.
    return 5 + sequences + table.indexes.size() + table.constraints.size();
}

std::size_t locks_of(const DropTable& change) {
    return 5 + change.table.indexes.size() + change.table.constraints.size() + change.table.columns.size() / 4;
}

template <class Other>
std::size_t locks_of(const Other&) {
    return locks_per_step;
}

}  // namespace

std::size_t LockTable::transaction_budget() const {
    const auto slots = static_cast<std::size_t>(max_locks_per_transaction) *
                       static_cast<std::size_t>(max_connections + max_prepared_transactions);
    return std::max<std::size_t>(slots / 4, 1);
}

LockTable read_lock_table(catalog::Connection& conn) {
    auto rows = conn.query(
        "SELECT current_setting('max_locks_per_transaction')::int, current_setting('max_connections')::int, "
        "current_setting('max_prepared_transactions')::int");
    LockTable table;
    auto row = rows.row(0);
    table.max_locks_per_transaction = std::stoi(std::string(row[0].value_or("64")));
    table.max_connections = std::stoi(std::string(row[1].value_or("100")));
    table.max_prepared_transactions = std::stoi(std::string(row[2].value_or("0")));
    return table;
}

std::size_t estimated_locks(const Step& step) {
    return std::visit([](const auto& change) { return locks_of(change); }, step.change);
}

std::vector<StepGroup> groups_within_budget(const Plan& plan, std::size_t budget, const LockTable& table) {
    std::vector<StepGroup> out;
    for (const auto& group : plan.execution_groups()) {
        if (group.transactional == Transactional::no) {
            out.push_back(group);
            continue;
        }
        std::size_t used = 0;
        out.push_back({Transactional::yes, {}});
        for (std::size_t index : group.steps) {
            std::size_t locks = estimated_locks(plan.steps[index]);
            if (locks > budget) {
                throw LockBudgetError(fmt::format(
                    "step {} ({}) needs about {} locks in one transaction, more than this server allows one "
                    "transaction to take without crowding out other sessions ({}: a quarter of "
                    "max_locks_per_transaction {} x (max_connections {} + max_prepared_transactions {})). "
                    "Raise max_locks_per_transaction. Nothing was changed.",
                    index + 1, plan.steps[index].description, locks, budget, table.max_locks_per_transaction,
                    table.max_connections, table.max_prepared_transactions));
            }
            if (used + locks > budget && !out.back().steps.empty()) {
                out.push_back({Transactional::yes, {}});
                used = 0;
            }
            used += locks;
            out.back().steps.push_back(index);
        }
    }
    return out;
}

}  // namespace reconcile::engine
