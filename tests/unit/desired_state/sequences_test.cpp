#include <catch2/catch.hpp>

#include "temp_manifests.hpp"

using namespace reconcile::desired_state;
using reconcile::desired_state::testing::TempManifests;

TEST_CASE("sequences: spellings of the type, options and owner", "[desired_state][sequences]") {
    TempManifests m;
    m.write("schemas.json", R"J({"schemas": {"public": {"sequences": {
        "a": {"type": "INT4", "start": 5, "cycle": true, "owned_by": {"table": "t", "column": "id"}},
        "b": {}}}}})J");
    m.write("t.json", R"J({"table": "t", "columns": [{"name": "id", "type": "int"}]})J");
    auto model = m.load().model;
    REQUIRE(model.sequences.size() == 2);
    CHECK(model.sequences[0].options.type == "integer");
    CHECK(model.sequences[0].options.start == 5);
    CHECK(model.sequences[0].options.cycle == true);
    CHECK(model.sequences[0].owned_by->column == "id");
    CHECK_FALSE(model.sequences[1].options.type);
}

TEST_CASE("sequences: bad type, zero increment, unknown owner", "[desired_state][sequences]") {
    TempManifests m;
    m.write("schemas.json", R"J({"schemas": {"public": {"sequences": {
        "a": {"type": "numeric", "increment": 0},
        "b": {"owned_by": {"table": "t", "column": "nope"}},
        "c": {"owned_by": {"table": "missing", "column": "id"}}}}}})J");
    m.write("t.json", R"J({"table": "t", "columns": [{"name": "id", "type": "int"}]})J");
    auto errors = m.errors();
    const auto file = m.file("schemas.json");
    CHECK(errors == std::vector<std::string>{
                        file + ": /schemas/public/sequences/a/type: a sequence's type is smallint, integer or "
                               "bigint, not \"numeric\"",
                        file + ": /schemas/public/sequences/a/increment: a sequence cannot increment by 0",
                        file + ": /schemas/public/sequences/b/owned_by: owned_by: table public.t has no column "
                               "\"nope\"",
                        file + ": /schemas/public/sequences/c/owned_by: owned_by: table public.missing is not "
                               "declared in the manifests (a sequence can only be owned by a column of a table in "
                               "its own schema)",
                    });
}
