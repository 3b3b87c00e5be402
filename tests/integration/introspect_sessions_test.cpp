// How introspect() reads, rather than what: a bounded number of round trips
// whatever the size, and two sessions sharing one snapshot that together
// read exactly what one session reads alone.
#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "catalog/introspect/introspector.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::catalog;
using reconcile::testing::TempCluster;

namespace {

// A schema s of `tables` tables, each with a key, a foreign key, a check,
// an index and a comment.
std::string many_tables_database(int tables) {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("scale");
    std::string sql = "CREATE SCHEMA s; CREATE TYPE s.e AS ENUM ('a');";
    for (int i = 0; i < tables; ++i) {
        sql += fmt::format(
            "CREATE TABLE s.t{0} (id serial PRIMARY KEY, parent int REFERENCES s.t{0}(id), v s.e, "
            "n int CHECK (n > 0)); CREATE INDEX t{0}_v ON s.t{0} (v); COMMENT ON TABLE s.t{0} IS 'x';",
            i);
    }
    cluster.run_sql(db, sql);
    return db;
}

}  // namespace

TEST_CASE("introspect: round trips do not grow with the number of tables", "[introspect]") {
    auto round_trips_for = [&](int tables) {
        auto conn = Connection::open(TempCluster::shared().conninfo(many_tables_database(tables)));
        const auto before = conn.round_trips();
        Model model = introspect(conn, {"s"});
        REQUIRE(model.tables.size() == static_cast<std::size_t>(tables));
        return conn.round_trips() - before;
    };
    CHECK(round_trips_for(3) == round_trips_for(30));
}

TEST_CASE("introspect: two sessions read what one reads", "[introspect]") {
    // introspect() splits constraints and indexes between two sessions by
    // table oid; read_model reads everything on the caller's one session.
    // With enough tables both shares hold some: a share lost or read twice
    // would show.
    auto conn = Connection::open(TempCluster::shared().conninfo(many_tables_database(40)));
    Model two = introspect(conn, {"s"});
    conn.run_script("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL search_path = ''");
    Model one = read_model(conn, {"s"});
    conn.execute("COMMIT");
    REQUIRE(two.tables.size() == 40);
    std::size_t constraints = 0, indexes = 0;
    for (const auto& table : two.tables) {
        constraints += table.constraints.size();
        indexes += table.indexes.size();
    }
    CHECK(constraints == 3 * 40);
    CHECK(indexes == 40);
    CHECK(two == one);
}
