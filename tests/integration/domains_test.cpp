// Domains: pagila's `year` (a named check), one on a declared enum, one
// with default, NOT NULL and collation; export, rebuild into an empty
// database, same pg_dump; changes in place; base type changes refused.
#include <catch2/catch.hpp>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

constexpr const char* domains_schema = R"SQL(
CREATE TYPE public.mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17');
CREATE DOMAIN public.year AS integer CONSTRAINT year_check CHECK (((VALUE >= 1901) AND (VALUE <= 2155)));
CREATE DOMAIN public.rating AS public.mpaa_rating DEFAULT 'G' NOT NULL;
CREATE DOMAIN public.code AS text COLLATE "C" CONSTRAINT code_upper CHECK (VALUE = upper(VALUE))
  CONSTRAINT code_short CHECK (length(VALUE) < 10);
COMMENT ON DOMAIN public.code IS 'short upper-case code';
CREATE TABLE public.film (
    film_id integer PRIMARY KEY,
    release_year public.year,
    rating public.rating,
    codes public.code[]
);
)SQL";

}  // namespace

TEST_CASE("domains: export, rebuild into an empty database, same pg_dump", "[domains][roundtrip]") {
    auto& cluster = TempCluster::shared();
    std::string source = cluster.create_database("domains");
    cluster.run_sql(source, domains_schema);
    std::string dir = export_and_check_empty_plan(source);
    auto schemas = read_file(dir + "/schemas.json");
    INFO(schemas);
    CHECK(has(schemas, "\"year_check\""));

    // Into an empty database: the enum before the domain over it, domains
    // before the tables using them.
    auto plan = reconcile_on("plan", dir, cluster.create_database("domains_empty"));
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    CHECK(plan.out.find("CREATE TYPE \"public\".\"mpaa_rating\"") <
          plan.out.find("CREATE DOMAIN \"public\".\"rating\""));
    CHECK(plan.out.find("CREATE DOMAIN \"public\".\"year\"") < plan.out.find("CREATE TABLE"));
    check_rebuilds_from_export(source, dir);
}

TEST_CASE("domains: written by hand, changed in place; a new base type is refused", "[domains]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("domains_alter");
    std::string dir = make_temp_dir("domains-alter");
    auto write = [&](const std::string& domain) {
        write_manifest(
            dir, "schemas.json",
            R"json({"schemas": {"public": {"comment": "standard public schema", "domains": {"posint": )json" + domain +
                "}}}}");
        write_manifest(dir, "public/t.json", R"json({"table": "t", "columns": [{"name": "n", "type": "posint"}]})json");
    };
    write(R"json({"type": "int", "checks": {"posint_check": {"expression": "VALUE > 0"}}})json");
    auto created = reconcile_on("apply", dir, db, {"--yes"});
    INFO(created.out << created.err);
    REQUIRE(created.exit_code == 0);
    CHECK(reconcile_on("plan", dir, db).exit_code == 0);

    write(R"json({"type": "int", "default": "1", "not_null": true,
                  "checks": {"posint_check": {"expression": "VALUE > 1"}, "small": {"expression": "VALUE < 100"}}})json");
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 2);
    CHECK(has(plan.out, "ALTER DOMAIN \"public\".\"posint\" SET DEFAULT 1"));
    CHECK(has(plan.out, "ALTER DOMAIN \"public\".\"posint\" SET NOT NULL"));
    CHECK(has(plan.out, "ALTER DOMAIN \"public\".\"posint\" DROP CONSTRAINT \"posint_check\""));
    auto applied = reconcile_on("apply", dir, db, {"--yes"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    CHECK(reconcile_on("plan", dir, db).exit_code == 0);

    write(R"json({"type": "bigint", "default": "1", "not_null": true,
                  "checks": {"posint_check": {"expression": "VALUE > 1"}, "small": {"expression": "VALUE < 100"}}})json");
    auto refused = reconcile_on("plan", dir, db);
    CHECK(refused.exit_code == 1);
    CHECK(has(refused.err, "domain public.posint: changing its base type (from integer to bigint) is not supported"));
}
