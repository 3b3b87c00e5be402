// Export replaces and removes only reconcile manifests: `export -o .` in an
// application repository once deleted package.json, tsconfig.json and
// node_modules/**.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "temp_manifests.hpp"

using namespace reconcile;
using namespace reconcile::desired_state;
using Catch::Matchers::Contains;
using reconcile::desired_state::testing::TempManifests;
namespace fs = std::filesystem;

namespace {

catalog::Model model_with(std::vector<catalog::QualifiedName> tables) {
    catalog::Model model;
    for (const auto& name : tables) {
        if (!model.find_schema(name.schema)) model.schemas.push_back({name.schema, std::nullopt});
        catalog::Table table;
        table.name = name;
        catalog::Column id;
        id.name = "id";
        id.type = "integer";
        table.columns = {id};
        model.tables.push_back(table);
    }
    model.normalize();
    return model;
}

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Every entry under dir (files with their content, directories and links
// by name), to show that a refused or failed export changed nothing.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
    std::map<std::string, std::string> entries;
    for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
        auto name = it->path().lexically_relative(dir).generic_string();
        if (it->is_symlink()) {
            entries[name] = "-> " + fs::read_symlink(it->path()).string();
        } else if (it->is_directory()) {
            entries[name] = "/";
        } else {
            entries[name] = read(it->path());
        }
    }
    return entries;
}

std::string refusal(const catalog::Model& model, const fs::path& dir) {
    try {
        write_manifests(model, dir);
    } catch (const ExportRefused& refused) {
        return refused.what();
    }
    return "";
}

}  // namespace

TEST_CASE("export refuses to touch an application repository's JSON files", "[desired_state][export]") {
    TempManifests m;
    m.write("package.json", R"({"name": "app", "version": "1.0.0"})");
    m.write("tsconfig.json", R"({"compilerOptions": {}})");
    m.write("config/table.json", R"({"table": "not ours", "rows": 3})");
    m.write("node_modules/left-pad/package.json", R"({"name": "left-pad"})");
    m.write("src/index.ts", "export {}");
    auto before = snapshot(m.dir());
    auto message = refusal(model_with({{"public", "jobs"}}), m.dir());
    CHECK_THAT(message, Contains((m.dir() / "package.json").string() + ": not a reconcile manifest"));
    CHECK_THAT(message, Contains("tsconfig.json"));
    CHECK_THAT(message, Contains("config/table.json"));
    CHECK_THAT(message, Contains("Nothing was written"));
    CHECK(snapshot(m.dir()) == before);
}

TEST_CASE("export refuses to replace a file that is not a manifest where one goes", "[desired_state][export]") {
    TempManifests m;
    std::string openapi = R"({"openapi": "3.1.0", "schemas": {"Pet": {}}})";
    m.write("schemas.json", openapi);
    auto message = refusal(model_with({{"public", "jobs"}}), m.dir());
    CHECK_THAT(message, Contains("schemas.json: export would replace it, and it is not a reconcile manifest"));
    CHECK(read(m.dir() / "schemas.json") == openapi);
    CHECK_FALSE(fs::exists(m.dir() / "public"));

    TempManifests other;
    other.write("schemas.json", R"({"$schema": "https://json.schemastore.org/foo", "schemas": {"public": {}}})");
    CHECK_THAT(refusal(model_with({{"public", "jobs"}}), other.dir()), Contains("its \"$schema\" is"));
}

TEST_CASE("export never writes through a link or over a directory", "[desired_state][export]") {
    TempManifests m;
    fs::create_directories(m.root() / "elsewhere");
    fs::create_directory_symlink(m.root() / "elsewhere", m.dir() / "public");
    fs::create_directories(m.dir() / "app" / "jobs.json");
    auto message = refusal(model_with({{"public", "jobs"}, {"app", "jobs"}}), m.dir());
    CHECK_THAT(message, Contains("public: a symbolic link where export writes the directory of schema \"public\""));
    CHECK_THAT(message, Contains("app/jobs.json: a directory where export writes a manifest"));
    CHECK(fs::is_empty(m.root() / "elsewhere"));
    CHECK_FALSE(fs::exists(m.dir() / "schemas.json"));
}

TEST_CASE("re-export removes stale manifests, its own or hand-written, and says so", "[desired_state][export]") {
    TempManifests m;
    write_manifests(model_with({{"public", "jobs"}, {"public", "old"}, {"gone", "t"}}), m.dir());
    // Hand-written, without "$schema", and reading cleanly as a manifest.
    m.write("extra/legacy.json", R"({"schema": "public", "table": "legacy", "columns": []})");
    m.write("notes.md", "kept");
    m.write(".vscode/settings.json", "{}");
    auto result = write_manifests(model_with({{"public", "jobs"}}), m.dir());
    CHECK(result.written == std::vector<fs::path>{"schemas.json"});
    CHECK(result.removed == std::vector<fs::path>{"extra/legacy.json", "gone/t.json", "public/old.json"});
    std::vector<std::string> names;
    for (const auto& [name, content] : snapshot(m.dir())) names.push_back(name);
    CHECK(names == std::vector<std::string>{".vscode", ".vscode/settings.json", "notes.md", "public",
                                            "public/jobs.json", "schemas.json"});
}

TEST_CASE("a hand-written manifest with a problem is not taken for one", "[desired_state][export]") {
    TempManifests m;
    m.write("old.json", R"({"table": "old", "columns": [{"name": "id", "type": "int", "not_nul": true}]})");
    CHECK_THAT(refusal(model_with({{"public", "jobs"}}), m.dir()),
               Contains("old.json: not a reconcile manifest (it does not read as a manifest: /columns/0/not_nul"));
    CHECK(fs::exists(m.dir() / "old.json"));
}

TEST_CASE("a failed export replaces nothing and leaves no temporary file", "[desired_state][export]") {
    TempManifests m;
    auto first = model_with({{"public", "a"}, {"public", "b"}});
    write_manifests(first, m.dir());
    // A directory where the export's temporary file for public/b.json goes
    // makes writing it fail, after other files were already staged.
    m.write("public/.b.json.tmp/blocker", "x");
    auto before = snapshot(m.dir());
    auto changed = model_with({{"public", "a"}, {"public", "b"}, {"new_schema", "c"}});
    for (auto& table : changed.tables) table.columns[0].type = "bigint";
    CHECK_THROWS_WITH(write_manifests(changed, m.dir()), Contains("cannot write"));
    CHECK(snapshot(m.dir()) == before);  // no .tmp files, no new_schema directory, nothing replaced
}
