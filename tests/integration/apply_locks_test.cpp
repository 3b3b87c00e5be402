// apply on a busy database: short lock waits with retries, the sessions in
// the way named, Ctrl-C and killed backends reported with what committed,
// and plans too big for one transaction split to fit the lock table.
#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <thread>

#include "catalog/pg/connection.hpp"
#include "engine/apply/sessions.hpp"
#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile;
using namespace reconcile::testing;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

// A table with rows, and a manifest that adds a column to it (ALTER TABLE:
// ACCESS EXCLUSIVE).
std::string table_and_new_column(const std::string& db) {
    TempCluster::shared().run_sql(db,
                                  "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 100)");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "t.json", R"json({"table": "t", "columns": [{"name": "id", "type": "integer", "not_null": true},
        {"name": "note", "type": "text"}], "primary_key": {"name": "t_pkey", "columns": ["id"]}})json");
    return dir;
}

std::vector<std::string> apply_args(const std::string& dir, const std::string& db, std::vector<std::string> extra) {
    std::vector<std::string> args = {"apply", "-m", dir, "-d", TempCluster::shared().conninfo(db), "--yes",
                                     "--allow-hazards", "ACQUIRES_ACCESS_EXCLUSIVE_LOCK,NOT_TRANSACTIONAL"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

// A session that reads the table and keeps its transaction open: it holds
// ACCESS SHARE until it ends, as a long report query would.
catalog::Connection hold_reader_lock(const std::string& db) {
    auto holder = catalog::Connection::open(TempCluster::shared().conninfo(db));
    holder.execute("SET application_name = 'nightly-report'");
    holder.execute("BEGIN");
    holder.query("SELECT count(*) FROM t");
    return holder;
}

std::string column_count(const std::string& db) {
    return query_column(db, "SELECT count(*) FROM pg_attribute WHERE attrelid = 't'::regclass AND attnum > 0");
}

// Waits (at most `limit`) until `done` holds.
template <class Done>
bool eventually(Done done, std::chrono::milliseconds limit) {
    auto until = Clock::now() + limit;
    while (Clock::now() < until) {
        if (done()) return true;
        std::this_thread::sleep_for(50ms);
    }
    return done();
}

// The backend of the apply waiting on a lock for `table`, 0 when none.
int waiting_apply_pid(const std::string& db) {
    auto pid = query_column(db,
                            "SELECT coalesce(max(pid), 0) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                            "AND query LIKE 'ALTER TABLE%'");
    return std::stoi(pid);
}

}  // namespace

TEST_CASE("a lock held elsewhere: apply retries, gives up in bounded time naming the holder, changes nothing",
          "[apply][locks]") {
    std::string db = TempCluster::shared().create_database("locks");
    std::string dir = table_and_new_column(db);
    auto holder = hold_reader_lock(db);

    auto started = Clock::now();
    RunningReconcile apply(apply_args(dir, db, {"--lock-timeout", "500ms", "--lock-attempts", "3"}));
    // Readers that arrive while apply waits queue behind its request; none
    // waits longer than one attempt's lock timeout.
    auto reader = catalog::Connection::open(TempCluster::shared().conninfo(db));
    Clock::duration longest_read{};
    int reads = 0;
    while (apply.running() && Clock::now() - started < 30s) {
        auto before = Clock::now();
        reader.query("SELECT count(*) FROM t");
        longest_read = std::max(longest_read, Clock::now() - before);
        ++reads;
        std::this_thread::sleep_for(20ms);
    }
    auto result = apply.finish();
    auto took = Clock::now() - started;
    INFO(result.out << result.err);
    CHECK(result.exit_code == 1);
    CHECK(has(result.err, "(attempt 2 of 3)"));
    CHECK(has(result.err, "(attempt 3 of 3)"));
    CHECK(has(result.err, "each of 3 attempts waited 500ms"));
    CHECK(has(result.err, fmt::format("pid {} (user postgres, application nightly-report, idle in transaction",
                                      holder.backend_pid())));
    CHECK(has(result.err, "SELECT count(*) FROM t"));
    CHECK(has(result.err, "Nothing had committed: the database is unchanged."));
    // 3 x 500ms waiting, two pauses of at most 0.75s and 1.5s, start-up.
    CHECK(took < 12s);
    CHECK(reads > 5);
    CHECK(longest_read < 500ms + 400ms);
    CHECK(column_count(db) == "1");

    // Once the reader is done, the same apply goes through.
    holder.execute("ROLLBACK");
    auto applied = run_reconcile(apply_args(dir, db, {}));
    INFO(applied.err);
    CHECK(applied.exit_code == 0);
    CHECK(column_count(db) == "2");
}

TEST_CASE("a lock released between attempts: apply's retry succeeds", "[apply][locks]") {
    std::string db = TempCluster::shared().create_database("retry");
    std::string dir = table_and_new_column(db);
    auto holder = hold_reader_lock(db);
    RunningReconcile apply(apply_args(dir, db, {"--lock-timeout", "300ms", "--lock-attempts", "20"}));
    REQUIRE(eventually([&] { return has(apply.err_so_far(), "trying again"); }, 20s));
    holder.execute("COMMIT");
    auto result = apply.finish();
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(has(result.err, "held by pid " + std::to_string(holder.backend_pid()) + " (nightly-report)"));
    CHECK(column_count(db) == "2");
}

TEST_CASE("SIGINT during a step cancels it on the server, rolls back and exits 130", "[apply][signals]") {
    std::string db = TempCluster::shared().create_database("sigint");
    std::string dir = table_and_new_column(db);
    auto holder = hold_reader_lock(db);
    // A long lock timeout: the step is in flight, waiting, when the signal comes.
    RunningReconcile apply(apply_args(dir, db, {"--lock-timeout", "5min"}));
    REQUIRE(eventually([&] { return waiting_apply_pid(db) != 0; }, 20s));
    apply.signal(SIGINT);
    auto interrupted_at = Clock::now();
    auto result = apply.finish();
    INFO(result.out << result.err);
    CHECK(Clock::now() - interrupted_at < 5s);
    CHECK(result.exit_code == 130);
    CHECK(has(result.err, "interrupted during step 1 of 1 (add column public.t.note text)"));
    CHECK(has(result.err, "canceling statement due to user request"));
    CHECK(has(result.err, "Nothing had committed: the database is unchanged."));
    // Nothing of it is left on the server: no waiting statement, no session.
    CHECK(eventually([&] { return waiting_apply_pid(db) == 0; }, 5s));
    CHECK(eventually(
        [&] {
            return query_column(db,
                                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
                                "pid <> pg_backend_pid() AND application_name <> 'nightly-report'") == "0";
        },
        5s));
    CHECK(column_count(db) == "1");

    holder.execute("ROLLBACK");
    auto again = run_reconcile(apply_args(dir, db, {}));
    INFO(again.err);
    CHECK(again.exit_code == 0);
    CHECK(column_count(db) == "2");
}

TEST_CASE("a second SIGINT exits at once", "[apply][signals]") {
    std::string db = TempCluster::shared().create_database("sigint2");
    std::string dir = table_and_new_column(db);
    auto holder = hold_reader_lock(db);
    RunningReconcile apply(apply_args(dir, db, {"--lock-timeout", "5min"}));
    REQUIRE(eventually([&] { return waiting_apply_pid(db) != 0; }, 20s));
    apply.signal(SIGINT);
    apply.signal(SIGINT);
    auto result = apply.finish();
    CHECK(result.exit_code == 130);
    holder.execute("ROLLBACK");
    CHECK(column_count(db) == "1");
}

TEST_CASE("a backend terminated mid-apply: the report names the step, the server's message and what committed",
          "[apply][connection]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("terminated");
    std::string dir = table_and_new_column(db);
    // An enum value is added on its own, committed before the transaction.
    cluster.run_sql(db, "CREATE TYPE mood AS ENUM ('sad')");
    write_manifest(dir, "schemas.json", R"json({"schemas": {"public": {"comment": "standard public schema",
        "enums": {"mood": {"values": ["sad", "ok"]}}}}})json");
    auto holder = hold_reader_lock(db);
    RunningReconcile apply(apply_args(dir, db, {"--lock-timeout", "5min"}));
    int pid = 0;
    REQUIRE(eventually([&] { return (pid = waiting_apply_pid(db)) != 0; }, 20s));
    cluster.run_sql(db, fmt::format("SELECT pg_terminate_backend({})", pid));
    auto result = apply.finish();
    INFO(result.out << result.err);
    CHECK(result.exit_code == 1);
    CHECK(has(result.err, "lost the connection to the server during step 2 of 2 (add column public.t.note text)"));
    CHECK(has(result.err, "terminating connection due to administrator command"));
    CHECK(has(result.err, R"(statement: ALTER TABLE "public"."t" ADD COLUMN "note" text)"));
    CHECK(has(result.err, "so step 2 did not commit"));
    CHECK(has(result.err, "Step 1 had committed (1 commit) and stays applied"));
    CHECK(column_count(db) == "1");
    CHECK(query_column(db, "SELECT count(*) FROM pg_enum") == "2");

    holder.execute("ROLLBACK");
    auto again = run_reconcile(apply_args(dir, db, {}));
    INFO(again.err);
    CHECK(again.exit_code == 0);
    CHECK(column_count(db) == "2");
}

