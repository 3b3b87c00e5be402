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
    auto [plan, db] = converge(
        "inh_drop", base, std::string(base) + "ALTER TABLE public.measurement_2020 NO INHERIT public.measurement;");
    CHECK(has(plan, "NO INHERIT \"public\".\"measurement\""));
    CHECK_FALSE(has(plan, "ADD COLUMN"));
}

// Found on LedgerSMB (asset_note's own default on note_class): what a child
// sets itself on a column it inherits was lost on rebuild without a word.
constexpr const char* own_settings = R"SQL(
CREATE TABLE public.note (id int NOT NULL, note_class int DEFAULT 1, body text);
CREATE TABLE public.asset_note () INHERITS (public.note);
CREATE TABLE public.budget_note () INHERITS (public.note);
ALTER TABLE ONLY public.asset_note ALTER COLUMN note_class SET DEFAULT 4;
ALTER TABLE public.asset_note ALTER COLUMN body SET NOT NULL;
COMMENT ON COLUMN public.budget_note.body IS 'the budget''s words';
CREATE TABLE public.event (id int, region text DEFAULT 'eu') PARTITION BY LIST (region);
CREATE TABLE public.event_us PARTITION OF public.event FOR VALUES IN ('us');
ALTER TABLE public.event_us ALTER COLUMN region SET DEFAULT 'us';
)SQL";

TEST_CASE("inheritance: a child's own settings on inherited columns export and rebuild", "[inheritance]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("inh_own_settings");
    cluster.run_sql(db, own_settings);
    std::string dir = export_and_check_empty_plan(db);
    auto asset = read_file(dir + "/public/asset_note.json");
    INFO(asset);
    CHECK(has(asset, R"("inherited_columns": {"body": {"not_null": true}, "note_class": {"default": "4"}})"));
    auto rebuilt = check_rebuilds_from_export(db, dir);
    cluster.run_sql(rebuilt, "INSERT INTO public.asset_note (id, body) VALUES (1, 'a')");
    cluster.run_sql(rebuilt, "INSERT INTO public.budget_note (id) VALUES (2)");
    CHECK(query_column(rebuilt, "SELECT note_class FROM public.note ORDER BY id") == "4\n1");
    CHECK(query_column(rebuilt, "SELECT col_description('public.budget_note'::regclass, 3)") == "the budget's words");
    CHECK(query_column(rebuilt,
                       "SELECT attnotnull FROM pg_attribute WHERE attrelid = 'public.asset_note'::regclass "
                       "AND attname = 'body'") == "t");
    cluster.run_sql(rebuilt, "INSERT INTO public.event_us (id) VALUES (3)");
    CHECK(query_column(rebuilt, "SELECT region FROM public.event") == "us");
}

TEST_CASE("inheritance: a parent's new default reaches the children, a child's own stays", "[inheritance]") {
    std::string after = std::string(own_settings) + R"SQL(
ALTER TABLE public.note ALTER COLUMN note_class SET DEFAULT 2;
ALTER TABLE ONLY public.asset_note ALTER COLUMN note_class SET DEFAULT 4;
ALTER TABLE public.asset_note ALTER COLUMN body DROP NOT NULL;
ALTER TABLE public.budget_note ALTER COLUMN id SET DEFAULT 0;
COMMENT ON COLUMN public.budget_note.body IS NULL;
)SQL";
    auto [plan, db] = converge("inh_own_change", own_settings, after);
    CHECK(has(plan, "DROP NOT NULL"));
    CHECK(query_column(db,
                       "SELECT adbin IS NOT NULL FROM pg_attrdef WHERE adrelid = 'public.budget_note'::regclass "
                       "AND adnum = 1") == "t");
    CHECK(query_column(db,
                       "SELECT pg_get_expr(adbin, 0) FROM pg_attrdef WHERE adrelid = 'public.asset_note'::regclass "
                       "AND adnum = 2") == "4");
    CHECK(query_column(db,
                       "SELECT pg_get_expr(adbin, 0) FROM pg_attrdef WHERE adrelid = 'public.budget_note'::regclass "
                       "AND adnum = 2") == "2");
}

TEST_CASE("inheritance: a setting on a column no parent has is refused before anything runs", "[inheritance]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("inh_own_bad");
    std::string dir = make_temp_dir("inh_own_bad");
    write_manifest(dir, "public.json", public_schema);
    write_manifest(dir, "public/parent.json",
                   R"json({"table": "parent", "columns": [{"name": "id", "type": "int"}]})json");
    write_manifest(dir, "public/child.json", R"json({"table": "child", "inherits": [{"table": "parent"}],
        "inherited_columns": {"nope": {"default": "1"}}})json");
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 1);
    CHECK(has(plan.err, "child.json"));
    CHECK(has(plan.err, "/inherited_columns/nope"));
    CHECK(has(plan.err, "no parent of public.child has a column \"nope\""));
}
