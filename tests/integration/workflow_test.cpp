// The conventions a person or a CI job meets first: a schema's comment left
// alone unless asked, Markdown plans naming their manifests, colour only on
// a terminal, --quiet, and a password prompt that never echoes.
#include <catch2/catch.hpp>
#include <cstdio>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

std::string shell_quote(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Runs reconcile on a pseudo-terminal (util-linux `script`), typing `input`
// into it two seconds later (as a person would, after the prompt: typed
// earlier, the terminal itself would echo it before reconcile turns echo
// off); returns everything the terminal showed.
std::string run_on_terminal(const std::vector<std::string>& args, const std::string& input,
                            const std::string& environment = "") {
    std::string command = std::string(RECONCILE_BINARY);
    for (const auto& arg : args) command += " " + shell_quote(arg);
    std::string shell = "(sleep 2; printf %s " + shell_quote(input) + ") | " + environment + " timeout 120 script -qec " +
                        shell_quote(command) + " /dev/null 2>&1";
    FILE* pipe = popen(shell.c_str(), "r");
    REQUIRE(pipe);
    std::string out;
    char buffer[4096];
    while (auto n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    pclose(pipe);
    return out;
}

}  // namespace

TEST_CASE("workflow: a schema's comment is left alone unless the manifest has the key", "[workflow]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("comment");
    REQUIRE(query_column(db, "SELECT obj_description('public'::regnamespace)") == "standard public schema");
    std::string dir = make_temp_dir("comment");

    write_manifest(dir, "schemas.json", R"json({"schemas": {"public": {}}})json");
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 0);
    CHECK(has(plan.out, "No changes."));

    write_manifest(dir, "schemas.json", R"json({"schemas": {"public": {"comment": null}}})json");
    auto cleared = reconcile_on("plan", dir, db, {"--format", "sql"});
    INFO(cleared.out << cleared.err);
    CHECK(cleared.exit_code == 2);
    CHECK(has(cleared.out, R"(COMMENT ON SCHEMA "public" IS NULL)"));
}

TEST_CASE("workflow: plan and drift --format markdown name the manifest of each step", "[workflow]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("markdown");
    cluster.run_sql(db, "CREATE TABLE jobs (id int PRIMARY KEY); CREATE COLLATION c2 FROM \"C\"");
    std::string dir = make_temp_dir("markdown");
    write_manifest(dir, "schemas.json", R"json({"schemas": {"public": {}}})json");
    write_manifest(dir, "jobs.json", R"json({"table": "jobs", "columns": [
        {"name": "id", "type": "int"}, {"name": "state", "type": "text", "default": "'new'"}],
        "primary_key": {"columns": ["id"]}})json");

    auto plan = reconcile_on("plan", dir, db, {"--format", "markdown"});
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 2);
    CHECK(has(plan.out, "**1 change** · hazards: 1 × `ACQUIRES_ACCESS_EXCLUSIVE_LOCK` · not destructive\n"));
    CHECK(has(plan.out, "jobs.json` `/columns/1` |"));
    CHECK(has(plan.out, "<details><summary>1. add column"));
    CHECK(has(plan.out, "```sql\nALTER TABLE \"public\".\"jobs\" ADD COLUMN \"state\""));
    CHECK(has(plan.out, "<details><summary>Not managed by reconcile (left alone): 1 object (collation 1)</summary>"));

    auto json = reconcile_on("plan", dir, db, {"--format", "json"});
    CHECK(has(json.out, R"("pointer": "/columns/1")"));

    auto drift = reconcile_on("drift", dir, db, {"--format", "markdown"});
    INFO(drift.out << drift.err);
    CHECK(drift.exit_code == 2);
    CHECK(has(drift.out, "### reconcile drift\n\n**1 difference**"));
}

TEST_CASE("workflow: colour only on a terminal and never with NO_COLOR; --quiet prints no report", "[workflow]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("color");
    std::string dir = make_temp_dir("color");
    write_manifest(dir, "schemas.json", R"json({"schemas": {"public": {}}})json");
    write_manifest(dir, "t.json", R"json({"table": "t", "columns": [{"name": "id", "type": "int"}]})json");
    std::vector<std::string> args = {"plan", "-m", dir, "-d", cluster.conninfo(db)};

    auto piped = run_reconcile(args);
    CHECK(piped.exit_code == 2);
    CHECK(has(piped.out, "Plan: 1 step"));
    CHECK_FALSE(has(piped.out, "\x1b["));

    auto terminal = run_on_terminal(args, "");
    INFO(terminal);
    CHECK(has(terminal, "\x1b[1mPlan: 1 step"));
    auto no_color = run_on_terminal(args, "", "NO_COLOR=1");
    CHECK(has(no_color, "Plan: 1 step"));
    CHECK_FALSE(has(no_color, "\x1b["));

    args.push_back("--quiet");
    auto quiet = run_reconcile(args);
    CHECK(quiet.exit_code == 2);
    CHECK(quiet.out.empty());
    CHECK(quiet.err.empty());
}