TEST_CASE("a server that accepts TCP and never answers: connecting gives up", "[connection]") {
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(listen(listener, 4) == 0);
    socklen_t length = sizeof address;
    getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    auto started = Clock::now();
    auto result = run_reconcile(
        {"plan", "-m", dir, "-d", fmt::format("host=127.0.0.1 port={} dbname=x user=x", ntohs(address.sin_port))});
    auto took = Clock::now() - started;
    close(listener);
    INFO(result.err);
    CHECK(result.exit_code == 1);
    CHECK(has(result.err, "timeout"));
    CHECK(took >= 9s);
    CHECK(took < 25s);
}

TEST_CASE("2,000 new tables on a stock lock table: split into transactions, no other session fails",
          "[apply][locks][scale]") {
    auto& cluster = TempCluster::shared();
    REQUIRE(query_column("postgres", "SHOW max_locks_per_transaction") == "64");
    std::string db = cluster.create_database("many");
    std::string other = cluster.create_database("neighbour");
    cluster.run_sql(other, "CREATE TABLE a (id int); CREATE TABLE b (id int); CREATE TABLE c (id int)");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    for (int i = 0; i < 2000; ++i) {
        write_manifest(dir, fmt::format("t{}.json", i),
                       fmt::format(R"json({{"table": "t{0}", "columns": [{{"name": "id", "type": "serial"}},
                  {{"name": "code", "type": "text"}}], "primary_key": {{"columns": ["id"]}},
                  "unique": {{"t{0}_code_key": {{"columns": ["code"]}}}},
                  "indexes": {{"t{0}_code_idx": {{"columns": ["code", "id"]}}}}}})json",
                                   i));
    }
    // Another database's session keeps taking locks while apply runs; it
    // must never see "out of shared memory".
    std::atomic<bool> stop{false};
    std::atomic<int> neighbour_errors{0}, neighbour_runs{0};
    std::string neighbour_error;
    std::thread neighbour([&] {
        auto conn = catalog::Connection::open(cluster.conninfo(other));
        while (!stop) {
            try {
                conn.execute("BEGIN");
                conn.execute("LOCK TABLE a, b, c IN SHARE MODE");
                conn.execute("CREATE TEMP TABLE scratch (id int) ON COMMIT DROP");
                conn.execute("COMMIT");
                ++neighbour_runs;
            } catch (const std::exception& error) {
                if (neighbour_errors++ == 0) neighbour_error = error.what();
                try {
                    conn.execute("ROLLBACK");
                } catch (...) {
                }
            }
            std::this_thread::sleep_for(10ms);
        }
    });
    auto applied = run_reconcile(apply_args(dir, db, {}));
    stop = true;
    neighbour.join();
    INFO(applied.err.substr(0, 3000));
    CHECK(applied.exit_code == 0);
    CHECK(has(applied.err, "The plan runs in "));
    CHECK_FALSE(has(applied.err, "out of shared memory"));
    INFO(neighbour_error);
    CHECK(neighbour_errors == 0);
    CHECK(neighbour_runs > 0);
    CHECK(query_column(db, "SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relname LIKE 't%'") == "2000");
}

