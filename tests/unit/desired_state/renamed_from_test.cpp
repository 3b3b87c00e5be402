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

TEST_CASE("renamed_from: sequences and views, in another schema too", "[desired_state][renames]") {
    using reconcile::catalog::object_id;
    using reconcile::catalog::ObjectKind;
    TempManifests m;
    m.write("schemas.json",
            R"J({"schemas": {"public": {"sequences": {"ids": {"renamed_from": ["old_ids", "legacy.ids"]}}},
        "legacy": {}}})J");
    m.write("v.json", R"J({"view": "active", "query": "SELECT 1 AS one", "renamed_from": ["legacy.live"]})J");
    m.write("mv.json", R"J({"materialized_view": "totals", "query": "SELECT 1 AS one", "renamed_from": ["sums"]})J");
    auto model = m.load().model;
    REQUIRE(model.renames.size() == 3);
    CHECK(model.renames[0].to == object_id(ObjectKind::sequence, {"public", "ids"}));
    CHECK(model.renames[0].from == std::vector{object_id(ObjectKind::sequence, {"public", "old_ids"}),
                                               object_id(ObjectKind::sequence, {"legacy", "ids"})});
    CHECK(model.renames[1].to == object_id(ObjectKind::view, {"public", "active"}));
    CHECK(model.renames[1].from == std::vector{object_id(ObjectKind::view, {"legacy", "live"})});
    CHECK(model.renames[2].to == object_id(ObjectKind::materialized_view, {"public", "totals"}));
    CHECK(model.renames[2].from == std::vector{object_id(ObjectKind::materialized_view, {"public", "sums"})});
}

TEST_CASE("renamed_from: bad sequence and view entries are reported where they are", "[desired_state][renames]") {
    TempManifests m;
    m.write("schemas.json", R"J({"schemas": {"public": {"sequences": {"ids": {"renamed_from": [3, "ids"]}}}}})J");
    m.write("v.json", R"J({"view": "v", "query": "SELECT 1 AS one", "renamed_from": ["s.", "x.Bad\"", "w"],
        "renamed_to": ["x"]})J");
    auto errors = m.errors();
    const auto schemas = m.file("schemas.json"), view = m.file("v.json");
    CHECK(errors == std::vector<std::string>{
                        schemas + ": /schemas/public/sequences/ids/renamed_from/0: expected a name (a string)",
                        schemas + ": /schemas/public/sequences/ids/renamed_from/1: \"ids\" is the object's own name",
                        view + ": /renamed_to: unknown key \"renamed_to\" (did you mean \"renamed_from\"?)",
                        view + ": /renamed_from/0: empty view name",
                    });
}

TEST_CASE("renamed_from: a function's earlier names keep its argument types", "[desired_state][renames]") {
    using reconcile::catalog::ObjectKind;
    using reconcile::catalog::routine_id;
    TempManifests m;
    m.write("schemas.json", R"J({"schemas": {"public": {}, "legacy": {}}})J");
    m.write("f.json", R"J({"function": "valid_code", "arguments": [{"name": "c", "type": "text"}], "returns": "boolean",
        "language": "sql", "body": "SELECT true", "renamed_from": ["is_code", "legacy.check_code"]})J");
    m.write("p.json",
            R"J({"procedure": "archive", "language": "sql", "body": "SELECT 1", "renamed_from": ["old_archive"]})J");
    auto model = m.load().model;
    REQUIRE(model.renames.size() == 2);
    CHECK(model.renames[0].to == routine_id(ObjectKind::function, {"public", "valid_code"}, {"text"}));
    CHECK(model.renames[0].from == std::vector{routine_id(ObjectKind::function, {"public", "is_code"}, {"text"}),
                                               routine_id(ObjectKind::function, {"legacy", "check_code"}, {"text"})});
    CHECK(model.renames[1].to == routine_id(ObjectKind::procedure, {"public", "archive"}, {}));
    CHECK(model.renames[1].from == std::vector{routine_id(ObjectKind::procedure, {"public", "old_archive"}, {})});
}
