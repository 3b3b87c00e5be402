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