TEST_CASE("apply locks referencing tables first: an application writing the child is not deadlocked",
          "[apply][locks][deadlock]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("lock_order");
    // The plan alters a_posts before b_reactions (plan order); an
    // application's write to b_reactions checks its key against a_posts.
    cluster.run_sql(db,
                    "CREATE TABLE a_posts (id int PRIMARY KEY, score int);"
                    "CREATE TABLE b_reactions (id int PRIMARY KEY, post_id int REFERENCES a_posts, score int);"
                    "INSERT INTO a_posts SELECT g, g FROM generate_series(1, 10000) g;"
                    "INSERT INTO b_reactions SELECT g, g, g FROM generate_series(1, 100) g");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "a_posts.json", R"json({"table": "a_posts", "columns": [
        {"name": "id", "type": "integer", "not_null": true}, {"name": "score", "type": "bigint"}],
        "primary_key": {"name": "a_posts_pkey", "columns": ["id"]}})json");
    write_manifest(dir, "b_reactions.json", R"json({"table": "b_reactions", "columns": [
        {"name": "id", "type": "integer", "not_null": true}, {"name": "post_id", "type": "integer"},
        {"name": "score", "type": "bigint"}], "primary_key": {"name": "b_reactions_pkey", "columns": ["id"]},
        "foreign_keys": {"b_reactions_post_id_fkey": {"columns": ["post_id"],
            "references": {"table": "a_posts", "columns": ["id"]}}}})json");

    // The application is mid-transaction on the child table.
    auto app = catalog::Connection::open(cluster.conninfo(db));
    app.execute("SET statement_timeout = '20s'");
    app.execute("BEGIN");
    app.execute("UPDATE b_reactions SET score = score + 1 WHERE id = 1");

    RunningReconcile apply({"apply", "-m", dir, "-d", cluster.conninfo(db), "--yes", "--allow-hazards", "all",
                            "--lock-timeout", "10s"});
    // Until apply has the parent or waits for the child (whichever it does
    // first is what this test is about).
    REQUIRE(eventually(
        [&] {
            return query_column(db,
                                "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid) "
                                "WHERE a.application_name = 'reconcile' AND ("
                                " (l.relation = 'a_posts'::regclass AND l.granted AND l.mode = 'AccessExclusiveLock')"
                                " OR (l.relation = 'b_reactions'::regclass AND NOT l.granted))") != "0";
        },
        20s));
    // The application's next write checks its key against a_posts: with
    // a_posts locked before b_reactions, one of the two would deadlock.
    std::string app_error;
    try {
        app.execute("INSERT INTO b_reactions VALUES (1000, 5, 0)");
        app.execute("COMMIT");
    } catch (const catalog::QueryError& error) {
        app_error = error.what();
    }
    CHECK(app_error.empty());
    auto result = apply.finish();
    INFO(result.out << result.err);
    CHECK(result.exit_code == 0);
    // Apply waited for the application once, and never had to retry.
    CHECK_FALSE(has(result.err, "trying again"));
    CHECK(query_column(db, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                           "WHERE attrelid = 'b_reactions'::regclass AND attname = 'score'") == "bigint");
    CHECK(query_column(db, "SELECT count(*) FROM b_reactions") == (app_error.empty() ? "101" : "100"));
}

