#include "engine/apply/executor.hpp"

#include <fmt/format.h>

#include <optional>
#include <random>
#include <thread>

#include "catalog/pg/interrupt.hpp"
#include "engine/apply/duration.hpp"
#include "engine/apply/lock_budget.hpp"
#include "engine/apply/lock_order.hpp"
#include "engine/apply/secrets.hpp"
#include "engine/render/render.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr std::string_view lock_not_available = "55P03";
constexpr std::string_view deadlock_detected = "40P01";

// A statement waited lock_timeout (or lost a deadlock); its transaction has
// been rolled back and may be tried again.
struct LockWaitGaveUp {
    std::size_t step;
    std::string statement;
    std::string message;
};

std::string seconds(Clock::duration elapsed) {
    return fmt::format("{:.1f}s", std::chrono::duration<double>(elapsed).count());
}

std::string step_range(const StepGroup& group) {
    if (group.steps.size() == 1) return fmt::format("step {}", group.steps.front() + 1);
    return fmt::format("steps {} to {}", group.steps.front() + 1, group.steps.back() + 1);
}

class Executor {
public:
    // Passwords are resolved first: a missing variable stops the apply
    // before anything runs (MissingSecret).
    Executor(const Plan& plan, catalog::Connection& conn, const ApplyOptions& options)
        : plan_(plan),
          conn_(conn),
          options_(options),
          random_(std::random_device{}()),
          secrets_(resolve_secrets(plan, conn)) {}

    void run() {
        LockTable table = read_lock_table(conn_);
        groups_ = groups_within_budget(plan_, table.transaction_budget(), table);
        if (options_.pooler == PoolerMode::transaction) refuse_steps_outside_transactions();
        prepare_session();
        std::size_t transactions = 0;
        for (const auto& group : groups_) transactions += group.transactional == Transactional::yes ? 1 : 0;
        if (transactions > 1 && plan_.execution_groups().size() < groups_.size()) {
            report(fmt::format(
                "The plan runs in {} transactions: one would take more locks than this server's lock table leaves "
                "for a single transaction (about {}: a quarter of max_locks_per_transaction {} x (max_connections "
                "{} + max_prepared_transactions {})). Each commits on its own, in plan order.",
                transactions, table.transaction_budget(), table.max_locks_per_transaction, table.max_connections,
                table.max_prepared_transactions));
        }
        start_ = Clock::now();
        for (std::size_t g = 0; g < groups_.size(); ++g) {
            run_with_retries(groups_[g]);
            committed_steps_ += groups_[g].steps.size();
            ++committed_groups_;
            if (groups_.size() > 1) {
                report(fmt::format("committed {} ({} of {} commits, {} elapsed)", step_range(groups_[g]), g + 1,
                                   groups_.size(), seconds(Clock::now() - start_)));
            }
        }
        conn_.watch_slow_statements(std::nullopt);
    }

private:
    void report(const std::string& line) const {
        if (options_.report) options_.report(line);
    }

    // Behind a transaction-mode pooler a step outside a transaction would
    // run on whichever server session is free, without apply's lock and
    // timeouts, which hold only inside a transaction there.
    void refuse_steps_outside_transactions() const {
        for (const auto& group : groups_) {
            if (group.transactional == Transactional::yes) continue;
            const std::size_t index = group.steps.front();
            throw ApplyLockError(fmt::format(
                "step {} of {} ({}) runs outside a transaction, where --pooler transaction cannot keep it under "
                "apply's lock and timeouts (the pooler may send it to any server session). Connect apply to "
                "PostgreSQL directly, or plan without --online. Nothing was changed.",
                index + 1, plan_.steps.size(), plan_.steps[index].description));
        }
    }

    // A backend whose client died stops at its next check instead of
    // running its statement to the end while holding its locks (PG 14+);
    // behind a transaction-mode pooler it is set in each transaction
    // (run_group), since a session setting would stay on a server session
    // apply no longer has. The monitor session is where apply looks for
    // the sessions that block it; apply works without it.
    void prepare_session() {
        const bool per_transaction = options_.pooler == PoolerMode::transaction;
        if (conn_.server_version() >= 140000 && !per_transaction) {
            conn_.execute("SET client_connection_check_interval = '1s'");
        }
        try {
            monitor_.emplace(conn_.open_another());
        } catch (const std::exception&) {
            return;
        }
        server_pid_ = server_session_pid(conn_);
        catalog::SlowStatementWatch watch;
        watch.after = std::max(milliseconds(100), options_.lock_timeout / 2);
        watch.every = std::max(milliseconds(100), options_.lock_timeout / 4);
        watch.call = [this] {
            report_slow_step();
            try {
                auto found = blocking_sessions(*monitor_, server_pid_);
                if (!found.empty()) blockers_ = std::move(found);
            } catch (const catalog::QueryError&) {
                // Only a report is lost.
            }
        };
        conn_.watch_slow_statements(std::move(watch));
    }

