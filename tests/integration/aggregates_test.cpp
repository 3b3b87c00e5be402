// Aggregates against a real server: read, exported, created in order with
// the functions they use and the views that call them, replaced in place
// or re-created with those views, and rebuilt from an export.
#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

void apply_and_converge(const std::string& dir, const std::string& db) {
    auto applied = reconcile_on("apply", dir, db, {"--yes"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    auto again = reconcile_on("plan", dir, db);
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);
    CHECK(has(again.out, "No changes."));
}

// pagila's group_concat, used by a view, plus an aggregate with most
// options: a final function, a combine function, an initial condition, a
// sort operator, parallel safety, a moving mode, a comment and a grant.
constexpr const char* pagila_like = R"sql(
CREATE ROLE agg_reader;
CREATE TABLE public.actor (actor_id int PRIMARY KEY, first_name text NOT NULL, film text NOT NULL);
CREATE FUNCTION public._group_concat(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
SELECT CASE WHEN $2 IS NULL THEN $1 WHEN $1 IS NULL THEN $2 ELSE $1 || ', ' || $2 END
$$;
CREATE AGGREGATE public.group_concat(text) (SFUNC = public._group_concat, STYPE = text);
CREATE VIEW public.actor_films AS
  SELECT a.first_name, public.group_concat(a.film) AS films FROM public.actor a GROUP BY a.first_name;
CREATE FUNCTION public.sum_final(bigint) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT $1::numeric';
CREATE FUNCTION public.sum_step(bigint, integer) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
CREATE FUNCTION public.sum_unstep(bigint, integer) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT $1 - $2';
CREATE AGGREGATE public.my_sum(n integer) (
  SFUNC = public.sum_step, STYPE = bigint, FINALFUNC = public.sum_final, COMBINEFUNC = pg_catalog.int8pl,
  INITCOND = '0', MSFUNC = public.sum_step, MINVFUNC = public.sum_unstep, MSTYPE = bigint, MFINALFUNC = public.sum_final, MINITCOND = '0',
  PARALLEL = SAFE);
CREATE AGGREGATE public.my_max(integer) (SFUNC = pg_catalog.int4larger, STYPE = integer, SORTOP = >);
COMMENT ON AGGREGATE public.my_sum(integer) IS 'a sum';
REVOKE EXECUTE ON FUNCTION public.my_sum(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.my_sum(integer) TO agg_reader;
INSERT INTO public.actor VALUES (1, 'ann', 'x'), (2, 'ann', 'y'), (3, 'bob', 'z');
)sql";

}  // namespace

TEST_CASE("aggregates round-trip through export and rebuild the database", "[aggregates]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("agg_export");
    cluster.run_sql(db, "DROP ROLE IF EXISTS agg_reader");
    cluster.run_sql(db, pagila_like);

    std::string exported = export_and_check_empty_plan(db);
    const auto file = std::filesystem::path(exported) / "public/aggregates/group_concat.json";
    REQUIRE(std::filesystem::exists(file));
    auto listing = reconcile_on("plan", exported, db, {"--verbose"});
    INFO(listing.out << listing.err);
    CHECK(!has(listing.out, "aggregate public.group_concat"));

    std::string rebuilt = check_rebuilds_from_export(db, exported);
    CHECK(query_column(rebuilt, "SELECT films FROM public.actor_films ORDER BY first_name LIMIT 1") == "");
    cluster.run_sql(rebuilt, "INSERT INTO public.actor VALUES (1, 'ann', 'x'), (2, 'ann', 'y')");
    CHECK(query_column(rebuilt, "SELECT films FROM public.actor_films") == "x, y");
    CHECK(query_column(rebuilt, "SELECT public.my_sum(actor_id) FROM public.actor") == "3");
    CHECK(query_column(rebuilt, "SELECT obj_description('public.my_sum(integer)'::regprocedure)") == "a sum");
    CHECK(query_column(rebuilt, "SELECT has_function_privilege('agg_reader', 'public.my_sum(integer)', 'EXECUTE')") ==
          "t");
    CHECK(query_column(rebuilt,
                       "SELECT aggsortop::regoperator::text FROM pg_aggregate "
                       "WHERE aggfnoid = 'public.my_max(integer)'::regprocedure") == ">(integer,integer)");
}

TEST_CASE("aggregates are created after their functions and before the views that call them", "[aggregates]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("agg_create");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "t.json", R"json({"table": "t", "columns": [{"name": "v", "type": "text"}]})json");
    write_manifest(dir, "cat.json", R"json({"function": "cat", "arguments": [{"type": "text"}, {"type": "text"}],
        "returns": "text", "language": "sql", "body": "SELECT coalesce($1 || '+', '') || $2"})json");
    write_manifest(dir, "concat_all.json", R"json({"aggregate": "concat_all", "arguments": [{"type": "text"}],
        "sfunc": "public.cat", "stype": "text", "comment": "joins"})json");
    write_manifest(dir, "v.json",
                   R"json({"view": "v", "query": "SELECT public.concat_all(t.v) AS j FROM public.t"})json");
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    auto at = [&](const std::string& text) { return plan.out.find(text); };
    CHECK(at("create function public.cat(text, text)") < at("create aggregate public.concat_all(text)"));
    CHECK(at("create aggregate public.concat_all(text)") < at("create view public.v"));
    apply_and_converge(dir, db);
    cluster.run_sql(db, "INSERT INTO public.t VALUES ('a'), ('b')");
    CHECK(query_column(db, "SELECT j FROM public.v") == "a+b");
}

