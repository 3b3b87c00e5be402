// The libpq boundary and the test cluster against a real server: results and
// parameters are copied faithfully, server errors carry their fields, and no
// message ever shows a password.
#include "catalog/pg/connection.hpp"

#include <catch2/catch.hpp>

#include "tests/support/temp_cluster.hpp"

using namespace reconcile::catalog;
using reconcile::testing::TempCluster;

TEST_CASE("connection: results, NULL parameters and errors", "[connection]") {
    auto conn = Connection::open(TempCluster::shared().conninfo());
    auto result = conn.query("SELECT $1::text AS a, $2::text IS NULL AS b, NULL::text AS c", {"x'\"", std::nullopt});
    REQUIRE(result.size() == 1);
    auto row = result.row(0);
    REQUIRE(row.size() == 3);
    CHECK(row[0] == "x'\"");
    CHECK(row[1] == "t");
    CHECK_FALSE(row[2].has_value());
    CHECK(result.column("c") == 2);
    CHECK(conn.server_version() == TempCluster::shared().server_version());

    try {
        conn.query("SELECT pg_catalog.no_such_function(1)");
        FAIL("expected a QueryError");
    } catch (const QueryError& e) {
        CHECK(e.sqlstate == "42883");
        CHECK_FALSE(e.hint.empty());
        CHECK_THAT(e.what(), Catch::Contains("no_such_function") && Catch::Contains(e.hint));
    }
    CHECK_THROWS_AS(conn.execute("SELECT 1; SELECT 1/0"), QueryError);
    CHECK(conn.round_trips() == 3);
}

// The security boundary of connection.hpp: text that may carry manifest
// content is sent one statement per send, so a second command is refused
// before anything runs.
TEST_CASE("connection: execute and execute_pipelined refuse a second command", "[connection][security]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("one_statement");
    auto conn = Connection::open(cluster.conninfo(db));

    try {
        conn.execute("CREATE TABLE public.a (x int); CREATE TABLE public.b (x int)");
        FAIL("expected a QueryError");
    } catch (const QueryError& e) {
        CHECK(e.sqlstate == "42601");
    }
    try {
        conn.execute_pipelined({"CREATE TABLE public.c (x int)", "SELECT 1; COMMIT; CREATE TABLE public.d (x int)",
                                "CREATE TABLE public.e (x int)"});
        FAIL("expected a PipelineError");
    } catch (const PipelineError& e) {
        CHECK(e.index == 1);
        CHECK(e.sqlstate == "42601");
    }
    // Outside a transaction block a pipeline up to its sync is one implicit
    // transaction: the error rolled c back, and nothing of the refused
    // statement or after it ran.
    auto tables = conn.query("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace");
    CHECK(tables.row(0)[0] == "0");
}

// The connection dies in the middle of a pipeline (a server restart, an
// administrator's pg_terminate_backend): an error, not a hang or a crash.
TEST_CASE("connection: a pipeline whose connection dies throws", "[connection]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("pipeline_dies");
    auto conn = Connection::open(cluster.conninfo(db));
    conn.run_script("BEGIN");
    CHECK_THROWS_AS(conn.execute_pipelined({"CREATE TABLE public.a (x int)",
                                            "SELECT pg_catalog.pg_terminate_backend(pg_catalog.pg_backend_pid())",
                                            "CREATE TABLE public.b (x int)"}),
                    QueryError);
    CHECK_THROWS_AS(conn.execute("SELECT 1"), QueryError);
    auto other = Connection::open(cluster.conninfo(db));
    CHECK(other.query("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace").row(0)[0] == "0");
}

TEST_CASE("connection: a pipeline of many statements is one round trip per few hundred", "[connection]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("pipelined");
    auto conn = Connection::open(cluster.conninfo(db));
    std::vector<std::string> statements;
    for (int i = 0; i < 600; ++i) statements.push_back("CREATE TABLE public.t" + std::to_string(i) + " (x int)");
    statements.push_back("CREATE TABLE public.t0 (x int)");  // fails: exists
    statements.push_back("CREATE TABLE public.never (x int)");

    conn.run_script("BEGIN");
    std::size_t before = conn.round_trips();
    try {
        conn.execute_pipelined(statements);
        FAIL("expected a PipelineError");
    } catch (const PipelineError& e) {
        CHECK(e.index == 600);
        CHECK(e.sqlstate == "42P07");
    }
    CHECK(conn.round_trips() - before == 3);
    conn.run_script("ROLLBACK");
    auto count = conn.query("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace");
    CHECK(count.row(0)[0] == "0");
    // The session is usable after a failed pipeline.
    conn.execute_pipelined({"SELECT 1", "SELECT 2"});
}

TEST_CASE("connection: errors never show the password", "[connection]") {
    auto& cluster = TempCluster::shared();
    std::string conninfo =
        "host=127.0.0.1 port=" + std::to_string(cluster.port()) + " user=postgres dbname=no_such_db password=hunter2";
    try {
        Connection::open(conninfo);
        FAIL("expected a ConnectionError");
    } catch (const ConnectionError& e) {
        CHECK_THAT(e.what(), Catch::Contains("no_such_db") && Catch::Contains("password=****"));
        CHECK_THAT(e.what(), !Catch::Contains("hunter2"));
    }
    std::string uri = "postgresql://postgres:hunter2@127.0.0.1:" + std::to_string(cluster.port()) + "/no_such_db";
    try {
        Connection::open(uri);
        FAIL("expected a ConnectionError");
    } catch (const ConnectionError& e) {
        CHECK_THAT(e.what(), !Catch::Contains("hunter2") && Catch::Contains("postgres:****@"));
    }
}

TEST_CASE("TempCluster: databases and pg_dump", "[cluster]") {
    auto& cluster = TempCluster::shared();
    std::string a = cluster.create_database("dump");
    std::string b = cluster.create_database("dump");
    CHECK(a != b);
    CHECK(a.rfind("dump_", 0) == 0);
    cluster.run_sql(a, "CREATE TABLE \"Mixed\" (id int); CREATE TABLE second (x text);");
    if (!cluster.has_pg_dump()) {
        WARN("no pg_dump for PostgreSQL " << cluster.server_version() << " in " << cluster.bindir());
        return;
    }
    std::string dump = cluster.dump_schema(a);
    CHECK_THAT(dump, Catch::Contains("CREATE TABLE public.\"Mixed\"") && Catch::Contains("CREATE TABLE public.second"));
}