    void run_with_retries(const StepGroup& group) {
        for (int attempt = 1;; ++attempt) {
            blockers_.clear();
            try {
                run_group(group);
                return;
            } catch (const LockWaitGaveUp& gave_up) {
                if (attempt >= options_.lock_attempts) throw lock_error(group, gave_up, attempt);
                milliseconds wait = retry_wait(attempt);
                report(fmt::format(
                    "step {} ({}) waited {} for a lock{}; rolled back {}, trying again in {} "
                    "(attempt {} of {})",
                    gave_up.step + 1, plan_.steps[gave_up.step].description, format_duration(options_.lock_timeout),
                    held_by(), step_range(group), format_duration(wait), attempt + 1, options_.lock_attempts));
                sleep_unless_interrupted(wait, gave_up.step);
            }
        }
    }

    std::string held_by() const {
        if (blockers_.empty()) return "";
        std::string out = " held by";
        for (const auto& session : blockers_) {
            out += fmt::format(" pid {} ({})", session.pid,
                               session.application.empty() ? "no application name" : session.application);
        }
        return out;
    }

    milliseconds retry_wait(int attempt) {
        milliseconds base = options_.retry_wait;
        for (int i = 1; i < attempt && base < max_retry_wait; ++i) base *= 2;
        base = std::min(base, max_retry_wait);
        std::uniform_real_distribution<double> jitter(0.5, 1.5);
        return milliseconds(static_cast<long long>(static_cast<double>(base.count()) * jitter(random_)));
    }

    void sleep_unless_interrupted(milliseconds wait, std::size_t step) {
        auto until = Clock::now() + wait;
        while (Clock::now() < until) {
            if (catalog::interrupt_requested()) {
                throw ApplyError(fmt::format("interrupted while waiting to try step {} ({}) again; nothing was "
                                             "running on the server. {}",
                                             step + 1, plan_.steps[step].description, committed_text()),
                                 step + 1, ApplyFailure::interrupted);
            }
            std::this_thread::sleep_for(std::min<Clock::duration>(milliseconds(50), until - Clock::now()));
        }
    }

    // "app", "extensions", public: the claimed schemas, then public.
    std::string search_path_list() const {
        std::string out;
        bool has_public = false;
        for (const auto& schema : options_.search_path) {
            out += (out.empty() ? "" : ", ") + sql::ident(schema);
            has_public = has_public || schema == "public";
        }
        return has_public ? out : out + ", public";
    }

    void run_group(const StepGroup& group) {
        const bool transaction = group.transactional == Transactional::yes;
        const std::size_t first = group.steps.front();
        // SET LOCAL inside the transaction, plain SET for a step on its own;
        // either way every statement runs under the timeouts.
        const std::string set = transaction ? "SET LOCAL " : "SET ";
        for (const std::string& statement :
             {std::string(transaction ? "BEGIN" : ""),
              set + "lock_timeout = " + sql::literal(format_duration(options_.lock_timeout)),
              set + "statement_timeout = " + sql::literal(format_duration(options_.statement_timeout)),
              options_.search_path.empty() ? std::string() : set + "search_path = " + search_path_list()}) {
            if (!statement.empty()) run_statement(group, first, statement);
        }
        if (options_.pooler == PoolerMode::transaction) lock_this_transaction(group);
        if (transaction) lock_tables_up_front(group);
        for (std::size_t index : group.steps) {
            if (catalog::interrupt_requested()) {
                rollback_quietly(transaction);
                throw ApplyError(fmt::format("interrupted before step {} ({}); {}{}", index + 1,
                                             plan_.steps[index].description, rolled_back_text(group), committed_text()),
                                 index + 1, ApplyFailure::interrupted);
            }
            check_guards(group, index);
            // Each statement alone (extended protocol): a step's SQL carries
            // manifest text, which must never be able to add a command.
            for (const auto& statement : plan_.steps[index].sql) run_statement(group, index, statement);
        }
        if (transaction) commit(group);
    }

    // Behind a transaction-mode pooler: the apply lock and the session's
    // settings for this transaction, on the server session that runs it
    // (whose pid the monitor then watches).
    void lock_this_transaction(const StepGroup& group) {
        const std::size_t first = group.steps.front();
        if (conn_.server_version() >= 140000) {
            run_statement(group, first, "SET LOCAL client_connection_check_interval = '1s'");
        }
        try {
            lock_apply_transaction(conn_, options_, rolled_back_text(group) + committed_text());
            if (monitor_) server_pid_ = server_session_pid(conn_);
        } catch (const ApplyLockError& error) {
            rollback_quietly(true);
            throw ApplyError(error.what(), first + 1, ApplyFailure::lock_timeout);
        } catch (const catalog::QueryError& error) {
            fail(group, first, "(taking the apply lock for this transaction)", error);
        }
    }

