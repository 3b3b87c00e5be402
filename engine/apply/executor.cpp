#include "engine/apply/executor.hpp"

#include <fmt/format.h>

#include "engine/render/sql_writer.hpp"

namespace reconcile::engine {

namespace {

// One fixed key for every reconcile apply: pg_advisory_lock(int4, int4) with
// a recognisable first half ('r','c','n','l').
constexpr const char* lock_args = "1919118956, 1";

void run_in_transaction(const Plan& plan, catalog::Connection& conn, const ApplyOptions& options) {
    conn.execute("BEGIN");
    conn.execute("SET LOCAL lock_timeout = " + sql::literal(options.lock_timeout));
    conn.execute("SET LOCAL statement_timeout = " + sql::literal(options.statement_timeout));
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        const Step& step = plan.steps[i];
        if (step.transactional == Transactional::no) continue;
        for (const auto& statement : step.sql) {
            try {
                conn.execute(statement);
            } catch (const catalog::QueryError& error) {
                conn.execute("ROLLBACK");
                throw ApplyError(fmt::format("step {} ({}) failed: {}\n  statement: {}\nrolled back; the database "
                                             "is unchanged",
                                             i + 1, step.description, error.what(), statement),
                                 i + 1);
            }
        }
    }
    conn.execute("COMMIT");
}

}  // namespace

ApplyLock::ApplyLock(catalog::Connection& conn, const ApplyOptions& options) : conn_(conn) {
    try {
        // lock_timeout bounds the wait for an advisory lock as for any lock.
        conn_.execute("SET lock_timeout = " + sql::literal(options.apply_lock_timeout));
        conn_.query(fmt::format("SELECT pg_advisory_lock({})", lock_args));
        conn_.execute("RESET lock_timeout");
    } catch (const catalog::QueryError& error) {
        throw ApplyLockError(fmt::format("another reconcile apply holds {} (waited {}): {}", conn_.display_name(),
                                         options.apply_lock_timeout, error.what()));
    }
}

ApplyLock::~ApplyLock() {
    try {
        conn_.query(fmt::format("SELECT pg_advisory_unlock({})", lock_args));
    } catch (...) {
        // Session locks end with the session anyway.
    }
}

void execute_plan(const Plan& plan, catalog::Connection& conn, const ApplyOptions& options) {
    run_in_transaction(plan, conn, options);
    // Steps that cannot run inside a transaction block (none are produced
    // yet; CREATE INDEX CONCURRENTLY will be) run after the commit, one by one.
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        const Step& step = plan.steps[i];
        if (step.transactional == Transactional::yes) continue;
        for (const auto& statement : step.sql) {
            try {
                conn.execute(statement);
            } catch (const catalog::QueryError& error) {
                throw ApplyError(fmt::format("step {} ({}) failed: {}\n  statement: {}\nthe transactional steps "
                                             "before it were committed; re-run apply to converge",
                                             i + 1, step.description, error.what(), statement),
                                 i + 1);
            }
        }
    }
}

}  // namespace reconcile::engine
