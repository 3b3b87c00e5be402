// INHERITS between two versions of a schema: a table gaining a parent
// (INHERIT), losing one (NO INHERIT), each converging and re-planning empty.
#include <catch2/catch.hpp>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

constexpr const char* base = R"SQL(
CREATE TABLE public.measurement (id int NOT NULL, taken date NOT NULL, value numeric);
CREATE TABLE public.measurement_2020 (CHECK (taken < '2021-01-01')) INHERITS (public.measurement);
CREATE TABLE public.measurement_2021 (id int NOT NULL, taken date NOT NULL, value numeric);
INSERT INTO public.measurement_2021 VALUES (1, '2021-05-01', 2);
)SQL";

// Applies the export of a database built from `after` to one built from
// `before`; the result plans empty. Returns the first plan and the database.
std::pair<std::string, std::string> converge(const std::string& name, const std::string& before,
                                             const std::string& after) {
    auto& cluster = TempCluster::shared();
    std::string wanted = cluster.create_database(name + "_want");
    cluster.run_sql(wanted, after);
    std::string dir = export_and_check_empty_plan(wanted);
    std::string db = cluster.create_database(name);
    cluster.run_sql(db, before);
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 2);
    auto applied = reconcile_on("apply", dir, db, {"--yes"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    auto again = reconcile_on("plan", dir, db);
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);
    if (cluster.has_pg_dump()) CHECK(cluster.dump_schema(db) == cluster.dump_schema(wanted));
    return {plan.out, db};
}

}  // namespace

TEST_CASE("inheritance: a table gains a parent, its rows then read through the parent", "[inheritance]") {
    auto [plan, db] = converge("inh_add", base,
                               std::string(base) + "ALTER TABLE public.measurement_2021 INHERIT public.measurement;");
    CHECK(has(plan, "INHERIT \"public\".\"measurement\""));
    CHECK_FALSE(has(plan, "DROP COLUMN"));
    CHECK(query_column(db, "SELECT count(*) FROM public.measurement") == "1");
}

TEST_CASE("inheritance: a child loses its parent and keeps its columns", "[inheritance]") {
    auto [plan, db] = converge("inh_drop", base,
                               std::string(base) + "ALTER TABLE public.measurement_2020 NO INHERIT public.measurement;");
    CHECK(has(plan, "NO INHERIT \"public\".\"measurement\""));
    CHECK_FALSE(has(plan, "ADD COLUMN"));
}
