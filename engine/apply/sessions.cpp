#include "engine/apply/sessions.hpp"

#include <fmt/format.h>

#include "catalog/model/printable.hpp"

namespace reconcile::engine {

namespace {

// One query per question, every session at once.
constexpr const char* activity_columns =
    "SELECT a.pid, coalesce(a.usename::text, ''), coalesce(a.application_name, ''), coalesce(a.state, ''), "
    "coalesce(a.query_start::text, ''), coalesce(a.query, '') FROM pg_stat_activity a ";

std::vector<SessionInfo> read_sessions(const catalog::ResultSet& rows) {
    std::vector<SessionInfo> out;
    for (auto row : rows) {
        SessionInfo session;
        session.pid = std::stoi(std::string(row[0].value_or("0")));
        session.user = std::string(row[1].value_or(""));
        session.application = std::string(row[2].value_or(""));
        session.state = std::string(row[3].value_or(""));
        session.query_start = std::string(row[4].value_or(""));
        session.query = std::string(row[5].value_or(""));
        out.push_back(std::move(session));
    }
    return out;
}

}  // namespace

std::vector<SessionInfo> blocking_sessions(catalog::Connection& monitor, int pid) {
    return read_sessions(
        monitor.query(std::string(activity_columns) + "WHERE a.pid = ANY (pg_blocking_pids($1::int)) ORDER BY a.pid",
                      {std::to_string(pid)}));
}

std::vector<SessionInfo> advisory_lock_holders(catalog::Connection& conn, int key1, int key2) {
    // pg_advisory_lock(int4, int4) shows as classid = key1, objid = key2,
    // objsubid = 2 in pg_locks.
    return read_sessions(conn.query(std::string(activity_columns) +
                                        "JOIN pg_locks l ON l.pid = a.pid WHERE l.locktype = 'advisory' AND l.granted "
                                        "AND l.classid = $1::oid AND l.objid = $2::oid AND l.objsubid = 2 "
                                        "AND l.database = (SELECT oid FROM pg_database WHERE datname = "
                                        "current_database()) ORDER BY a.pid",
                                    {std::to_string(key1), std::to_string(key2)}));
}

std::string index_build_progress(catalog::Connection& monitor, int pid) {
    auto rows = monitor.query(
        "SELECT phase, lockers_total, lockers_done, current_locker_pid, blocks_total, blocks_done, tuples_total, "
        "tuples_done FROM pg_stat_progress_create_index WHERE pid = $1::int",
        {std::to_string(pid)});
    if (rows.size() == 0) return "";
    auto row = rows.row(0);
    auto number = [&](std::size_t column) { return std::stoll(std::string(row[column].value_or("0"))); };
    auto share = [](long long done, long long total, const char* of) {
        return fmt::format("{}% of {} ({} of {})", done * 100 / total, of, done, total);
    };
    const std::string phase(row[0].value_or(""));
    std::string out = catalog::printable(phase);
    // Each phase moves one of the three counts; the others may keep what an
    // earlier phase left.
    if (phase.starts_with("waiting")) {
        if (number(1) == 0) return out;
        out += ": " + share(number(2), number(1), "sessions waited for");
        if (number(3) != 0) out += fmt::format(", now pid {}", number(3));
    } else if (phase.find("scanning table") != std::string::npos && number(4) > 0) {
        out += ": " + share(number(5), number(4), "blocks");
    } else if (number(6) > 0) {
        out += ": " + share(number(7), number(6), "tuples");
    }
    return out;
}

std::string describe_session(const SessionInfo& session) {
    constexpr std::size_t longest_query = 200;
    std::string query =
        session.query.size() > longest_query ? session.query.substr(0, longest_query) + "..." : session.query;
    std::string since = session.query_start.empty() ? "" : " since " + session.query_start;
    std::string application = session.application.empty() ? "(none)" : session.application;
    return catalog::printable(fmt::format("pid {} (user {}, application {}, {}{}): {}", session.pid, session.user,
                                          application, session.state.empty() ? "state unknown" : session.state, since,
                                          query));
}

}  // namespace reconcile::engine
