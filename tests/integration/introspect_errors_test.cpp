// A catalog read that fails says what it was reading: with eight queries on
// two sessions, the server's "permission denied for table pg_enum" alone
// does not say which read, or of which schemas, failed.
#include <catch2/catch.hpp>
#include <string>

#include "catalog/introspect/introspector.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::catalog;
using reconcile::testing::TempCluster;

TEST_CASE("introspect: a failing catalog read names the kind and the schemas", "[introspect]") {
    auto& cluster = TempCluster::shared();
    const std::string db = cluster.create_database("read_errors");
    // Roles are cluster-wide: a name of this test's own. pg_enum is read by
    // the enums reader only, so the first error is always that one's.
    const std::string role = "read_errors_" + db;
    cluster.run_sql(db, "CREATE ROLE " + role + " LOGIN; CREATE SCHEMA app; CREATE TYPE app.mood AS ENUM ('ok');" +
                            "REVOKE SELECT ON pg_catalog.pg_enum FROM PUBLIC;");
    auto conn = Connection::open(cluster.conninfo(db) + " user=" + role);

    SECTION("two sessions") {
        try {
            introspect(conn, {"app", "public"});
            FAIL("expected a QueryError");
        } catch (const QueryError& error) {
            CHECK(error.sqlstate == "42501");
            CHECK_THAT(error.what(),
                       Catch::StartsWith("reading enums of schemas app, public: permission denied for table pg_enum"));
        }
    }
    SECTION("one session") {
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        // read_model reads the canonicalizer's scratch schemas: their names
        // stay out of messages.
        CHECK_THROWS_WITH(read_model(conn, {"app"}), Catch::StartsWith("reading enums of 1 schema: "));
        conn.execute("ROLLBACK");
    }
}
