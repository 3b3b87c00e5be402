// Live-data guards: plan counts the rows that stand in a step's way and
// exits 1 when there are any; apply changes nothing, and asks again right
// before the step.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "catalog/introspect/introspector.hpp"
#include "engine/apply/executor.hpp"
#include "engine/pipeline/pipeline.hpp"
#include "tests/integration/scenario_support.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile;
using namespace reconcile::testing;

namespace {

// Live tables with data problems; the manifests declare the rules they break.
std::string broken_data(const std::string& db) {
    TempCluster::shared().run_sql(db, R"sql(
        CREATE TABLE parent (id int PRIMARY KEY);
        INSERT INTO parent VALUES (1), (2);
        CREATE TABLE t (id int, email text, parent_id int, qty int);
        INSERT INTO t VALUES (1, 'a', 1, 1), (2, 'a', 7, 1), (3, 'b', 8, -1), (4, 'b', NULL, -2), (5, 'c', 9, 3),
                             (NULL, 'c', 1, 4), (NULL, 'd', 2, 5), (NULL, NULL, 2, 6);
    )sql");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "parent.json", R"json({"table": "parent", "columns": [{"name": "id", "type": "integer",
        "not_null": true}], "primary_key": {"name": "parent_pkey", "columns": ["id"]}})json");
    write_manifest(dir, "t.json", R"json({"table": "t", "columns": [
        {"name": "id", "type": "integer", "not_null": true}, {"name": "email", "type": "text"},
        {"name": "parent_id", "type": "integer"}, {"name": "qty", "type": "integer"},
        {"name": "must", "type": "text", "not_null": true}],
      "unique": {"t_email_key": {"columns": ["email"]}},
      "checks": {"t_qty_check": {"expression": "qty > 0"}},
      "foreign_keys": {"t_parent_fkey": {"columns": ["parent_id"], "references": {"table": "parent", "columns": ["id"]}}}})json");
    return dir;
}

}  // namespace

TEST_CASE("guards: plan reports exact counts and exits 1, apply changes nothing", "[guards]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("guards");
    std::string dir = broken_data(db);
    // A server newer than the system's pg_dump has no dump to compare: the
    // refused apply is then checked by the plan staying the same below.
    std::string before = cluster.has_pg_dump() ? cluster.dump_schema(db) : "";

    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 1);
    CHECK(has(plan.out, "GUARD FAILS: rows of public.t with NULL in id: 3"));
    CHECK(has(plan.out, "GUARD FAILS: duplicate values of (email) in public.t: 3 (e.g. a, b, c)"));
    CHECK(has(plan.out, "GUARD FAILS: rows of public.t whose (parent_id) is not in public.parent: 3 (e.g. 7, 8, 9)"));
    CHECK(has(plan.out, "GUARD FAILS: rows of public.t that fail check t_qty_check: 2"));
    CHECK(has(plan.out, "GUARD FAILS: rows of public.t (a NOT NULL column without a default needs an empty table): 1"));
    CHECK(has(plan.err, "plan: existing rows stand in the way of 5 steps"));

    auto json = reconcile_on("plan", dir, db, {"--format", "json"});
    auto parsed = nlohmann::json::parse(json.out);
    int failing = 0;
    for (const auto& step : parsed["steps"]) {
        if (!step.contains("guards")) continue;
        for (const auto& guard : step["guards"]) failing += guard["fails"].get<bool>() ? 1 : 0;
    }
    CHECK(failing == 5);

    auto applied = reconcile_on("apply", dir, db, {"--yes"});
    INFO(applied.err);
    CHECK(applied.exit_code == 1);
    CHECK(has(applied.err, "apply refuses this plan: existing rows stand in the way of 5 steps"));
    if (cluster.has_pg_dump()) CHECK(cluster.dump_schema(db) == before);
    CHECK(reconcile_on("plan", dir, db).out == plan.out);

    // Fixed data: the guards count 0 and the plan goes through.
    cluster.run_sql(db, "DELETE FROM t");
    auto clean = reconcile_on("plan", dir, db);
    INFO(clean.out << clean.err);
    CHECK(clean.exit_code == 2);
    CHECK(has(clean.out, "guard: rows of public.t with NULL in id: 0"));
    auto fixed = reconcile_on("apply", dir, db, {"--yes"});
    INFO(fixed.err);
    CHECK(fixed.exit_code == 0);
}

