// Command-line conventions that need no database: every token is either an
// option the command takes or an error, and a format a command cannot
// produce is refused rather than silently replaced.
#include <catch2/catch.hpp>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

TEST_CASE("cli: --version names the version and the commit", "[cli]") {
    auto result = run_reconcile({"--version"});
    CHECK(result.exit_code == 0);
    CHECK(result.out.rfind("reconcile ", 0) == 0);
    CHECK(has(result.out, "(commit "));
}

TEST_CASE("cli: help <command> is <command> --help", "[cli]") {
    auto help = run_reconcile({"help", "plan"});
    auto flag = run_reconcile({"plan", "--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out == flag.out);
    CHECK(has(help.out, "--dev-database"));
    CHECK(run_reconcile({"help", "nonsense"}).exit_code == 1);
    CHECK(run_reconcile({"help"}).exit_code == 0);
}

TEST_CASE("cli: a stray positional argument is an error, not ignored", "[cli]") {
    std::string dir = make_temp_dir("stray");
    write_manifest(dir, "schemas.json", R"json({"schemas": {"public": {}}})json");
    auto result = run_reconcile({"validate", "-m", dir, "schema/"});
    CHECK(result.exit_code == 1);
    CHECK(has(result.err, "too many positional options"));
    CHECK(result.out.empty());
}

TEST_CASE("cli: drift refuses a format it cannot produce", "[cli]") {
    std::string dir = make_temp_dir("formats");
    write_manifest(dir, "schemas.json", R"json({"schemas": {"public": {}}})json");
    auto result = run_reconcile({"drift", "-m", dir, "-d", "host=127.0.0.1 port=1", "--format", "sql"});
    CHECK(result.exit_code == 1);
    CHECK(has(result.err, "drift: --format must be text, json or markdown, not \"sql\""));
    CHECK_FALSE(has(result.err, "cannot connect"));
}

TEST_CASE("cli: objects not managed are one summary line unless --verbose", "[cli]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("summary");
    cluster.run_sql(db,
                    "CREATE TABLE t (id int); CREATE RULE r1 AS ON DELETE TO t DO INSTEAD NOTHING;"
                    "CREATE RULE r2 AS ON UPDATE TO t DO INSTEAD NOTHING");
    std::string dir = make_temp_dir("summary");
    write_manifest(dir, "schemas.json", R"json({"schemas": {"public": {"comment": "standard public schema"}}})json");
    write_manifest(dir, "t.json", R"json({"table": "t", "columns": [{"name": "id", "type": "integer"}]})json");

    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 0);
    CHECK(has(plan.out, "Not managed by reconcile (left alone): 2 objects (rule 2; --verbose lists them)"));
    CHECK_FALSE(has(plan.out, "public.t.r1"));

    auto verbose = reconcile_on("drift", dir, db, {"--verbose"});
    INFO(verbose.out << verbose.err);
    CHECK(verbose.exit_code == 0);
    CHECK(has(verbose.out, "  rule public.t.r1\n  rule public.t.r2\n"));
}