TEST_CASE("workflow: -W asks for the password on the terminal and never shows it", "[workflow]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("password");
    std::string dir = make_temp_dir("password");
    write_manifest(dir, "schemas.json", R"json({"schemas": {"public": {}}})json");

    // The test cluster trusts local connections, so any password connects.
    auto shown = run_on_terminal({"plan", "-m", dir, "-d", cluster.conninfo(db), "-W"}, "hunter2-secret\n");
    INFO(shown);
    CHECK(has(shown, "Password: "));
    CHECK(has(shown, "No changes."));
    CHECK_FALSE(has(shown, "hunter2"));

    auto no_terminal = run_reconcile({"plan", "-m", dir, "-d", cluster.conninfo(db), "-W"});
    CHECK(no_terminal.exit_code == 1);
    CHECK(has(no_terminal.err, "--password needs a terminal"));
}

TEST_CASE("workflow: --env takes the project file's manifests and database; flags win", "[workflow]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("project");
    std::string dir = make_temp_dir("project");
    write_manifest(dir, "schema/schemas.json", R"json({"schemas": {"public": {}}})json");
    write_manifest(dir, "schema/t.json", R"json({"table": "t", "columns": [{"name": "id", "type": "int"}]})json");
    write_manifest(dir, "reconcile.json", R"json({"manifests": "schema",
        "environments": {"test": {"database": "$RECONCILE_WORKFLOW_TEST_URL"}}})json");
    std::string config = dir + "/reconcile.json";
    setenv("RECONCILE_WORKFLOW_TEST_URL", cluster.conninfo(db).c_str(), 1);

    auto plan = run_reconcile({"plan", "--config", config, "--env", "test"});
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 2);
    CHECK(has(plan.out, "create table public.t"));

    auto unknown = run_reconcile({"plan", "--config", config, "--env", "prod"});
    CHECK(unknown.exit_code == 1);
    CHECK(has(unknown.err, "no environment \"prod\""));
    CHECK(has(unknown.err, "(it has: test)"));

    auto flag_wins = run_reconcile({"plan", "--config", config, "--env", "test", "-d", "host=127.0.0.1 port=1"});
    CHECK(flag_wins.exit_code == 1);
    CHECK(has(flag_wins.err, "port=1"));

    unsetenv("RECONCILE_WORKFLOW_TEST_URL");
    auto unset = run_reconcile({"plan", "--config", config, "--env", "test"});
    CHECK(unset.exit_code == 1);
    CHECK(has(unset.err, "$RECONCILE_WORKFLOW_TEST_URL is not set"));
}

TEST_CASE("workflow: drift --all-envs checks every environment, one report, unreachable ones named", "[workflow]") {
    auto& cluster = TempCluster::shared();
    std::string synced = cluster.create_database("fleet_synced");
    std::string drifted = cluster.create_database("fleet_drifted");
    cluster.run_sql(synced, "CREATE TABLE t (id int)");
    std::string dir = make_temp_dir("fleet");
    write_manifest(dir, "schema/schemas.json", R"json({"schemas": {"public": {}}})json");
    write_manifest(dir, "schema/t.json", R"json({"table": "t", "columns": [{"name": "id", "type": "int"}]})json");
    write_manifest(dir, "reconcile.json", R"json({"manifests": "schema", "environments": {
        "a-synced": {"database": "$RECONCILE_FLEET_A"}, "b-drifted": {"database": "$RECONCILE_FLEET_B"}}})json");
    write_manifest(dir, "with-gone.json", R"json({"manifests": "schema", "environments": {
        "a-synced": {"database": "$RECONCILE_FLEET_A"}, "b-drifted": {"database": "$RECONCILE_FLEET_B"},
        "c-gone": {"database": "$RECONCILE_FLEET_C"}}})json");
    setenv("RECONCILE_FLEET_A", cluster.conninfo(synced).c_str(), 1);
    setenv("RECONCILE_FLEET_B", cluster.conninfo(drifted).c_str(), 1);
    setenv("RECONCILE_FLEET_C", "host=127.0.0.1 port=1 connect_timeout=2", 1);

    auto two = run_reconcile({"drift", "--config", dir + "/reconcile.json", "--all-envs", "--jobs", "2"});
    INFO(two.out << two.err);
    CHECK(two.exit_code == 2);
    CHECK(has(two.out, "Drift across 2 environments: 1 in sync, 1 drifted, 0 could not be checked"));
    CHECK(has(two.out, "== a-synced: in sync"));
    CHECK(has(two.out, "== b-drifted: drift (1 difference)\n  - [high] create table public.t"));

    auto three = run_reconcile({"drift", "--config", dir + "/with-gone.json", "--all-envs", "--format", "json"});
    INFO(three.out << three.err);
    CHECK(three.exit_code == 1);
    CHECK(has(three.out, R"("unreachable": 1)"));
    CHECK(has(three.out, R"("status": "in_sync")"));
    CHECK(has(three.out, R"("status": "drift")"));
    CHECK(has(three.out, R"("severity": "high")"));

    auto markdown = run_reconcile({"drift", "--config", dir + "/with-gone.json", "--all-envs", "--format", "markdown"});
    CHECK(markdown.exit_code == 1);
    CHECK(has(markdown.out, "| `c-gone` | **unreachable** |"));

    CHECK(run_reconcile({"drift", "--config", dir + "/reconcile.json", "--all-envs", "--env", "a-synced"}).exit_code ==
          1);
    unsetenv("RECONCILE_FLEET_A");
    unsetenv("RECONCILE_FLEET_B");
    unsetenv("RECONCILE_FLEET_C");
}
