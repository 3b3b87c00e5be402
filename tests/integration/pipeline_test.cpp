// plan_database with the live side read beforehand (commands read it while
// the manifests load): a live side read for other schemas than the
// manifests claim must not be planned against.
#include "engine/pipeline/pipeline.hpp"

#include <catch2/catch.hpp>

#include "catalog/introspect/introspector.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile;
using reconcile::testing::TempCluster;

TEST_CASE("plan_database reads again when the live side was read for other schemas", "[pipeline]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("pipeline");
    cluster.run_sql(db, "CREATE TABLE public.jobs (id integer PRIMARY KEY, note text)");
    auto conn = catalog::Connection::open(cluster.conninfo(db));
    // Manifests that say exactly what the database holds.
    desired_state::Manifests manifests{catalog::introspect(conn, {"public"}), {}};
    REQUIRE(manifests.model.tables.size() == 1);

    auto read_right = engine::read_live(conn, {"public"});
    CHECK_FALSE(engine::plan_database(manifests, std::move(read_right), conn, conn, {}).plan.has_changes());

    // Read for no schema at all: planned against as is, it would create
    // public.jobs.
    engine::LiveState read_wrong{{}, {}};
    CHECK_FALSE(engine::plan_database(manifests, std::move(read_wrong), conn, conn, {}).plan.has_changes());
}
