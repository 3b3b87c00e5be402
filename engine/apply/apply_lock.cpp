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

}  // namespace

ApplyLock::ApplyLock(catalog::Connection& conn, const ApplyOptions& options) : conn_(conn) {
    const std::string key = fmt::format("{}, {}", lock_key1, lock_key2);
    auto taken = conn_.query(fmt::format("SELECT pg_try_advisory_lock({})", key));
    if (taken.row(0)[0] == "t") return;
    if (options.apply_lock_wait.count() == 0) {
        throw ApplyLockError(
            fmt::format("another reconcile apply is running on {}: {}. Nothing was changed; "
                        "pass --wait-for-apply DURATION to wait for it",
                        conn_.display_name(), holders_text(conn_)));
    }
    if (options.report) {
        options.report(fmt::format("waiting up to {} for another reconcile apply on {} to finish: {}",
                                   format_duration(options.apply_lock_wait), conn_.display_name(),
                                   holders_text(conn_)));
    }
    try {
        // lock_timeout bounds the wait for an advisory lock as for any lock.
        conn_.execute("SET lock_timeout = " + sql::literal(format_duration(options.apply_lock_wait)));
        conn_.query(fmt::format("SELECT pg_advisory_lock({})", key));
        conn_.execute("RESET lock_timeout");
    } catch (const catalog::QueryError& error) {
        std::string holder = conn_.broken() ? std::string("(connection lost)") : holders_text(conn_);
        throw ApplyLockError(
            fmt::format("another reconcile apply still holds {} after {}: {}. Nothing was changed "
                        "({})",
                        conn_.display_name(), format_duration(options.apply_lock_wait), holder, error.what()));
    }
}

ApplyLock::~ApplyLock() {
    try {
        if (!conn_.broken()) conn_.query(fmt::format("SELECT pg_advisory_unlock({}, {})", lock_key1, lock_key2));
    } catch (...) {
        // Session locks end with the session anyway.
    }
}

}  // namespace reconcile::engine
