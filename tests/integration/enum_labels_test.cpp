// PostgreSQL allows an enum without labels and an empty label. Export used
// to write them and every other command then rejected the directory.
#include <catch2/catch.hpp>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

TEST_CASE("enums: an empty label and a label-less enum round-trip", "[enum][roundtrip]") {
    auto& cluster = TempCluster::shared();
    std::string source = cluster.create_database("enum_labels");
    cluster.run_sql(source, R"SQL(
CREATE TYPE public.nothing_yet AS ENUM ();
CREATE TYPE public.answer AS ENUM ('', 'yes', 'no');
CREATE TABLE public.replies (id integer PRIMARY KEY, answer public.answer DEFAULT '' NOT NULL);
)SQL");
    std::string dir = export_and_check_empty_plan(source);
    auto validated = run_reconcile({"validate", "-m", dir});
    INFO(validated.out << validated.err);
    CHECK(validated.exit_code == 0);

    std::string target = cluster.create_database("enum_labels_rebuilt");
    auto applied = reconcile_on("apply", dir, target, {"--yes"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    CHECK(reconcile_on("plan", dir, target).exit_code == 0);
    CHECK(query_column(target,
                       "SELECT count(*) FROM pg_enum WHERE enumtypid = 'public.answer'::regtype "
                       "AND enumlabel = ''") == "1");
    if (cluster.has_pg_dump()) CHECK(cluster.dump_schema(target) == cluster.dump_schema(source));
}