TEST_CASE("guards: a check expression from a manifest cannot write through a guard", "[guards]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("guards_hostile");
    cluster.run_sql(db, "CREATE TABLE t (qty int); INSERT INTO t VALUES (1)");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "t.json", R"json({"table": "t", "columns": [{"name": "qty", "type": "integer"}],
      "checks": {"t_qty_check": {"expression": "qty > 0) OR (SELECT true FROM (DELETE FROM t RETURNING 1) d"}}})json");
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 1);
    CHECK(query_column(db, "SELECT count(*) FROM t") == "1");
}

TEST_CASE("guards: apply asks again right before the step", "[guards]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("guards_again");
    cluster.run_sql(db, "CREATE TABLE t (id int); INSERT INTO t VALUES (1), (2)");
    auto conn = catalog::Connection::open(cluster.conninfo(db));
    auto want = catalog::introspect(conn, {"public"});
    REQUIRE(want.tables.size() == 1);
    want.tables[0].columns[0].not_null = true;
    auto planned = engine::plan_database(want, conn, conn, {});
    REQUIRE(planned.plan.steps.size() == 1);
    REQUIRE(planned.plan.steps[0].guards.size() == 1);
    CHECK(planned.plan.steps[0].guards[0].count == 0);

    // A NULL arrives between plan and apply.
    cluster.run_sql(db, "INSERT INTO t VALUES (NULL)");
    engine::ApplyOptions options;
    CHECK_THROWS_WITH(engine::execute_plan(planned.plan, conn, options),
                      Catch::Contains("did not run: its guard fails now: rows of public.t with NULL in id: 1") &&
                          Catch::Contains("Nothing had committed"));
    CHECK(query_column(db,
                       "SELECT attnotnull::text FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'id'") ==
          "false");
}

TEST_CASE("plan shows the estimated rows and size of each table a risky step works on", "[guards][table_size]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("table_sizes");
    // Autovacuum off, so that only this test's ANALYZE gives an estimate.
    cluster.run_sql(db, "CREATE TABLE big (id int, note text) WITH (autovacuum_enabled = false); INSERT INTO big "
                        "SELECT g, 'x' FROM generate_series(1, 20000) g; CREATE TABLE fresh (id int)");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "big.json", R"json({"table": "big", "columns": [{"name": "id", "type": "bigint"},
        {"name": "note", "type": "text"}], "storage_parameters": {"autovacuum_enabled": false}})json");
    write_manifest(dir, "fresh.json", R"json({"table": "fresh", "columns": [{"name": "id", "type": "bigint"}]})json");

    // Before ANALYZE the server has no row estimate; the size it knows.
    auto unknown = reconcile_on("plan", dir, db, {"--format", "json"});
    INFO(unknown.out << unknown.err);
    auto steps = nlohmann::json::parse(unknown.out)["steps"];
    REQUIRE(steps.size() == 2);
    CHECK(steps[0]["table_size"]["table"] == "public.big");
    CHECK(steps[0]["table_size"]["estimated_rows"].is_null());
    CHECK(steps[0]["table_size"]["bytes"].get<long long>() > 500000);

    cluster.run_sql(db, "ANALYZE big");
    auto known = reconcile_on("plan", dir, db, {"--format", "json"});
    steps = nlohmann::json::parse(known.out)["steps"];
    CHECK(steps[0]["table_size"]["estimated_rows"] == 20000);
    CHECK(steps[1]["table_size"]["table"] == "public.fresh");
    auto text = reconcile_on("plan", dir, db);
    INFO(text.out);
    CHECK(has(text.out, "   table public.big: about 20,000 rows, "));
    CHECK(has(text.out, "   table public.fresh: not analyzed yet, 0 bytes"));

    // A table the plan creates has nothing to estimate.
    write_manifest(dir, "new.json", R"json({"table": "brand_new", "columns": [{"name": "id", "type": "integer"}]})json");
    auto created = reconcile_on("plan", dir, db, {"--format", "json"});
    for (const auto& step : nlohmann::json::parse(created.out)["steps"]) {
        if (step["kind"] == "create_table") CHECK_FALSE(step.contains("table_size"));
    }
}
