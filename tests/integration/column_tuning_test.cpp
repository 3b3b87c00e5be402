// Column settings that pg_dump keeps and a rebuild used to lose silently:
// SET STATISTICS, SET STORAGE, SET COMPRESSION, SET (n_distinct = ...).
#include <catch2/catch.hpp>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

TEST_CASE("column tuning: export, rebuild into an empty database, same pg_dump; then changed in place",
          "[column_tuning][roundtrip]") {
    auto& cluster = TempCluster::shared();
    std::string source = cluster.create_database("tuning");
    cluster.run_sql(source, R"SQL(
CREATE TABLE public.events (
    id bigint PRIMARY KEY,
    kind text,
    payload text,
    tenant_id integer
);
ALTER TABLE public.events ALTER COLUMN kind SET STATISTICS 500;
ALTER TABLE public.events ALTER COLUMN payload SET STORAGE EXTERNAL;
ALTER TABLE public.events ALTER COLUMN tenant_id SET (n_distinct = -0.05, n_distinct_inherited = 100);
)SQL");
    if (cluster.server_version() >= 140000) {
        cluster.run_sql(source, "ALTER TABLE public.events ALTER COLUMN payload SET COMPRESSION pglz");
    }
    std::string dir = export_and_check_empty_plan(source);
    auto file = read_file(dir + "/public/events.json");
    INFO(file);
    CHECK(has(file, "\"statistics\": 500"));
    CHECK(has(file, "\"storage\": \"external\""));
    CHECK(has(file, "\"n_distinct\": \"-0.05\""));

    std::string target = cluster.create_database("tuning_rebuilt");
    auto applied = reconcile_on("apply", dir, target, {"--yes"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    CHECK(reconcile_on("plan", dir, target).exit_code == 0);
    if (cluster.has_pg_dump()) CHECK(cluster.dump_schema(target) == cluster.dump_schema(source));

    // Changed in place: a new target, one option reset.
    write_manifest(dir, "public/events.json",
                   R"json({"table": "events", "columns": [
                       {"name": "id", "type": "bigint", "not_null": true},
                       {"name": "kind", "type": "text", "statistics": 50},
                       {"name": "payload", "type": "text", "storage": "external"},
                       {"name": "tenant_id", "type": "integer", "options": {"n_distinct": "-0.05"}}],
                       "primary_key": {"columns": ["id"]}})json");
    auto plan = reconcile_on("plan", dir, target);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 2);
    CHECK(has(plan.out, "ALTER COLUMN \"kind\" SET STATISTICS 50"));
    CHECK(has(plan.out, "ALTER COLUMN \"tenant_id\" RESET (n_distinct_inherited)"));
    auto changed = reconcile_on("apply", dir, target, {"--yes"});
    INFO(changed.out << changed.err);
    REQUIRE(changed.exit_code == 0);
    auto again = reconcile_on("plan", dir, target);
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);
}

TEST_CASE("replica identity: full, nothing and using index round-trip and change in place", "[replica_identity]") {
    auto& cluster = TempCluster::shared();
    std::string source = cluster.create_database("replident");
    cluster.run_sql(source, R"SQL(
CREATE TABLE public.a (id integer PRIMARY KEY);
CREATE TABLE public.b (id integer);
CREATE TABLE public.c (id integer NOT NULL, CONSTRAINT c_id_key UNIQUE (id));
ALTER TABLE public.a REPLICA IDENTITY FULL;
ALTER TABLE public.b REPLICA IDENTITY NOTHING;
ALTER TABLE public.c REPLICA IDENTITY USING INDEX c_id_key;
)SQL");
    std::string dir = export_and_check_empty_plan(source);
    CHECK(has(read_file(dir + "/public/c.json"), "\"index\": \"c_id_key\""));
    std::string target = cluster.create_database("replident_rebuilt");
    auto applied = reconcile_on("apply", dir, target, {"--yes"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    CHECK(reconcile_on("plan", dir, target).exit_code == 0);
    CHECK(query_column(target,
                       "SELECT relname || ' ' || relreplident::text FROM pg_class WHERE relname IN ('a', 'b', 'c') "
                       "ORDER BY 1") == "a f\nb n\nc i");

    write_manifest(dir, "public/a.json",
                   R"json({"table": "a", "columns": [{"name": "id", "type": "integer", "not_null": true}],
                           "primary_key": {"columns": ["id"]}})json");
    auto plan = reconcile_on("plan", dir, target);
    INFO(plan.out << plan.err);
    CHECK(has(plan.out, "ALTER TABLE \"public\".\"a\" REPLICA IDENTITY DEFAULT"));
    REQUIRE(reconcile_on("apply", dir, target, {"--yes"}).exit_code == 0);
    CHECK(reconcile_on("plan", dir, target).exit_code == 0);
}
