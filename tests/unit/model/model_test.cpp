#include "catalog/model/model.hpp"

#include <catch2/catch.hpp>

using namespace reconcile::catalog;

namespace {

Table table(std::string schema, std::string name) {
    Table t;
    t.name = {std::move(schema), std::move(name)};
    return t;
}

}  // namespace

TEST_CASE("normalize sorts every identity-keyed list but keeps column order", "[model]") {
    Model model;
    model.schemas = {{"b", std::nullopt}, {"a", std::nullopt}};
    model.tables = {table("b", "t"), table("a", "z"), table("a", "Z")};
    Table& t = model.tables[0];
    t.columns = {{.name = "z"}, {.name = "a"}};
    t.constraints = {{.name = "t_z"}, {.name = "t_a"}};
    t.indexes = {{.name = "i2"}, {.name = "i1"}};
    model.unmanaged = {{"view", object_id(ObjectKind::view, {"b", "v"})},
                       {"function", routine_id(ObjectKind::function, {"a", "f"}, {})}};

    model.normalize();

    CHECK(model.schemas[0].name == "a");
    // Bytewise order: upper case sorts before lower case whatever the server's collation.
    CHECK(model.tables[0].name == QualifiedName{"a", "Z"});
    CHECK(model.tables[1].name == QualifiedName{"a", "z"});
    const Table* moved = model.find_table({"b", "t"});
    REQUIRE(moved != nullptr);
    CHECK(moved->columns[0].name == "z");
    CHECK(moved->constraints[0].name == "t_a");
    CHECK(moved->indexes[0].name == "i1");
    CHECK(model.unmanaged[0].what == "function");
}

TEST_CASE("lookups find by identity and report absence", "[model]") {
    Model model;
    model.schemas = {{"public", std::nullopt}};
    model.enums = {{{"public", "mood"}, {"ok"}, std::nullopt}};
    model.tables = {table("public", "jobs")};
    model.tables[0].columns = {{.name = "id"}};
    model.tables[0].constraints = {{.name = "jobs_pkey", .kind = ConstraintKind::primary_key, .columns = {"id"}}};
    model.normalize();

    CHECK(model.find_schema("public") != nullptr);
    CHECK(model.find_schema("app") == nullptr);
    CHECK(model.find_enum({"public", "mood"}) != nullptr);
    CHECK(model.find_enum({"public", "Mood"}) == nullptr);
    const Table* jobs = model.find_table({"public", "jobs"});
    REQUIRE(jobs != nullptr);
    CHECK(jobs->find_column("id") != nullptr);
    CHECK(jobs->find_column("ID") == nullptr);
    REQUIRE(jobs->primary_key() != nullptr);
    CHECK(jobs->primary_key()->name == "jobs_pkey");
    CHECK(model.find_table({"app", "jobs"}) == nullptr);
}

TEST_CASE("a column's USING instruction is not part of its state", "[model]") {
    Column a{.name = "n", .type = "bigint"};
    Column b = a;
    b.using_expr = "n::bigint";
    CHECK(a == b);
    b.default_expr = "0";
    CHECK_FALSE(a == b);
    CHECK(display(QualifiedName{"public", "Conversation"}) == "public.Conversation");
}