TEST_CASE("a bare support function name means pg_catalog's; a declared one is pointed out", "[aggregates]") {
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "cat.json", R"json({"function": "cat", "arguments": [{"type": "text"}, {"type": "text"}],
        "returns": "text", "language": "sql", "body": "SELECT $1 || $2"})json");
    write_manifest(dir, "concat_all.json", R"json({"aggregate": "concat_all", "arguments": [{"type": "text"}],
        "sfunc": "cat", "stype": "text", "bogus": 1})json");
    auto result = run_reconcile({"validate", "-m", dir});
    INFO(result.out << result.err);
    CHECK(result.exit_code == 1);
    CHECK(has(result.err, "concat_all.json: /bogus"));
    CHECK(has(result.err, "public.cat"));
}

TEST_CASE("an aggregate change keeps the aggregate where it can and re-creates its views where not", "[aggregates]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("agg_change");
    cluster.run_sql(db, R"sql(
CREATE TABLE public.t (n int);
CREATE AGGREGATE public.total(integer) (SFUNC = pg_catalog.int4pl, STYPE = integer);
CREATE VIEW public.v AS SELECT public.total(t.n) AS s FROM public.t;
INSERT INTO public.t VALUES (1), (2);
)sql");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "t.json", R"json({"table": "t", "columns": [{"name": "n", "type": "int"}]})json");
    write_manifest(dir, "v.json", R"json({"view": "v", "query": "SELECT public.total(t.n) AS s FROM public.t"})json");

    SECTION("a new initial condition is CREATE OR REPLACE") {
        write_manifest(dir, "total.json", R"json({"aggregate": "total", "arguments": [{"type": "int"}],
            "sfunc": "int4pl", "stype": "int4", "initcond": "10"})json");
        auto plan = reconcile_on("plan", dir, db, {"--format", "json"});
        INFO(plan.out << plan.err);
        REQUIRE(plan.exit_code == 2);
        CHECK(has(plan.out, "\"replace_aggregate\""));
        CHECK(!has(plan.out, "\"drop_aggregate\""));
        CHECK(!has(plan.out, "\"drop_view\""));
        apply_and_converge(dir, db);
        CHECK(query_column(db, "SELECT s FROM public.v") == "13");
    }
    SECTION("a new state type re-creates the aggregate and the view") {
        write_manifest(dir, "total.json", R"json({"aggregate": "total", "arguments": [{"type": "integer"}],
            "sfunc": "int84pl", "stype": "bigint", "initcond": "0"})json");
        write_manifest(dir, "v.json",
                       R"json({"view": "v", "query": "SELECT public.total(t.n) AS s FROM public.t"})json");
        auto plan = reconcile_on("plan", dir, db);
        INFO(plan.out << plan.err);
        REQUIRE(plan.exit_code == 2);
        auto at = [&](const std::string& text) { return plan.out.find(text); };
        CHECK(at("drop view public.v") < at("drop aggregate public.total(integer)"));
        CHECK(at("drop aggregate public.total(integer)") < at("create aggregate public.total(integer)"));
        CHECK(at("create aggregate public.total(integer)") < at("re-create view public.v"));
        apply_and_converge(dir, db);
        CHECK(query_column(db, "SELECT pg_typeof(s)::text FROM public.v") == "bigint");
    }
}

