// Composite types: one built on a managed enum is created after it in the
// same apply; export, rebuild, same pg_dump; attributes added in place.
#include <catch2/catch.hpp>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

TEST_CASE("composite types: on a managed enum, rebuilt from export into an empty database", "[composite][roundtrip]") {
    auto& cluster = TempCluster::shared();
    std::string source = cluster.create_database("composite");
    cluster.run_sql(source, R"SQL(
CREATE TYPE public.z_status AS ENUM ('open', 'closed');
CREATE TYPE public.a_ticket_ref AS (id bigint, status public.z_status, label text COLLATE "C");
COMMENT ON TYPE public.a_ticket_ref IS 'a reference to a ticket';
CREATE TABLE public.links (id integer PRIMARY KEY, target public.a_ticket_ref, history public.a_ticket_ref[]);
)SQL");
    std::string dir = export_and_check_empty_plan(source);
    CHECK(has(read_file(dir + "/schemas.json"), "\"composite_types\""));

    std::string target = cluster.create_database("composite_rebuilt");
    auto plan = reconcile_on("plan", dir, target);
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    CHECK(plan.out.find("CREATE TYPE \"public\".\"z_status\"") <
          plan.out.find("CREATE TYPE \"public\".\"a_ticket_ref\""));
    auto applied = reconcile_on("apply", dir, target, {"--yes"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    CHECK(reconcile_on("plan", dir, target).exit_code == 0);
    if (cluster.has_pg_dump()) CHECK(cluster.dump_schema(target) == cluster.dump_schema(source));
}

TEST_CASE("composite types: an attribute appended in place; reordering refused", "[composite]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("composite_alter");
    std::string dir = make_temp_dir("composite-alter");
    auto write = [&](const std::string& attributes) {
        write_manifest(dir, "schemas.json",
                       R"json({"schemas": {"public": {"comment": "standard public schema", "composite_types": {
                           "pair": {"attributes": )json" +
                           attributes + "}}}}}");
    };
    write(R"json([{"name": "a", "type": "int"}])json");
    REQUIRE(reconcile_on("apply", dir, db, {"--yes"}).exit_code == 0);
    CHECK(reconcile_on("plan", dir, db).exit_code == 0);
    write(R"json([{"name": "a", "type": "int"}, {"name": "b", "type": "text"}])json");
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    CHECK(has(plan.out, "ALTER TYPE \"public\".\"pair\" ADD ATTRIBUTE \"b\" text"));
    REQUIRE(reconcile_on("apply", dir, db, {"--yes"}).exit_code == 0);
    CHECK(reconcile_on("plan", dir, db).exit_code == 0);
    write(R"json([{"name": "b", "type": "text"}, {"name": "a", "type": "int"}])json");
    auto refused = reconcile_on("plan", dir, db);
    CHECK(refused.exit_code == 1);
    CHECK(has(refused.err, "composite type public.pair: its attributes cannot be reordered"));
}
