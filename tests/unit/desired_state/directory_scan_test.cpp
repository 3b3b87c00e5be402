// What a manifest directory holds that is not read is said, never skipped
// silently: with --prune the tables in it would be dropped.
#include "desired-state/directory_scan.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "temp_manifests.hpp"

using namespace reconcile::desired_state;
using Catch::Matchers::Contains;
using reconcile::desired_state::testing::TempManifests;
namespace fs = std::filesystem;

namespace {

const char* table_file = R"({"table": "t", "columns": [{"name": "id", "type": "int"}]})";

std::vector<std::string> skipped(const Manifests& manifests) {
    std::vector<std::string> out;
    for (const auto& diagnostic : manifests.skipped) out.push_back(diagnostic.to_string());
    return out;
}

}  // namespace

TEST_CASE("entries that are not read are listed with the reason", "[desired_state][scan]") {
    TempManifests m;
    m.write_public();
    m.write("t.json", table_file);
    fs::create_directories(m.root() / "shared");
    fs::create_directory_symlink(m.root() / "shared", m.dir() / "linked");
    fs::create_symlink(m.dir() / "nowhere", m.dir() / "dangling");
    fs::create_symlink(m.dir() / "loop", m.dir() / "loop");
    fs::create_symlink(m.dir() / ".hidden-loop", m.dir() / ".hidden-loop");  // hidden: passed over
    m.write("UPPER.JSON", table_file);
    REQUIRE(mkfifo((m.dir() / "pipe.json").c_str(), 0600) == 0);
    m.write("notes.txt", "not a manifest name: ignored");

    auto manifests = m.load();
    CHECK(manifests.model.tables.size() == 1);
    CHECK(skipped(manifests) ==
          std::vector<std::string>{
              m.file("UPPER.JSON") + ": not read: the name ends in \".JSON\"; only names ending in lower-case "
                                     "\".json\" are read (rename it)",
              m.file("dangling") + ": not read: a symbolic link to nothing (dangling)",
              m.file("linked") + ": not read: a symbolic link to a directory; links to directories are not followed "
                                 "(they can loop or lead out of the manifest directory): list the directory itself",
              m.file("loop") + ": not read: a symbolic link loop",
              m.file("pipe.json") + ": not read: a FIFO (named pipe), not a file that can be read as a manifest"});
    CHECK_THROWS_WITH(require_complete(manifests), Contains("--prune needs every entry"));
}

TEST_CASE("a link to a manifest file is read like the file", "[desired_state][scan]") {
    TempManifests m;
    m.write_public();
    std::ofstream(m.root() / "t.json") << table_file;
    fs::create_symlink(m.root() / "t.json", m.dir() / "t.json");
    auto manifests = m.load();
    CHECK(manifests.model.tables.size() == 1);
    CHECK(manifests.skipped.empty());
    CHECK_NOTHROW(require_complete(manifests));
}

TEST_CASE("a directory holding only skipped entries is an error that lists them", "[desired_state][scan]") {
    TempManifests m;
    fs::create_symlink(m.dir() / "loop", m.dir() / "loop");
    CHECK(m.errors() == std::vector<std::string>{m.file("loop") + ": not read: a symbolic link loop",
                                                 m.dir().generic_string() + ": no .json manifest files found"});
}

TEST_CASE("the scan sorts files by path and skips hidden names without looking", "[desired_state][scan]") {
    TempManifests m;
    m.write("b.json", "{}");
    m.write("a/z.json", "{}");
    m.write("a-b.json", "{}");
    m.write(".git/config.json", "{}");
    auto scan = detail::scan_manifest_directory(m.dir());
    std::vector<std::string> files;
    for (const auto& file : scan.files) files.push_back(file.generic_string());
    CHECK(files == std::vector<std::string>{"a-b.json", "a/z.json", "b.json"});
    CHECK(scan.skipped.empty());
}
