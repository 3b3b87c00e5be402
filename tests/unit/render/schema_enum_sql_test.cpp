#include <catch2/catch.hpp>

#include "engine/render/render.hpp"
#include "test_support.hpp"

using namespace reconcile::engine;
using Statements = std::vector<std::string>;

TEST_CASE("schemas: create and drop, never CASCADE", "[render][schema]") {
    CHECK(render_sql(CreateSchema{{"app", std::nullopt}}) == Statements{R"(CREATE SCHEMA "app")"});
    CHECK(render_sql(DropSchema{{"Old\"One", std::nullopt}}) == Statements{R"(DROP SCHEMA "Old""One")"});
}

TEST_CASE("enums: create with quoted values", "[render][enum]") {
    EnumType type{{"public", "ConversationStatus"}, {"OPEN", "it's", R"(a\b)", "x'); DROP TYPE y; --"}, std::nullopt};
    CHECK(
        render_sql(CreateEnum{type}) ==
        Statements{
            R"(CREATE TYPE "public"."ConversationStatus" AS ENUM ('OPEN', 'it''s', E'a\\b', 'x''); DROP TYPE y; --'))"});
    CHECK(render_sql(DropEnum{type}) == Statements{R"(DROP TYPE "public"."ConversationStatus")"});
}

TEST_CASE("enums: add value last, before, after", "[render][enum]") {
    QualifiedName type{"public", "status"};
    CHECK(render_sql(AddEnumValue{type, "DONE", std::nullopt, std::nullopt}) ==
          Statements{R"(ALTER TYPE "public"."status" ADD VALUE 'DONE')"});
    CHECK(render_sql(AddEnumValue{type, "NEW", std::string("OPEN"), std::nullopt}) ==
          Statements{R"(ALTER TYPE "public"."status" ADD VALUE 'NEW' BEFORE 'OPEN')"});
    CHECK(render_sql(AddEnumValue{type, "won't", std::nullopt, std::string("it's")}) ==
          Statements{R"(ALTER TYPE "public"."status" ADD VALUE 'won''t' AFTER 'it''s')"});
}
