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

// Found on LedgerSMB (asset_note's own default on note_class): what a child
// sets on a column it inherits is not modelled, so it must be listed as not
// managed rather than lost without a word; what it got from its parents is
// not listed.
TEST_CASE("inheritance: a child's own settings on inherited columns are listed as not managed", "[inheritance]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("inh_own_settings");
    cluster.run_sql(db, R"SQL(
CREATE TABLE public.note (id int NOT NULL, note_class int DEFAULT 1, body text);
CREATE TABLE public.asset_note () INHERITS (public.note);
CREATE TABLE public.budget_note () INHERITS (public.note);
ALTER TABLE ONLY public.asset_note ALTER COLUMN note_class SET DEFAULT 4;
ALTER TABLE public.asset_note ALTER COLUMN body SET NOT NULL;
COMMENT ON COLUMN public.budget_note.body IS 'the budget''s words';
CREATE TABLE public.event (id int, region text DEFAULT 'eu') PARTITION BY LIST (region);
CREATE TABLE public.event_us PARTITION OF public.event FOR VALUES IN ('us');
ALTER TABLE public.event_us ALTER COLUMN region SET DEFAULT 'us';
)SQL");
    std::string dir = export_and_check_empty_plan(db);
    auto listing = reconcile_on("plan", dir, db, {"--verbose"});
    INFO(listing.out << listing.err);
    CHECK(has(listing.out, "own default on inherited column public.asset_note.note_class"));
    CHECK(has(listing.out, "own NOT NULL on inherited column public.asset_note.body"));
    CHECK(has(listing.out, "comment on inherited column public.budget_note.body"));
    CHECK(has(listing.out, "own default on inherited column public.event_us.region"));
    // Defaults and NOT NULL copied from the parent are the parent's.
    CHECK_FALSE(has(listing.out, "public.budget_note.note_class"));
    CHECK_FALSE(has(listing.out, "public.asset_note.id"));
}