    // Referencing tables before the tables they reference, all before the
    // first step (lock_order.hpp): a wait here holds nothing an application
    // writing those tables needs, so it ends in a retry, never a deadlock.
    void lock_tables_up_front(const StepGroup& group) {
        auto locks = tables_to_lock(plan_, group);
        if (locks.empty()) return;
        std::vector<TableLock> ordered;
        try {
            ordered = order_locks(conn_, locks, planned_references(plan_, group));
        } catch (const catalog::QueryError& error) {
            fail(group, group.steps.front(), "(reading the foreign keys between the tables to lock)", error);
        }
        for (const auto& lock : ordered) run_statement(group, lock.step, lock_statement(lock));
    }

    // The rows may have changed since plan counted them: asked again, in
    // this transaction, right before the step.
    void check_guards(const StepGroup& group, std::size_t index) {
        for (const auto& planned : plan_.steps[index].guards) {
            Guard guard = planned;
            try {
                auto rows = conn_.query(guard.count_sql);
                guard.count = std::stoll(std::string(rows.row(0)[0].value_or("0")));
                guard.examples.clear();
                if (guard.fails() && !guard.examples_sql.empty()) {
                    for (auto row : conn_.query(guard.examples_sql))
                        guard.examples.emplace_back(row[0].value_or("NULL"));
                }
            } catch (const catalog::QueryError& error) {
                fail(group, index, guard.count_sql, error);
            }
            if (!guard.fails()) continue;
            rollback_quietly(group.transactional == Transactional::yes);
            throw ApplyError(fmt::format("step {} of {} ({}) did not run: its guard fails now: {}\n{}{}", index + 1,
                                         plan_.steps.size(), plan_.steps[index].description, describe_guard(guard),
                                         rolled_back_text(group), committed_text()),
                             index + 1);
        }
    }

    // A step that runs long (an index build, a rewrite) says so every
    // progress_every, so a terminal or CI log shows what apply waits on.
    void report_slow_step() {
        auto running = Clock::now() - statement_started_;
        if (running < next_progress_) return;
        next_progress_ += progress_every;
        // An index build (CREATE INDEX, or ALTER TABLE adding a key) says
        // which phase it is in and whose transaction it waits for.
        std::string progress;
        if (monitor_) {
            try {
                progress = index_build_progress(*monitor_, server_pid_);
            } catch (const catalog::QueryError&) {
                // Only the detail is lost.
            }
        }
        report(fmt::format("step {} of {} ({}): running for {}{}", current_step_ + 1, plan_.steps.size(),
                           plan_.steps[current_step_].description, seconds(running),
                           progress.empty() ? "" : "; " + progress));
    }

    void run_statement(const StepGroup& group, std::size_t index, const std::string& statement) {
        current_step_ = index;
        statement_started_ = Clock::now();
        next_progress_ = progress_every;
        try {
            // Messages keep naming `statement`, the text the plan shows: a
            // password set from the environment is sent as its verifier.
            auto secret = secrets_.find(statement);
            conn_.execute(secret == secrets_.end() ? statement : secret->second);
        } catch (const catalog::QueryError& error) {
            fail(group, index, statement, error);
        }
    }

    [[noreturn]] void fail(const StepGroup& group, std::size_t index, const std::string& statement,
                           const catalog::QueryError& error) {
        const bool transaction = group.transactional == Transactional::yes;
        const Step& step = plan_.steps[index];
        const std::string where = fmt::format("step {} of {} ({})", index + 1, plan_.steps.size(), step.description);
        if (conn_.broken()) {
            // Nothing can be sent on a dead connection: a ROLLBACK here would
            // only fail and bury the server's last message under its own.
            throw ApplyError(
                fmt::format("lost the connection to the server during {}: {}\n  statement: {}\n{}{}", where,
                            error.what(), statement,
                            transaction ? fmt::format("The server rolls back a transaction whose session ends, so "
                                                      "{} did not commit. ",
                                                      step_range(group))
                                        : "",
                            committed_text()),
                index + 1, ApplyFailure::connection);
        }
        rollback_quietly(transaction);
        // Not when the name was taken: that index is someone else's.
        if (error.sqlstate != "42P07") drop_invalid_index(step);
        if (catalog::interrupt_requested()) {
            throw ApplyError(fmt::format("interrupted during {}: its statement was cancelled on the server ({}).\n  "
                                         "statement: {}\n{}{}",
                                         where, error.what(), statement, rolled_back_text(group), committed_text()),
                             index + 1, ApplyFailure::interrupted);
        }
        if (error.sqlstate == lock_not_available || error.sqlstate == deadlock_detected) {
            throw LockWaitGaveUp{index, statement, error.what()};
        }
        throw ApplyError(fmt::format("{} failed: {}\n  statement: {}\n{}{}", where, error.what(), statement,
                                     rolled_back_text(group), committed_text()),
                         index + 1);
    }

