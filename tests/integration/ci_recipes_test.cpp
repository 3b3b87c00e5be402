// The scripts examples/ci/'s GitHub Actions and GitLab CI files call, run
// as those jobs run them: DATABASE_URL set, RECONCILE naming the binary.
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;
namespace fs = std::filesystem;

namespace {

struct ScriptResult {
    int exit_code = -1;
    std::string output;  // stdout and stderr together
};

std::string quote(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

ScriptResult run_script(const std::string& script, const std::vector<std::string>& args, const std::string& database,
                        const std::string& cwd) {
    std::string command = "cd " + quote(cwd) + " && DATABASE_URL=" + quote(database) +
                          " RECONCILE=" + quote(RECONCILE_BINARY) + " GITHUB_OUTPUT=" + quote(cwd + "/github-output") +
                          " " + quote(source_dir() + "/examples/ci/" + script);
    for (const auto& arg : args) command += " " + quote(arg);
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    REQUIRE(pipe);
    ScriptResult result;
    char buffer[4096];
    while (auto n = fread(buffer, 1, sizeof buffer, pipe)) result.output.append(buffer, n);
    int status = pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

}  // namespace

TEST_CASE("ci recipes: plan comment, release apply and nightly drift", "[ci]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("recipes");
    cluster.run_sql(db, "CREATE TABLE jobs (id int PRIMARY KEY, phone text)");
    std::string work = make_temp_dir("recipes");
    std::string schema = work + "/schema";
    write_manifest(schema, "schemas.json", R"json({"schemas": {"public": {}}})json");
    write_manifest(schema, "jobs.json", R"json({"table": "jobs", "columns": [
        {"name": "id", "type": "int"}, {"name": "phone", "type": "text"}, {"name": "state", "type": "text"}],
        "primary_key": {"columns": ["id"]}})json");
    auto url = cluster.conninfo(db);

    auto drifted = run_script("nightly-drift.sh", {"schema"}, url, work);
    INFO(drifted.output);
    CHECK(drifted.exit_code == 2);
    CHECK(has(read_file(work + "/reconcile-drift/drift.json"), R"("drift": true)"));
    CHECK(has(read_file(work + "/reconcile-drift/drift.md"), "**1 difference**"));

    auto plan = run_script("plan-comment.sh", {"schema", "plan.md"}, url, work);
    INFO(plan.output);
    CHECK(plan.exit_code == 0);
    CHECK(has(read_file(work + "/plan.md"), "| 1 | add column public.jobs.state text |"));
    CHECK(has(read_file(work + "/plan.md"), "`schema/jobs.json` `/columns/2`"));
    CHECK(read_file(work + "/github-output") == "changes=true\ndestructive=false\n");

    // Without the hazards allowed, the release refuses and changes nothing.
    auto gated = run_script("apply-release.sh", {"schema"}, url, work);
    INFO(gated.output);
    CHECK(gated.exit_code == 1);
    auto apply = run_script("apply-release.sh", {"schema", "reconcile-release", "--allow-hazards", "all"}, url, work);
    INFO(apply.output);
    CHECK(apply.exit_code == 0);
    CHECK(has(read_file(work + "/reconcile-release/plan.json"), R"("kind": "add_column")"));
    CHECK(has(read_file(work + "/reconcile-release/apply.log"), "Applied 1 step."));
    CHECK(query_column(db, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'jobs'::regclass AND "
                           "attname = 'state'") == "1");

    auto in_sync = run_script("nightly-drift.sh", {"schema"}, url, work);
    CHECK(in_sync.exit_code == 0);
    auto again = run_script("apply-release.sh", {"schema", "reconcile-release", "--allow-hazards", "all"}, url, work);
    CHECK(again.exit_code == 0);
    CHECK(has(again.output, "nothing to do"));

    // A destructive change: the comment says so, and the release refuses it.
    write_manifest(schema, "jobs.json", R"json({"table": "jobs", "columns": [
        {"name": "id", "type": "int"}, {"name": "state", "type": "text"}],
        "primary_key": {"columns": ["id"]}})json");
    fs::remove(work + "/github-output");
    auto destructive = run_script("plan-comment.sh", {"schema", "plan.md"}, url, work);
    CHECK(destructive.exit_code == 0);
    CHECK(read_file(work + "/github-output") == "changes=true\ndestructive=true\n");
    auto refused = run_script("apply-release.sh", {"schema", "reconcile-release", "--allow-hazards", "all"}, url, work);
    INFO(refused.output);
    CHECK(refused.exit_code == 1);
    CHECK(query_column(db, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'jobs'::regclass AND "
                           "attname = 'phone' AND NOT attisdropped") == "1");

    auto unreachable = run_script("nightly-drift.sh", {"schema"}, "host=127.0.0.1 port=1 connect_timeout=2", work);
    CHECK(unreachable.exit_code == 1);
}

TEST_CASE("ci recipes: the CI files call scripts that exist", "[ci]") {
    for (const char* file : {"github/reconcile.yml", "gitlab/.gitlab-ci.yml"}) {
        auto text = read_file(source_dir() + "/examples/ci/" + file);
        for (const char* script : {"plan-comment.sh", "apply-release.sh", "nightly-drift.sh"}) {
            INFO(file << " " << script);
            CHECK(has(text, std::string("examples/ci/") + script));
            CHECK(fs::exists(source_dir() + "/examples/ci/" + script));
        }
    }
}
