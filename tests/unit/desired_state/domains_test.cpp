#include <catch2/catch.hpp>

#include "temp_manifests.hpp"

using namespace reconcile::desired_state;
using reconcile::desired_state::testing::TempManifests;

TEST_CASE("domains: read with checks; a column names one like an enum", "[desired_state][domains]") {
    TempManifests m;
    m.write("schemas.json", R"J({"schemas": {"public": {"domains": {"posint": {"type": "int", "not_null": true,
        "default": "1", "checks": {"posint_check": {"expression": "VALUE > 0"}}}}}}})J");
    m.write("t.json", R"J({"table": "t", "columns": [{"name": "n", "type": "posint"}]})J");
    auto model = m.load().model;
    REQUIRE(model.domains.size() == 1);
    CHECK(model.domains[0].base_type == "int");
    CHECK(model.domains[0].checks[0].expression == "VALUE > 0");
    CHECK(model.tables[0].columns[0].type == "\"public\".\"posint\"");
}

TEST_CASE("domains: type required, unknown keys reported", "[desired_state][domains]") {
    TempManifests m;
    m.write("schemas.json", R"J({"schemas": {"public": {"domains": {"d": {"nul": true,
        "checks": {"c": {"expr": "VALUE > 0"}}}}}}})J");
    auto errors = m.errors();
    const auto file = m.file("schemas.json");
    CHECK(errors == std::vector<std::string>{
                        file + R"(: /schemas/public/domains/d/nul: unknown key "nul")",
                        file + R"(: /schemas/public/domains/d/type: missing required key "type")",
                        file + R"(: /schemas/public/domains/d/checks/c/expr: unknown key "expr")",
                        file + R"(: /schemas/public/domains/d/checks/c/expression: missing required key "expression")",
                    });
}
