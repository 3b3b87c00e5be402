#pragma once
// Runs a plan against a database: steps in plan order, consecutive
// transactional steps in one transaction (see Plan::execution_groups), with
// lock and statement timeouts, under an advisory lock so two applies on one
// database never interleave.
#include <cstddef>
#include <stdexcept>
#include <string>

#include "catalog/pg/connection.hpp"
#include "engine/plan/plan.hpp"

namespace reconcile::engine {

struct ApplyOptions {
    // How long one statement may wait for a table lock before the whole
    // apply gives up (and rolls back) instead of queueing behind a long
    // transaction and blocking everyone queued behind it.
    std::string lock_timeout = "10s";
    // How long one statement may run.
    std::string statement_timeout = "30min";
    // How long to wait for another apply on the same database to finish.
    std::string apply_lock_timeout = "60s";
};

// A step failed; its transaction was rolled back. Names the step, carries the
// server's message and says what, if anything, had already committed.
struct ApplyError : std::runtime_error {
    ApplyError(const std::string& message, std::size_t step_number)
        : std::runtime_error(message), step_number(step_number) {}
    std::size_t step_number;  // 1-based
};

// Another apply holds the database.
struct ApplyLockError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Held for the lifetime of one apply: a session-level advisory lock taken
// before the database is read, so the plan that is executed is the plan
// computed from what the database holds while we hold the lock.
class ApplyLock {
public:
    ApplyLock(catalog::Connection& conn, const ApplyOptions& options);  // throws ApplyLockError
    ~ApplyLock();
    ApplyLock(const ApplyLock&) = delete;
    ApplyLock& operator=(const ApplyLock&) = delete;

private:
    catalog::Connection& conn_;
};

// REQUIRES: !plan.has_refused_steps(). Throws ApplyError after rolling back.
void execute_plan(const Plan& plan, catalog::Connection& conn, const ApplyOptions& options);

}  // namespace reconcile::engine
