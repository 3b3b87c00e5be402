// ApplyLock (executor.hpp): one apply per database at a time.
#include <fmt/format.h>

#include "engine/apply/duration.hpp"
#include "engine/apply/executor.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine {

namespace {

// One fixed key for every reconcile apply: pg_advisory_lock(int4, int4) with
// a recognisable first half ('r','c','n','l').
constexpr int lock_key1 = 1919118956;
constexpr int lock_key2 = 1;

std::string holders_text(catalog::Connection& conn) {
    std::vector<SessionInfo> holders;
    try {
        holders = advisory_lock_holders(conn, lock_key1, lock_key2);
    } catch (const catalog::QueryError&) {
    }
    if (holders.empty()) return "a session that has ended since";
    std::string out;
    for (const auto& holder : holders) out += (out.empty() ? "" : "; ") + describe_session(holder);
    return out;
}

// The lock itself, session-level or for the open transaction: taken at
// once when free; else, with options.apply_lock_wait, waited for under a
// lock_timeout of that length (which bounds an advisory lock's wait like
// any other). A failure names the holder and ends with `outcome`, what
// stays of the database.
void take(catalog::Connection& conn, const ApplyOptions& options, bool transaction_only, const std::string& outcome) {
    const std::string key = fmt::format("{}, {}", lock_key1, lock_key2);
    const char* wait = transaction_only ? "pg_advisory_xact_lock" : "pg_advisory_lock";
    const char* try_once = transaction_only ? "pg_try_advisory_xact_lock" : "pg_try_advisory_lock";
    auto taken = conn.query(fmt::format("SELECT {}({})", try_once, key));
    if (taken.row(0)[0] == "t") return;
    if (options.apply_lock_wait.count() == 0) {
        throw ApplyLockError(
            fmt::format("another reconcile apply is running on {}: {}. {} Pass --wait-for-apply "
                        "DURATION to wait for it.",
                        conn.display_name(), holders_text(conn), outcome));
    }
    const std::string holders = holders_text(conn);
    if (options.report) {
        options.report(fmt::format("waiting up to {} for another reconcile apply on {} to finish: {}",
                                   format_duration(options.apply_lock_wait), conn.display_name(), holders));
    }
    // In a transaction the setting ends with it; the caller set its own.
    const std::string set = transaction_only ? "SET LOCAL " : "SET ";
    try {
        conn.execute(set + "lock_timeout = " + sql::literal(format_duration(options.apply_lock_wait)));
        conn.query(fmt::format("SELECT {}({})", wait, key));
        conn.execute(transaction_only ? set + "lock_timeout = " + sql::literal(format_duration(options.lock_timeout))
                                      : std::string("RESET lock_timeout"));
    } catch (const catalog::QueryError& error) {
        // A failed statement aborts the open transaction, where the holders
        // can no longer be looked up: then those seen before the wait.
        std::string holder = conn.broken()      ? std::string("(connection lost)")
                             : transaction_only ? holders
                                                : holders_text(conn);
        throw ApplyLockError(fmt::format("another reconcile apply still holds {} after {}: {} ({}). {}",
                                         conn.display_name(), format_duration(options.apply_lock_wait), holder,
                                         error.what(), outcome));
    }
}

// PgBouncer and its kind answer a client's startup with a process id of
// their own, since no one server session is the client's: the server's
// id differing from it shows a pooler in between, whichever its mode.
void refuse_unexpected_pooler(catalog::Connection& conn) {
    const int server = server_session_pid(conn);
    if (server == conn.backend_pid()) return;
    throw ApplyLockError(fmt::format(
        "{} is reached through a connection pooler (the server session answering is pid {}, not the {} the "
        "connection reported when it started). apply keeps its lock and settings in one server session, which a "
        "pooler in transaction mode (PgBouncer pool_mode=transaction, a provider's transaction pooler port) does "
        "not give it. Connect apply to PostgreSQL directly, or say how the pooler works: --pooler session (one "
        "server session per client) or --pooler transaction (the lock taken in each transaction; no step outside "
        "one). Nothing was changed.",
        conn.display_name(), server, conn.backend_pid()));
}

}  // namespace

int server_session_pid(catalog::Connection& conn) {
    return std::stoi(std::string(conn.query("SELECT pg_catalog.pg_backend_pid()").row(0)[0].value_or("0")));
}

void lock_apply_transaction(catalog::Connection& conn, const ApplyOptions& options, const std::string& outcome) {
    take(conn, options, true, outcome);
}

ApplyLock::ApplyLock(catalog::Connection& conn, const ApplyOptions& options) : conn_(conn) {
    if (options.pooler == PoolerMode::transaction) return;
    if (options.pooler == PoolerMode::detect) refuse_unexpected_pooler(conn_);
    take(conn_, options, false, "Nothing was changed.");
    held_ = true;
}

ApplyLock::~ApplyLock() {
    try {
        if (held_ && !conn_.broken()) {
            conn_.query(fmt::format("SELECT pg_advisory_unlock({}, {})", lock_key1, lock_key2));
        }
    } catch (...) {
        // Session locks end with the session anyway.
    }
}

}  // namespace reconcile::engine
