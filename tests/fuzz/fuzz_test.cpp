// The fuzz corpus: malformed manifests, stored in tests/fuzz/cases/<name>/
// and made at test time (generated_cases.hpp), run through the real binary.
// Every run must end by itself with exit 0, 1 or 2 (never a signal, never
// the hang guard below), print no raw control character, and `validate`
// must not try to reach a database. A subset also runs through `plan`
// against the harness's PostgreSQL, whose `pg_dump --schema-only` must not
// change. A case directory may hold `.expect` (hidden, so the loader skips
// it): the exit code on its first line, then text stderr must contain.
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>

#include "connection_trap.hpp"
#include "generated_cases.hpp"
#include "run_bounded.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::fuzz;
using reconcile::testing::make_temp_dir;
using reconcile::testing::TempCluster;
namespace fs = std::filesystem;

namespace {

// Hang guards, far above what any case takes (well under a second for
// validate), so a loaded machine does not make them flaky.
constexpr std::chrono::seconds validate_deadline{20};
constexpr std::chrono::seconds plan_deadline{60};

struct Expectation {
    int exit_code = -1;  // -1: any of 0, 1, 2
    std::vector<std::string> stderr_contains;
};

std::vector<fs::path> stored_cases() {
    std::vector<fs::path> cases;
    for (const auto& entry : fs::directory_iterator(fs::path(RECONCILE_SOURCE_DIR) / "tests" / "fuzz" / "cases")) {
        cases.push_back(entry.path());
    }
    std::sort(cases.begin(), cases.end());
    return cases;
}

Expectation read_expectation(const fs::path& dir) {
    Expectation expectation;
    std::ifstream in(dir / ".expect");
    std::string line;
    if (in && std::getline(in, line)) expectation.exit_code = std::stoi(line);
    while (std::getline(in, line)) {
        if (!line.empty()) expectation.stderr_contains.push_back(line);
    }
    return expectation;
}

// Raw control characters other than line breaks would reach the terminal.
bool has_raw_control(const std::string& text) {
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && c != '\n') || byte == 0x7f) return true;
    }
    return false;
}

void check_run(const std::string& name, const BoundedResult& result, const Expectation& expected) {
    INFO(name << ": " << result.describe() << " in " << result.elapsed.count() << " ms\nstdout:\n"
              << result.out << "\nstderr:\n"
              << result.err);
    CHECK_FALSE(result.timed_out);
    CHECK(result.signal == 0);
    CHECK((result.exit_code == 0 || result.exit_code == 1 || result.exit_code == 2));
    if (expected.exit_code >= 0) CHECK(result.exit_code == expected.exit_code);
    for (const auto& text : expected.stderr_contains) CHECK_THAT(result.err, Catch::Matchers::Contains(text));
    CHECK_FALSE(has_raw_control(result.err));
    CHECK_FALSE(has_raw_control(result.out));
}

BoundedResult validate(const fs::path& dir, ConnectionTrap& trap) {
    return run_bounded({"validate", "-m", dir.string()}, validate_deadline, trap.environment());
}

}  // namespace

TEST_CASE("fuzz: stored malformed manifests through validate", "[fuzz]") {
    ConnectionTrap trap;
    auto cases = stored_cases();
    REQUIRE(cases.size() >= 30);
    for (const auto& dir : cases) check_run(dir.filename().string(), validate(dir, trap), read_expectation(dir));
    CHECK_FALSE(trap.connected());
}

TEST_CASE("fuzz: generated cases through validate (links, FIFOs, huge and deep files)", "[fuzz]") {
    ConnectionTrap trap;
    fs::path root = make_temp_dir("reconcile-fuzz");
    for (const auto& generated : make_generated_cases(root)) {
        check_run(generated.name, validate(generated.dir, trap), {generated.expected_exit, generated.stderr_contains});
    }
    CHECK_FALSE(trap.connected());
}

TEST_CASE("fuzz: truncations and wrong types everywhere in a table file", "[fuzz]") {
    ConnectionTrap trap;
    fs::path dir = fs::path(make_temp_dir("reconcile-fuzz")) / "schema";
    write_valid_manifests(dir);
    std::size_t count = 0;
    for_each_mutation([&](const std::string& name, const std::string& text) {
        std::ofstream(dir / "public" / "rich.json", std::ios::binary | std::ios::trunc) << text;
        check_run(name, validate(dir, trap), {});
        ++count;
    });
    CHECK(count > 200);
    CHECK_FALSE(trap.connected());
}

// Through plan, against a real server: whatever the manifests hold, plan
// changes nothing, and --prune refuses when an entry was not read.
TEST_CASE("fuzz: plan against PostgreSQL leaves the database as it was", "[fuzz][integration]") {
    auto& cluster = TempCluster::shared();
    if (!cluster.has_pg_dump()) {
        WARN("no pg_dump usable with this server; skipped");
        return;
    }
    std::string db = cluster.create_database("fuzz");
    cluster.run_sql(db,
                    "CREATE TABLE public.t (id int PRIMARY KEY); CREATE TABLE public.invoices (id int);"
                    "CREATE TABLE public.users (id int); CREATE TYPE public.mood AS ENUM ('ok');");
    std::string before = TempCluster::shared().dump_schema(db);
    auto plan = [&](const std::string& name, const fs::path& dir, bool prune, const Expectation& expected) {
        std::vector<std::string> args = {"plan", "-m", dir.string(), "-d", cluster.conninfo(db)};
        if (prune) args.push_back("--prune");
        check_run(name + (prune ? " (plan --prune)" : " (plan)"), run_bounded(args, plan_deadline), expected);
        INFO(name);
        CHECK(TempCluster::shared().dump_schema(db) == before);
    };

    fs::path corpus = fs::path(RECONCILE_SOURCE_DIR) / "tests" / "fuzz" / "cases";
    for (std::string name :
         {"nul-escaped-in-default", "nul-escaped-in-check", "nul-raw-between-tokens", "number-1e400", "number-edges",
          "escapes-in-names", "valid-hostile-names", "non-utf8-in-string", "truncated-mid-string",
          "wrong-types-columns", "duplicate-keys", "hostile-sql-in-expressions"}) {
        // Manifests validate rejects, plan rejects the same way; valid ones
        // may plan changes (exit 2).
        auto expected = read_expectation(corpus / name);
        if (expected.exit_code == 0) expected = {};
        plan(name, corpus / name, false, expected);
    }

    fs::path root = make_temp_dir("reconcile-fuzz");
    for (const auto& generated : make_generated_cases(root)) {
        bool skips = generated.expected_exit == 0 && !generated.stderr_contains.empty();
        if (!skips) continue;
        // Without --prune the skipped entry's tables are only reported;
        // with it, plan refuses rather than propose dropping them.
        plan(generated.name, generated.dir, false, {-1, generated.stderr_contains});
        plan(generated.name, generated.dir, true, {1, {"--prune needs every entry of the manifest directory read"}});
    }
}
