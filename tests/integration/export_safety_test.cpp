// `reconcile export` run as users run it: it touches only reconcile
// manifests (`export -o .` in an application repository once deleted
// package.json and node_modules), says what it removed, and prints names
// from the database escaped.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

bool has_raw_control(const std::string& text) {
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && c != '\n') || byte == 0x7f) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("export into an application repository refuses and deletes nothing", "[export][cli]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("export_app");
    cluster.run_sql(db, "CREATE TABLE public.jobs (id int PRIMARY KEY);");
    fs::path repo = make_temp_dir("app-repo");
    write(repo / "package.json", R"({"name": "app"})");
    write(repo / "tsconfig.json", R"({"compilerOptions": {}})");
    write(repo / "node_modules" / "left-pad" / "package.json", R"({"name": "left-pad"})");

    auto result = run_reconcile({"export", "-d", cluster.conninfo(db), "-o", repo.string()});
    INFO(result.err);
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.err, Contains((repo / "package.json").string() + ": not a reconcile manifest"));
    CHECK_THAT(result.err, Contains("Nothing was written"));
    CHECK(read_file((repo / "package.json").string()) == R"({"name": "app"})");
    CHECK(fs::exists(repo / "tsconfig.json"));
    CHECK(fs::exists(repo / "node_modules" / "left-pad" / "package.json"));
    CHECK_FALSE(fs::exists(repo / "schemas.json"));
    CHECK_FALSE(fs::exists(repo / "public"));
}

TEST_CASE("re-export lists the manifests it removed and escapes names", "[export][cli]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("export_again");
    cluster.run_sql(db,
                    "CREATE TABLE public.jobs (id int PRIMARY KEY); CREATE TABLE public.old (id int);"
                    "CREATE RULE \"r\x1b[2J\" AS ON DELETE TO public.jobs DO INSTEAD NOTHING;");
    fs::path dir = make_temp_dir("export-again");
    auto first = run_reconcile({"export", "-d", cluster.conninfo(db), "-o", dir.string(), "--verbose"});
    INFO(first.err);
    REQUIRE(first.exit_code == 0);
    CHECK(fs::exists(dir / "public" / "old.json"));
    CHECK_THAT(first.err, Contains("r\\x1b[2J"));
    CHECK_FALSE(has_raw_control(first.err));
    write(dir / "notes.md", "kept");

    cluster.run_sql(db, "DROP TABLE public.old;");
    auto second = run_reconcile({"export", "-d", cluster.conninfo(db), "-o", dir.string()});
    INFO(second.err);
    REQUIRE(second.exit_code == 0);
    CHECK_THAT(second.err, Contains("removed " + (dir / "public" / "old.json").string()));
    CHECK_FALSE(fs::exists(dir / "public" / "old.json"));
    CHECK(fs::exists(dir / "public" / "jobs.json"));
    CHECK(fs::exists(dir / "notes.md"));
}
