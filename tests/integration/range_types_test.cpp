// Range types: read, exported, re-created into an empty database (with a
// subtype_diff function and a non-default collation), ordered before the
// columns and composite types that use them.
#include <catch2/catch.hpp>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

constexpr const char* ranges = R"SQL(
CREATE FUNCTION public.time_subtype_diff(x time, y time) RETURNS float8 LANGUAGE sql IMMUTABLE STRICT
    AS 'SELECT EXTRACT(EPOCH FROM (x - y))';
CREATE TYPE public.timerange AS RANGE (subtype = time, subtype_diff = public.time_subtype_diff);
COMMENT ON TYPE public.timerange IS 'opening hours';
CREATE TYPE public.floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE TYPE public.textrange_c AS RANGE (subtype = text, collation = "C");
CREATE TYPE public.slot AS (during public.timerange, label text);
CREATE TABLE public.shop (id int PRIMARY KEY, open public.timerange, weights public.floatrange[], s public.slot);
)SQL";

}  // namespace

TEST_CASE("range types: export, rebuild into an empty database, dump the same", "[range_types][roundtrip]") {
    auto& cluster = TempCluster::shared();
    std::string source = cluster.create_database("ranges");
    cluster.run_sql(source, ranges);
    std::string dir = export_and_check_empty_plan(source);
    auto schemas = read_file(dir + "/schemas.json");
    INFO(schemas);
    CHECK(has(schemas, "\"range_types\""));
    CHECK(has(schemas, "\"subtype\": \"time without time zone\""));
    CHECK(has(schemas, "\"subtype_diff\": \"public.time_subtype_diff\""));
    CHECK(has(schemas, "\"subtype_diff\": \"float8mi\""));
    CHECK(has(schemas, "\"collation\": \"pg_catalog.\\\"C\\\"\""));

    check_rebuilds_from_export(source, dir);
}

TEST_CASE("range types: written as users write them, changes refused, drops need --prune", "[range_types]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("ranges_written");
    std::string dir = make_temp_dir("ranges-written");
    write_manifest(dir, "schemas.json", R"json({"schemas": {"public": {"comment": "standard public schema",
        "range_types": {"floatrange": {"subtype": "float8", "subtype_diff": "float8mi"}}}}})json");
    write_manifest(dir, "public/t.json", R"json({"table": "t", "columns": [{"name": "r", "type": "floatrange"}]})json");
    auto applied = reconcile_on("apply", dir, db, {"--yes"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    // "float8" is the server's "double precision": nothing left to do.
    auto again = reconcile_on("plan", dir, db);
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);

    write_manifest(dir, "schemas.json", R"json({"schemas": {"public": {"comment": "standard public schema",
        "range_types": {"floatrange": {"subtype": "numeric"}}}}})json");
    auto changed = reconcile_on("plan", dir, db);
    INFO(changed.out << changed.err);
    CHECK(changed.exit_code == 1);
    CHECK(has(changed.err, "range type public.floatrange"));
}
