#pragma once
// Keeping one apply transaction inside the server's shared lock table.
//
// PostgreSQL holds every lock a transaction takes until it ends, in one
// table shared by all sessions of the server and sized
// max_locks_per_transaction x (max_connections + max_prepared_transactions).
// A single transaction that creates thousands of tables fills it, and then
// it fails with "out of shared memory" and so does any other session of the
// server that needs a lock meanwhile, in any database. So apply cuts a long
// run of transactional steps into several transactions, in plan order, each
// estimated to stay within a quarter of that table.
#include <cstddef>
#include <stdexcept>
#include <vector>

#include "catalog/pg/connection.hpp"
#include "engine/plan/plan.hpp"

namespace reconcile::engine {

struct LockTable {
    int max_locks_per_transaction = 64;
    int max_connections = 100;
    int max_prepared_transactions = 0;

    // Locks one apply transaction may take: a quarter of the shared table,
    // leaving the rest to the server's other sessions.
    std::size_t transaction_budget() const;
};

// Reads the three settings. Throws QueryError.
LockTable read_lock_table(catalog::Connection& conn);

// An upper estimate of the locked objects a step adds to its transaction:
// every relation it creates or alters (a new table's indexes, sequences and
// TOAST table included) and the catalog objects it looks up.
std::size_t estimated_locks(const Step& step);

// A step alone needs more locks than one transaction may take on this
// server: refused before anything runs.
struct LockBudgetError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// plan.execution_groups(), with each transactional group cut where its
// estimated locks would pass `budget`. Throws LockBudgetError.
std::vector<StepGroup> groups_within_budget(const Plan& plan, std::size_t budget, const LockTable& table);

}  // namespace reconcile::engine