    void commit(const StepGroup& group) {
        try {
            conn_.execute("COMMIT");
        } catch (const catalog::QueryError& error) {
            std::size_t last = group.steps.back();
            if (conn_.broken()) {
                throw ApplyError(fmt::format("lost the connection to the server while committing {}: {}\nWhether "
                                             "the server committed them is unknown: run plan to see what is left. {}",
                                             step_range(group), error.what(), committed_text()),
                                 last + 1, ApplyFailure::connection);
            }
            // A deferred constraint fails at COMMIT, which then rolls back.
            throw ApplyError(fmt::format("committing {} failed: {}\n{}{}", step_range(group), error.what(),
                                         rolled_back_text(group), committed_text()),
                             last + 1);
        }
    }

    // A CREATE INDEX CONCURRENTLY that fails after its first phase leaves
    // an INVALID index behind, which a later plan would take for the real
    // one. Dropped at once, so that re-running apply builds it again.
    void drop_invalid_index(const Step& step) {
        const auto* create = std::get_if<CreateIndex>(&step.change);
        if (create == nullptr || !create->concurrently) return;
        catalog::InterruptShield shield;
        try {
            conn_.execute("DROP INDEX CONCURRENTLY IF EXISTS " +
                          sql::qualified({create->table.schema, create->index.name}));
        } catch (const catalog::QueryError& error) {
            report(fmt::format("could not drop the index {} left INVALID by the failed build: {}", create->index.name,
                               error.what()));
        }
    }

    void rollback_quietly(bool transaction) {
        if (!transaction) return;
        catalog::InterruptShield shield;
        try {
            conn_.execute("ROLLBACK");
        } catch (const catalog::QueryError&) {
            // The session ends without committing anyway.
        }
    }

    ApplyError lock_error(const StepGroup& group, const LockWaitGaveUp& gave_up, int attempts) const {
        std::string sessions;
        if (blockers_.empty()) {
            sessions = "  the sessions holding the lock were gone when apply looked\n";
        } else {
            sessions = "  held by:\n";
            for (const auto& session : blockers_) sessions += "    " + describe_session(session) + "\n";
        }
        ApplyError error(
            fmt::format("step {} of {} ({}) could not get a lock: each of {} attempts waited {} (--lock-timeout) and "
                        "gave up ({}).\n  statement: {}\n{}{}{}",
                        gave_up.step + 1, plan_.steps.size(), plan_.steps[gave_up.step].description, attempts,
                        format_duration(options_.lock_timeout), gave_up.message, gave_up.statement, sessions,
                        rolled_back_text(group), committed_text()),
            gave_up.step + 1, ApplyFailure::lock_timeout);
        error.blockers = blockers_;
        return error;
    }

    std::string rolled_back_text(const StepGroup& group) const {
        if (group.transactional == Transactional::no) return "";
        return fmt::format("The transaction of {} was rolled back. ", step_range(group));
    }

    // What stays applied: the transactions before the failing one.
    std::string committed_text() const {
        if (committed_steps_ == 0) return "Nothing had committed: the database is unchanged.";
        std::string steps =
            committed_steps_ == 1 ? std::string("Step 1 had") : fmt::format("Steps 1 to {} had", committed_steps_);
        return fmt::format("{} committed ({} commit{}) and stay{} applied; re-run apply to converge.", steps,
                           committed_groups_, committed_groups_ == 1 ? "" : "s", committed_steps_ == 1 ? "s" : "");
    }

    const Plan& plan_;
    catalog::Connection& conn_;
    const ApplyOptions& options_;
    std::mt19937 random_;
    std::vector<StepGroup> groups_;
    std::optional<catalog::Connection> monitor_;
    int server_pid_ = 0;  // the server session running the steps, for the monitor
    std::vector<SessionInfo> blockers_;
    std::size_t committed_steps_ = 0;
    std::size_t committed_groups_ = 0;
    Clock::time_point start_;
    static constexpr std::chrono::seconds progress_every{10};
    std::size_t current_step_ = 0;
    Clock::time_point statement_started_;
    Clock::duration next_progress_{progress_every};
    std::map<std::string, std::string> secrets_;
};

}  // namespace

void execute_plan(const Plan& plan, catalog::Connection& conn, const ApplyOptions& options) {
    Executor executor(plan, conn, options);
    try {
        executor.run();
    } catch (...) {
        conn.watch_slow_statements(std::nullopt);
        throw;
    }
}

}  // namespace reconcile::engine
