#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "desired-state/loader.hpp"
#include "temp_manifests.hpp"

using namespace reconcile;
using namespace reconcile::desired_state;
using reconcile::desired_state::testing::TempManifests;

namespace {

struct Outcome {
    std::optional<Manifests> manifests;
    std::vector<std::string> errors;
};

Outcome load_on(const TempManifests& m, std::size_t threads) {
    Outcome outcome;
    try {
        outcome.manifests = detail::load_manifests(m.dir(), threads);
    } catch (const ManifestError& error) {
        for (const auto& diagnostic : error.diagnostics) outcome.errors.push_back(diagnostic.to_string());
    }
    return outcome;
}

std::vector<std::string> sources_of(const Manifests& manifests) {
    std::vector<std::string> out;
    for (const auto& [key, where] : manifests.sources)
        out.push_back(std::string(reconcile::catalog::kind_name(key.kind)) + " " + reconcile::catalog::display(key) +
                      " @ " + where.file + " " + where.pointer);
    return out;
}

std::string table_file(const std::string& schema, const std::string& name, const std::string& extra = "") {
    return R"({"schema": ")" + schema + R"(", "table": ")" + name +
           R"(", "columns": [{"name": "id", "type": "bigint"}, {"name": "parent_id", "type": "bigint"}],
              "primary_key": {"columns": ["id"]},
              "indexes": {")" +
           name + R"(_parent": {"columns": ["parent_id"]}})" + extra + "}";
}

// Many tables in a few directories, so that several threads each read many
// files and finish them out of order.
void write_tables(const TempManifests& m, int count) {
    m.write("schemas.json", R"({"schemas": {"public": {}, "app": {}}})");
    for (int i = 0; i < count; ++i) {
        std::string schema = i % 2 ? "app" : "public";
        std::string name = "t" + std::to_string(i);
        std::string fk = i > 0 ? R"(, "foreign_keys": {")" + name + R"(_parent": {"columns": ["parent_id"],
                                       "references": {"schema": "public", "table": "t0", "columns": ["id"]}}})"
                               : "";
        m.write(schema + "/" + std::to_string(i % 7) + "/" + name + ".json", table_file(schema, name, fk));
    }
}

}  // namespace

TEST_CASE("parallel load: the same model and sources as one thread", "[desired_state][parallel]") {
    TempManifests m;
    write_tables(m, 150);
    auto one = load_on(m, 1);
    REQUIRE(one.errors.empty());
    REQUIRE(one.manifests->model.tables.size() == 150);
    for (std::size_t threads : {2, 3, 8, 64}) {
        auto many = load_on(m, threads);
        REQUIRE(many.errors.empty());
        CHECK(many.manifests->model == one.manifests->model);
        CHECK(sources_of(*many.manifests) == sources_of(*one.manifests));
    }
    CHECK(load_manifests(m.dir()).model == one.manifests->model);
}

TEST_CASE("parallel load: the same diagnostics in the same order as one thread", "[desired_state][parallel]") {
    TempManifests m;
    write_tables(m, 150);
    // Problems in files that different threads read, of every kind: found
    // while parsing, while reading one file, and when files are merged or
    // checked together.
    m.write("app/0/t1.json", R"({"schema": "app", "table": "t1", "table": "again", "columns": []})");
    m.write("app/3/t17.json", "{\"schema\": \"app\", \"table\": \"t17\",\n \"columns\": [}");
    m.write("public/2/t30.json", table_file("public", "t30", R"(, "colums": [])"));
    m.write("public/5/t40.json",
            R"({"table": "t40", "columns": [{"name": "id", "type": "intger"}, {"name": "id", "type": "text"}]})");
    m.write("app/6/t55.json", table_file("app", "t55", R"(, "checks": {"c": {"expression": "1", "expression": "2"}})"));
    m.write("public/0/t70.json", table_file("public", "t70", R"(, "foreign_keys": {"x": {"columns": ["parent_id"],
                                              "references": {"table": "nope", "columns": ["id"]}}})"));
    // Declared twice: the later path is the one reported, whichever is read first.
    m.write("public/0/zz_copy_of_t0.json", table_file("public", "t0"));
    m.write("a_first_copy_of_t3.json", table_file("app", "t3"));
    // A relation name taken by another table's index.
    m.write("public/1/x80.json", R"({"table": "x80", "columns": [{"name": "id", "type": "int"}],
                                      "indexes": {"t2_parent": {"columns": ["id"]}}})");
    // Schema files are read at merge time, in path order too.
    m.write("app/more_schemas.json", R"({"schemas": {"app": {}, "extra": {"enums": {"e": {"values": ["a", "a"]}}}}})");
    m.write("app/4/not_a_manifest.json", R"({"tabel": "x"})");
    m.write("public/3/broken.json", "");

    auto one = load_on(m, 1);
    REQUIRE_FALSE(one.manifests);
    // Each file's own problems in path order (a table declared twice is
    // reported at the later path), then those of the checks across files.
    std::vector<std::string> files;
    std::string dir = m.dir().generic_string() + "/";
    for (const auto& error : one.errors) {
        REQUIRE(error.rfind(dir, 0) == 0);
        files.push_back(error.substr(dir.size(), error.find(':') - dir.size()));
    }
    CHECK(files == std::vector<std::string>{"app/0/t1.json", "app/3/t17.json", "app/3/t3.json",
                                            "app/4/not_a_manifest.json", "app/6/t55.json", "app/more_schemas.json",
                                            "public/0/zz_copy_of_t0.json", "public/2/t30.json", "public/3/broken.json",
                                            "public/5/t40.json", "schemas.json", "public/5/t40.json",
                                            "public/0/t70.json", "public/1/x80.json"});
    for (int run = 0; run < 5; ++run) {
        for (std::size_t threads : {2, 4, 16}) {
            INFO("threads: " << threads << ", run " << run);
            CHECK(load_on(m, threads).errors == one.errors);
        }
    }
    CHECK(m.errors() == one.errors);
}

TEST_CASE("parallel load: more threads than files", "[desired_state][parallel]") {
    TempManifests m;
    m.write_public();
    m.write("t.json", R"({"table": "t", "columns": [{"name": "id", "type": "int"}]})");
    auto outcome = load_on(m, 16);
    REQUIRE(outcome.errors.empty());
    CHECK(outcome.manifests->model.tables.size() == 1);
}
