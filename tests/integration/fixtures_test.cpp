// The round-trip law on fixtures written the way other projects write SQL
// (tests/fixtures/<name>/schema.sql, with prereq.sql holding the objects of
// kinds reconcile does not manage yet): export then plan is empty; the export
// applied to a database holding only the prerequisites (and old.sql, for a
// pair of versions) gives the same schema, and plans as empty again. For a
// pair, `pg_dump --schema-only` of both must be identical.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

std::string fixture_file(const std::string& fixture, const std::string& file) {
    auto path = std::filesystem::path(source_dir()) / "tests" / "fixtures" / fixture / file;
    return std::filesystem::exists(path) ? read_file(path.string()) : "";
}

void check_fixture(const std::string& fixture) {
    auto& cluster = TempCluster::shared();
    // A fixture written in newer syntax names the first major that parses
    // it in min_version (e.g. "15"); the version matrix runs older servers too.
    if (auto min_major = std::atoi(fixture_file(fixture, "min_version").c_str());
        cluster.server_version() < min_major * 10000) {
        return;
    }
    std::string source = cluster.create_database("fixture");
    cluster.run_sql(source, fixture_file(fixture, "prereq.sql") + fixture_file(fixture, "schema.sql"));

    std::string dir = export_and_check_empty_plan(source);

    std::string target = cluster.create_database("fixture_target");
    std::string old_version = fixture_file(fixture, "old.sql");
    if (auto prereq = fixture_file(fixture, "prereq.sql") + old_version; !prereq.empty())
        cluster.run_sql(target, prereq);
    auto applied =
        run_reconcile({"apply", "-m", dir, "-d", cluster.conninfo(target), "--yes", "--allow-destructive", "--prune",
                       "--allow-hazards", "all"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    auto again = run_reconcile({"plan", "-m", dir, "-d", cluster.conninfo(target)});
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);

    std::vector<std::string> schemas;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.is_directory()) schemas.push_back(entry.path().filename().string());
    }
    auto have = read_schemas(target, schemas);
    auto want = read_schemas(source, schemas);
    have.unmanaged.clear();  // the target never had the unmanaged tables and views
    want.unmanaged.clear();
    CHECK(schema_differences(have, want) == "");
    // The matrix's newer servers come without a pg_dump (see TempCluster::has_pg_dump).
    if (!old_version.empty() && cluster.has_pg_dump())
        CHECK(TempCluster::shared().dump_schema(target) == TempCluster::shared().dump_schema(source));
}

}  // namespace

TEST_CASE("fixtures: export, plan empty, apply elsewhere, plan empty", "[fixtures][roundtrip]") {
    std::vector<std::string> fixtures;
    for (const auto& entry : std::filesystem::directory_iterator(source_dir() + "/tests/fixtures")) {
        fixtures.push_back(entry.path().filename().string());
    }
    std::sort(fixtures.begin(), fixtures.end());
    for (const auto& fixture : fixtures) {
        SECTION(fixture) {
            check_fixture(fixture);
        }
    }
}
