#pragma once
// Runs a plan against a database: steps in plan order, consecutive
// transactional steps in one transaction (see Plan::execution_groups, cut
// further to fit the server's lock table: lock_budget.hpp), under an
// advisory lock so two applies on one database never interleave.
//
// Lock discipline: every statement waits at most `lock_timeout` for a lock.
// A transaction that hits it is rolled back whole, apply waits (backoff with
// jitter, holding no lock) and runs it again from its first step, up to
// `lock_attempts` times. A session queued behind apply's lock request thus
// waits at most lock_timeout, and apply never holds half a group. When it
// gives up it names the sessions that held the lock. A transaction of
// several steps first locks the existing tables they lock strongly,
// referencing tables before referenced ones (lock_order.hpp), so it does
// not deadlock with an application writing through a foreign key.
#include <chrono>
#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "catalog/pg/connection.hpp"
#include "engine/apply/sessions.hpp"
#include "engine/plan/plan.hpp"

namespace reconcile::engine {

// What stands between apply and PostgreSQL. A pooler in transaction mode
// (PgBouncer pool_mode=transaction) hands each transaction whichever server
// session is free, so a session-level lock or SET stays behind on a server
// session apply no longer has: the lock then blocks every later apply until
// that session ends.
enum class PoolerMode {
    detect,       // none expected: apply refuses when it sees a pooler
    session,      // one server session per client: apply works as direct
    transaction,  // the apply lock and settings per transaction; only transactional steps
};

struct ApplyOptions {
    // How long one statement may wait for a lock before its transaction is
    // rolled back and tried again: short, since every session that wants
    // the table after apply queues behind apply's request meanwhile.
    std::chrono::milliseconds lock_timeout{std::chrono::seconds(2)};
    // Tries per transaction (the first included) before apply gives up.
    int lock_attempts = 5;
    // The wait before the second try; doubled for each later one (at most
    // max_retry_wait) and jittered by +-50% so that two waiting clients do
    // not retry in step.
    std::chrono::milliseconds retry_wait{std::chrono::milliseconds(500)};
    // How long one statement may run.
    std::chrono::milliseconds statement_timeout{std::chrono::minutes(30)};
    // How long to wait for another apply on the same database to finish;
    // zero: fail at once, naming it.
    std::chrono::milliseconds apply_lock_wait{0};
    // Where progress and waits are reported (stderr in the CLI); may be empty.
    std::function<void(const std::string&)> report;
    // The schemas the manifests claim, searched (then public) while the
    // steps run. Every name reconcile writes is qualified; this is for
    // CREATE FUNCTION checking a SQL body that names another claimed
    // schema's objects unqualified, as the body will find them at run time
    // under the search_path its callers set. Empty: the session's own.
    std::vector<std::string> search_path;
    PoolerMode pooler = PoolerMode::detect;
};

inline constexpr std::chrono::milliseconds max_retry_wait{std::chrono::seconds(8)};

// Why a step stopped, for callers that act on it (the CLI's exit code).
enum class ApplyFailure {
    statement,     // the server rejected a statement
    lock_timeout,  // gave up waiting for a lock after every attempt
    interrupted,   // SIGINT/SIGTERM: the statement was cancelled
    connection,    // the connection to the server was lost
};

// A step failed; its transaction was rolled back (by apply, or by the server
// when the connection died). The message names the step, carries the
// server's message and says exactly what had already committed.
struct ApplyError : std::runtime_error {
    ApplyError(const std::string& message, std::size_t step_number, ApplyFailure failure = ApplyFailure::statement)
        : std::runtime_error(message), step_number(step_number), failure(failure) {}
    std::size_t step_number;  // 1-based
    ApplyFailure failure;
    std::vector<SessionInfo> blockers;  // for lock_timeout: who held the lock
};

// Another apply holds the database.
struct ApplyLockError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Held for the lifetime of one apply: a session-level advisory lock taken
// before the database is read, so the plan that is executed is the plan
// computed from what the database holds while we hold the lock. When
// another apply holds it, fails at once naming the holder, or, with
// options.apply_lock_wait, says whom it waits for and waits that long.
// Refuses, before taking anything, a connection that goes through a pooler
// unless options.pooler says which kind; with PoolerMode::transaction it
// takes nothing (each transaction locks for itself:
// lock_apply_transaction).
class ApplyLock {
public:
    ApplyLock(catalog::Connection& conn, const ApplyOptions& options);  // throws ApplyLockError
    ~ApplyLock();
    ApplyLock(const ApplyLock&) = delete;
    ApplyLock& operator=(const ApplyLock&) = delete;

private:
    catalog::Connection& conn_;
    bool held_ = false;
};

// The apply lock for the open transaction only, released by its COMMIT or
// ROLLBACK (PoolerMode::transaction). Waits like ApplyLock. Throws
// ApplyLockError, whose message ends with `outcome` (what stays applied),
// leaving the transaction for the caller to roll back.
void lock_apply_transaction(catalog::Connection& conn, const ApplyOptions& options, const std::string& outcome);

// The process id of the server session running this connection's
// statements: not libpq's PQbackendPID behind a pooler, which answers the
// startup with an id of its own.
int server_session_pid(catalog::Connection& conn);

// REQUIRES: !plan.has_refused_steps(). Throws ApplyError after rolling back,
// LockBudgetError (lock_budget.hpp) before running anything.
void execute_plan(const Plan& plan, catalog::Connection& conn, const ApplyOptions& options);

}  // namespace reconcile::engine
