// claimed_schemas: the quick look for claims must find exactly what
// load_manifests finds, or the database is read for the wrong schemas (the
// pipeline then reads it again: correct, but the speed is lost).
#include <catch2/catch.hpp>

#include "desired-state/manifests.hpp"
#include "temp_manifests.hpp"

using namespace reconcile::desired_state;
using reconcile::desired_state::testing::TempManifests;

TEST_CASE("claimed_schemas finds every schema file's claims, as load_manifests does", "[claims]") {
    TempManifests m;
    m.write("schemas.json", R"({"schemas": {"public": {}, "app": {"comment": "x"}}})");
    // A key written with escapes is the same key.
    m.write("nested/more.json", R"({"\u0073chemas": {"audit": {}}})");
    m.write("app/orders.json", R"({"schema": "app", "table": "orders", "columns": [{"name": "id", "type": "int"}]})");
    m.write("app/lines.json", R"({"$schema": "https://reconcile.dev/schema/manifest-v1.json",
                                  "table": "lines", "schema": "app", "columns": [{"name": "id", "type": "int"}]})");
    m.write("with-link.json",
            R"({"$schema": "https://reconcile.dev/schema/manifest-v1.json", "schemas": {"billing": {}}})");
    // A table file that does not start with "schema" or "table" is parsed
    // whole; it claims nothing either.
    m.write("app/items.json", R"({"columns": [{"name": "id", "type": "int"}], "table": "items", "schema": "app"})");
    // Mentions "schemas" but only as a value: not a schema file.
    m.write(
        "public/notes.json",
        R"({"schema": "public", "table": "notes", "comment": "schemas", "columns": [{"name": "id", "type": "int"}]})");
    // Hidden directories are not manifests.
    m.write(".git/x.json", R"({"schemas": {"hidden": {}}})");

    CHECK(claimed_schemas(m.dir()) == std::vector<std::string>{"app", "audit", "billing", "public"});
    auto loaded = load_manifests(m.dir());
    std::vector<std::string> names;
    for (const auto& schema : loaded.model.schemas) names.push_back(schema.name);
    CHECK(names == claimed_schemas(m.dir()));
}

TEST_CASE("claimed_schemas never throws: broken manifests are load_manifests' to report", "[claims]") {
    TempManifests m;
    m.write("schemas.json", R"({"schemas": {"public": {}}})");
    m.write("broken.json", R"({"schemas": {"half": )");
    m.write("wrong.json", R"({"schemas": ["not", "an", "object"]})");
    CHECK(claimed_schemas(m.dir()) == std::vector<std::string>{"public"});
    CHECK(claimed_schemas(m.root() / "missing").empty());
}
