#pragma once
// Who else is on the server: the sessions a waiting apply is queued behind,
// read from another session while it waits (pg_blocking_pids answers only
// while the wait lasts), and how they are named in messages.
#include <string>
#include <vector>

#include "catalog/pg/connection.hpp"

namespace reconcile::engine {

struct SessionInfo {
    int pid = 0;
    std::string user;
    std::string application;
    std::string state;        // "idle in transaction", "active", ...
    std::string query_start;  // timestamptz as text; empty when none
    std::string query;        // the session's current or last statement
};

// The sessions that block `pid` right now (pg_blocking_pids), from `monitor`,
// another session. Empty when pid waits for nothing. Throws QueryError.
std::vector<SessionInfo> blocking_sessions(catalog::Connection& monitor, int pid);

// The sessions holding the advisory lock (key1, key2). Throws QueryError.
std::vector<SessionInfo> advisory_lock_holders(catalog::Connection& conn, int key1, int key2);

// What an index build by `pid` is doing now (pg_stat_progress_create_index),
// from `monitor`: its phase and how far it got, e.g. "waiting for writers
// before build: 0% of sessions waited for (0 of 2), now pid 4711" or
// "building index: scanning table: 41% of blocks (4100 of 10000)".
// Empty when pid builds no index. Throws QueryError.
std::string index_build_progress(catalog::Connection& monitor, int pid);

// "pid 4711 (user alice, application psql, idle in transaction since
// 2026-11-30 21:00:00+00): LOCK TABLE ...": one line, the query shortened.
std::string describe_session(const SessionInfo& session);

}  // namespace reconcile::engine
