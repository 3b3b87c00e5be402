// plan_database with the live side read beforehand (commands read it while
// the manifests load): a live side read for other schemas than the
// manifests claim must not be planned against.
#include "engine/pipeline/pipeline.hpp"

#include <catch2/catch.hpp>

#include "catalog/introspect/introspector.hpp"
#include "engine/canonicalize/canonicalizer.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile;
using reconcile::testing::TempCluster;

TEST_CASE("plan_database reads again when the live side was read for other schemas", "[pipeline]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("pipeline");
    cluster.run_sql(db, "CREATE TABLE public.jobs (id integer PRIMARY KEY, note text)");
    auto conn = catalog::Connection::open(cluster.conninfo(db));
    // Manifests that say exactly what the database holds.
    auto manifests = catalog::introspect(conn, {"public"});
    REQUIRE(manifests.tables.size() == 1);

    auto read_right = engine::read_live(conn, {"public"});
    CHECK_FALSE(engine::plan_database(manifests, std::move(read_right), conn, conn, {}).plan.has_changes());

    // Read for no schema at all: planned against as is, it would create
    // public.jobs.
    engine::LiveState read_wrong{{}, {}};
    CHECK_FALSE(engine::plan_database(manifests, std::move(read_wrong), conn, conn, {}).plan.has_changes());
}

// canonicalize() replaces only the text it canonicalized: any other member
// of the desired model passes through. `unmanaged` stands in for a member the
// canonicalizer knows nothing about (roles, functions...): rebuilt member by
// member, the model would reach the diff with it empty, and --prune would
// drop the live objects.
TEST_CASE("canonicalize keeps every member of the desired model it does not canonicalize", "[pipeline]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("keeps");
    auto conn = catalog::Connection::open(cluster.conninfo(db));
    catalog::Model want;
    want.schemas.push_back({"public", std::nullopt});
    want.enums.push_back({{"public", "mood"}, {"sad", "ok"}, std::nullopt});
    catalog::Table table;
    table.name = {"public", "t"};
    catalog::Column id;
    id.name = "id";
    id.type = "int";  // not canonical: goes to the server
    id.default_expr = "1+1";
    table.columns.push_back(id);
    want.tables.push_back(table);
    want.unmanaged.push_back({"view", catalog::object_id(catalog::ObjectKind::view, {"public", "v"}), ""});
    want.normalize();

    auto canonical = engine::canonicalize(want, catalog::Model{}, conn);
    CHECK(canonical.schemas == want.schemas);
    CHECK(canonical.enums == want.enums);
    CHECK(canonical.unmanaged == want.unmanaged);
    REQUIRE(canonical.tables.size() == 1);
    CHECK(canonical.tables[0].columns[0].type == "integer");
    // Everything in the model except the canonicalized text is as given.
    auto same_but_text = canonical;
    same_but_text.tables = want.tables;
    CHECK(same_but_text == want);
}