TEST_CASE("index build progress names the phase and the session it waits for", "[apply][progress]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("index_progress");
    cluster.run_sql(db, "CREATE TABLE t (id int PRIMARY KEY, code text); INSERT INTO t SELECT g, g FROM "
                        "generate_series(1, 1000) g");
    // A writer keeps a transaction open: CREATE INDEX CONCURRENTLY waits for
    // it before building.
    auto writer = catalog::Connection::open(cluster.conninfo(db));
    writer.execute("BEGIN");
    writer.execute("INSERT INTO t VALUES (5000, 'x')");

    auto apply_session = catalog::Connection::open(cluster.conninfo(db));
    auto monitor = catalog::Connection::open(cluster.conninfo(db));
    const int builder = apply_session.backend_pid();
    std::thread build([&] {
        try {
            apply_session.execute("CREATE INDEX CONCURRENTLY t_code_idx ON t (code)");
        } catch (const catalog::QueryError&) {
            // The check below fails instead.
        }
    });
    std::string progress;
    eventually([&] { return has(progress = engine::index_build_progress(monitor, builder), "now pid"); }, 20s);
    writer.execute("COMMIT");
    build.join();
    INFO(progress);
    CHECK(has(progress, "waiting for writers before build"));
    CHECK(has(progress, fmt::format("0% of sessions waited for (0 of 1), now pid {}", writer.backend_pid())));
    // Once the index is built there is nothing to report.
    CHECK(engine::index_build_progress(monitor, builder).empty());
}
