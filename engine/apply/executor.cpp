#include "engine/apply/executor.hpp"

#include <fmt/format.h>

#include "engine/render/sql_writer.hpp"

namespace reconcile::engine {

namespace {

// One fixed key for every reconcile apply: pg_advisory_lock(int4, int4) with
// a recognisable first half ('r','c','n','l').
constexpr const char* lock_args = "1919118956, 1";

std::string step_failed(std::size_t index, const Step& step, const catalog::QueryError& error,
                        const std::string& statement, std::size_t committed) {
    std::string outcome = committed == 0
                              ? "rolled back; the database is unchanged"
                              : fmt::format(
                                    "rolled back this step's transaction; the {} step{} before it that had to "
                                    "commit on their own stay applied. Re-run apply to converge",
                                    committed, committed == 1 ? "" : "s");
    return fmt::format("step {} ({}) failed: {}\n  statement: {}\n{}", index + 1, step.description, error.what(),
                       statement, outcome);
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
    std::size_t committed = 0;  // steps already committed by earlier groups
    for (const auto& group : plan.execution_groups()) {
        bool transaction = group.transactional == Transactional::yes;
        if (transaction) conn.execute("BEGIN");
        // SET LOCAL inside the transaction, plain SET for a step on its own;
        // either way every statement runs under the timeouts.
        std::string set = transaction ? "SET LOCAL " : "SET ";
        conn.execute(set + "lock_timeout = " + sql::literal(options.lock_timeout));
        conn.execute(set + "statement_timeout = " + sql::literal(options.statement_timeout));
        for (std::size_t index : group.steps) {
            const Step& step = plan.steps[index];
            // Each statement alone (extended protocol): a step's SQL carries
            // manifest text, which must never be able to add a command.
            for (const auto& statement : step.sql) {
                try {
                    conn.execute(statement);
                } catch (const catalog::QueryError& error) {
                    // On a lost connection the rollback fails too (the server
                    // rolls back on its own); the step's error is the news.
                    if (transaction) {
                        try {
                            conn.execute("ROLLBACK");
                        } catch (const catalog::QueryError&) {
                        }
                    }
                    throw ApplyError(step_failed(index, step, error, statement, committed), index + 1);
                }
            }
        }
        if (transaction) conn.execute("COMMIT");
        committed += group.steps.size();
    }
}

}  // namespace reconcile::engine
