#include <catch2/catch.hpp>

#include "temp_manifests.hpp"

using namespace reconcile::desired_state;
using reconcile::catalog::column_id;
using reconcile::catalog::QualifiedName;
using reconcile::catalog::table_id;
using reconcile::desired_state::testing::TempManifests;

TEST_CASE("renamed_from: tables (in another schema too) and columns", "[desired_state][renames]") {
    TempManifests m;
    m.write("schemas.json", R"J({"schemas": {"public": {}, "billing": {}}})J");
    m.write("t.json", R"J({"table": "accounts", "schema": "billing", "renamed_from": ["customers", "public.clients"],
        "columns": [{"name": "id", "type": "int", "renamed_from": ["account_id"]}, {"name": "x", "type": "int"}]})J");
    auto model = m.load().model;
    REQUIRE(model.renames.size() == 2);
    const QualifiedName accounts{"billing", "accounts"};
    CHECK(model.renames[0].to == table_id(accounts));
    CHECK(model.renames[0].from ==
          std::vector{table_id({"billing", "customers"}), table_id(QualifiedName{"public", "clients"})});
    CHECK(model.renames[1].to == column_id(accounts, "id"));
    CHECK(model.renames[1].from == std::vector{column_id(accounts, "account_id")});
}

TEST_CASE("renamed_from: bad entries are reported where they are", "[desired_state][renames]") {
    TempManifests m;
    m.write_public();
    m.write("t.json", R"J({"table": "t", "renamed_from": "old",
        "columns": [{"name": "id", "type": "int", "renamed_from": ["id", "", "a", "a", "s.c"]}]})J");
    auto errors = m.errors();
    const auto file = m.file("t.json");
    CHECK(errors == std::vector<std::string>{
                        file + ": /columns/0/renamed_from/0: \"id\" is the object's own name",
                        file + ": /columns/0/renamed_from/1: empty old name",
                        file + ": /columns/0/renamed_from/3: \"a\" is listed twice",
                        file + ": /renamed_from: expected an array of earlier names",
                    });
}
