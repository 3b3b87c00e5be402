#include <catch2/catch.hpp>

#include "temp_manifests.hpp"

using namespace reconcile::desired_state;
using reconcile::desired_state::testing::TempManifests;

TEST_CASE("extensions: read under their schema, version and comment optional", "[desired_state][extensions]") {
    TempManifests m;
    m.write("schemas.json", R"J({"schemas": {"public": {"extensions": {
        "pg_trgm": {"version": "1.6", "comment": "trigrams"}, "btree_gist": {}}}}})J");
    auto model = m.load().model;
    REQUIRE(model.extensions.size() == 2);
    CHECK(model.extensions[0] == reconcile::catalog::Extension{"btree_gist", "public", std::nullopt, std::nullopt});
    CHECK(model.extensions[1] == reconcile::catalog::Extension{"pg_trgm", "public", "1.6", "trigrams"});
}

TEST_CASE("extensions: declared twice, unknown keys, empty version", "[desired_state][extensions]") {
    TempManifests m;
    m.write("schemas.json", R"J({"schemas": {
        "app": {"extensions": {"citext": {"verison": "1.6"}}},
        "public": {"extensions": {"citext": {"version": ""}}}}})J");
    auto errors = m.errors();
    REQUIRE(errors.size() == 3);
    CHECK(errors[0] ==
          m.file("schemas.json") +
              R"(: /schemas/app/extensions/citext/verison: unknown key "verison" (did you mean "version"?))");
    CHECK(errors[1] == m.file("schemas.json") +
                           ": /schemas/public/extensions/citext/version: an extension version cannot be empty; omit "
                           "it to let the server install its default version");
    CHECK(errors[2] ==
          m.file("schemas.json") + ": /schemas/public/extensions/citext: extension \"citext\" is already declared in " +
              m.file("schemas.json") + " at /schemas/app/extensions/citext; an extension is installed once");
}