// An aggregate over `*` is written agg(*) by ALTER AGGREGATE and COMMENT ON
// AGGREGATE (`agg()` is a syntax error there) and agg() by GRANT ... ON
// FUNCTION, which takes no `*`.
TEST_CASE("an aggregate over star takes its owner and comment and grants", "[aggregates]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("agg_star");
    cluster.run_sql(db, "DROP ROLE IF EXISTS agg_star_owner; DROP ROLE IF EXISTS agg_star_reader");
    cluster.run_sql(db, R"sql(
CREATE ROLE agg_star_owner;
CREATE ROLE agg_star_reader;
CREATE SCHEMA s;
CREATE FUNCTION s.bump(bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT $1 + 1';
CREATE AGGREGATE s.cnt(*) (SFUNC = s.bump, STYPE = int8, INITCOND = '0');
ALTER AGGREGATE s.cnt(*) OWNER TO agg_star_owner;
COMMENT ON AGGREGATE s.cnt(*) IS 'counts rows';
REVOKE EXECUTE ON FUNCTION s.cnt() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION s.cnt() TO agg_star_reader;
CREATE TABLE s.t (n int);
INSERT INTO s.t VALUES (1), (2), (3);
)sql");
    std::string exported = export_and_check_empty_plan(db);
    auto summary = run_reconcile({"export", "-d", cluster.conninfo(db), "-o", make_temp_dir("agg_star_export")});
    INFO(summary.out << summary.err);
    CHECK(has(summary.err, "exported 2 schemas, 0 enums, 1 tables, 0 views, 1 functions, 1 aggregates"));

    // Created by the applying role, then given to its owner.
    std::string rebuilt = check_rebuilds_from_export(db, exported);
    CHECK(query_column(rebuilt, "SELECT proowner::regrole::text FROM pg_proc WHERE oid = 's.cnt()'::regprocedure") ==
          "agg_star_owner");

    // Drift on the live aggregate is put back.
    cluster.run_sql(db, R"sql(
ALTER AGGREGATE s.cnt(*) OWNER TO CURRENT_USER;
COMMENT ON AGGREGATE s.cnt(*) IS 'changed';
REVOKE EXECUTE ON FUNCTION s.cnt() FROM agg_star_reader;
GRANT EXECUTE ON FUNCTION s.cnt() TO PUBLIC;
)sql");
    auto plan = reconcile_on("plan", exported, db, {"--format", "sql"});
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    CHECK(has(plan.out, R"(ALTER AGGREGATE "s"."cnt"(*) OWNER TO "agg_star_owner")"));
    CHECK(has(plan.out, R"(COMMENT ON AGGREGATE "s"."cnt"(*) IS 'counts rows')"));
    apply_and_converge(exported, db);
    CHECK(query_column(db, "SELECT proowner::regrole::text FROM pg_proc WHERE oid = 's.cnt()'::regprocedure") ==
          "agg_star_owner");
    CHECK(query_column(db, "SELECT has_function_privilege('agg_star_reader', 's.cnt()', 'EXECUTE')") == "t");
    CHECK(query_column(db, "SELECT s.cnt(*) FROM s.t") == "3");
}

namespace {

// pct(fraction ORDER BY value): the state collects the values, the final
// function takes the direct argument. my_rank is hypothetical-set.
constexpr const char* ordered_set_sql = R"sql(
CREATE TABLE public.m (v float8);
INSERT INTO public.m VALUES (1), (2), (3), (4);
CREATE FUNCTION public.pct_step(float8[], float8) RETURNS float8[] LANGUAGE sql IMMUTABLE AS 'SELECT $1 || $2';
CREATE FUNCTION public.pct_final(float8[], float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS
  'SELECT $1[greatest(1, ceil($2 * array_length($1, 1))::int)]';
CREATE AGGREGATE public.pct(fraction float8 ORDER BY float8) (
  SFUNC = public.pct_step, STYPE = float8[], FINALFUNC = public.pct_final, INITCOND = '{}');
CREATE FUNCTION public.rank_step(bigint, integer) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT $1 + 1';
CREATE FUNCTION public.rank_final(bigint, integer, integer) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT $1 + 1';
CREATE AGGREGATE public.my_rank(integer ORDER BY integer) (
  SFUNC = public.rank_step, STYPE = bigint, INITCOND = '0', FINALFUNC = public.rank_final, FINALFUNC_EXTRA,
  HYPOTHETICAL);
CREATE VIEW public.median AS SELECT public.pct(0.5) WITHIN GROUP (ORDER BY m.v) AS p FROM public.m;
COMMENT ON AGGREGATE public.pct(float8 ORDER BY float8) IS 'a percentile';
)sql";

}  // namespace

TEST_CASE("ordered-set and hypothetical-set aggregates round-trip and re-create with their views", "[aggregates]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("agg_ordered");
    cluster.run_sql(db, ordered_set_sql);
    std::string exported = export_and_check_empty_plan(db);
    auto file = read_file(exported + "/public/aggregates/pct.json");
    CHECK(has(file, R"("order_by")"));
    CHECK(has(read_file(exported + "/public/aggregates/my_rank.json"), R"("hypothetical": true)"));
    auto listing = reconcile_on("plan", exported, db, {"--verbose"});
    INFO(listing.out << listing.err);
    CHECK(!has(listing.out, "aggregate public.pct"));

    std::string rebuilt = check_rebuilds_from_export(db, exported);
    CHECK(query_column(rebuilt, "SELECT p FROM public.median") == "NULL");
    cluster.run_sql(rebuilt, "INSERT INTO public.m VALUES (1), (2), (3), (4)");
    CHECK(query_column(rebuilt, "SELECT p FROM public.median") == "2");
    CHECK(query_column(rebuilt, "SELECT public.my_rank(3) WITHIN GROUP (ORDER BY v::int) FROM public.m") == "5");
    CHECK(query_column(rebuilt,
                       "SELECT aggkind || aggnumdirectargs FROM pg_aggregate "
                       "WHERE aggfnoid = 'public.my_rank(integer, integer)'::regprocedure") == "h1");

    // A new state type: dropped (named by both argument types in one list)
    // and created, the view with it.
    std::string dir = make_temp_dir("manifests");
    for (const auto& entry : std::filesystem::recursive_directory_iterator(exported)) {
        if (!entry.is_regular_file()) continue;
        auto relative = std::filesystem::relative(entry.path(), exported).string();
        write_manifest(dir, relative, read_file(entry.path().string()));
    }
    write_manifest(dir, "public/functions/pct_step_n.json", R"json({"function": "pct_step",
        "arguments": [{"type": "numeric[]"}, {"type": "float8"}], "returns": "numeric[]", "language": "sql",
        "volatility": "immutable", "body": "SELECT $1 || $2::numeric"})json");
    write_manifest(dir, "public/functions/pct_final_n.json", R"json({"function": "pct_final",
        "arguments": [{"type": "numeric[]"}, {"type": "float8"}], "returns": "float8", "language": "sql",
        "volatility": "immutable", "body": "SELECT ($1[greatest(1, ceil($2 * array_length($1, 1))::int)])::float8"})json");
    write_manifest(dir, "public/aggregates/pct.json", R"json({"aggregate": "pct",
        "arguments": [{"name": "fraction", "type": "float8"}], "order_by": [{"type": "float8"}],
        "sfunc": "public.pct_step", "stype": "numeric[]", "finalfunc": "public.pct_final", "initcond": "{}",
        "comment": "a percentile"})json");
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    auto at = [&](const std::string& text) { return plan.out.find(text); };
    CHECK(at("drop view public.median") < at("drop aggregate public.pct(double precision, double precision)"));
    CHECK(at("create aggregate public.pct(double precision, double precision)") < at("re-create view public.median"));
    apply_and_converge(dir, db);
    CHECK(query_column(db, "SELECT p FROM public.median") == "2");
    CHECK(query_column(db, "SELECT obj_description('public.pct(float8, float8)'::regprocedure)") == "a percentile");
}
