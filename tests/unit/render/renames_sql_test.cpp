#include <catch2/catch.hpp>

#include "engine/render/render.hpp"
#include "test_support.hpp"

using namespace reconcile::engine;
using Statements = std::vector<std::string>;

TEST_CASE("renames: one step, names quoted, a move to another schema first", "[render][renames]") {
    CHECK(render_sql(RenameColumn{{"public", "T"}, "e\"mail", "Mail; DROP"}) ==
          Statements{R"(ALTER TABLE "public"."T" RENAME COLUMN "e""mail" TO "Mail; DROP")"});
    CHECK(render_sql(RenameTable{{"public", "a"}, {"public", "b"}}) ==
          Statements{R"(ALTER TABLE "public"."a" RENAME TO "b")"});
    CHECK(render_sql(RenameTable{{"legacy", "a"}, {"app", "b"}}) ==
          Statements{R"(ALTER TABLE "legacy"."a" SET SCHEMA "app")", R"(ALTER TABLE "app"."a" RENAME TO "b")"});
    CHECK(render_sql(RenameTable{{"legacy", "a"}, {"app", "a"}}) ==
          Statements{R"(ALTER TABLE "legacy"."a" SET SCHEMA "app")"});
    CHECK(render_sql(RenameEnum{{"public", "status"}, {"public", "State"}}) ==
          Statements{R"(ALTER TYPE "public"."status" RENAME TO "State")"});
    CHECK(render_sql(RenameEnumValue{{"public", "status"}, "it's", "x'); --"}) ==
          Statements{R"(ALTER TYPE "public"."status" RENAME VALUE 'it''s' TO 'x''); --')"});
}
