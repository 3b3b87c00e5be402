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

TEST_CASE("renames: sequences and views, moved to another schema first", "[render][renames]") {
    CHECK(render_sql(RenameSequence{{"public", "ids"}, {"public", "Ids; DROP"}}) ==
          Statements{R"(ALTER SEQUENCE "public"."ids" RENAME TO "Ids; DROP")"});
    CHECK(render_sql(RenameSequence{{"legacy", "ids"}, {"app", "ids"}}) ==
          Statements{R"(ALTER SEQUENCE "legacy"."ids" SET SCHEMA "app")"});
    CHECK(render_sql(RenameView{{"public", "v"}, {"public", "w\"x"}, false, {"id"}}) ==
          Statements{R"(ALTER VIEW "public"."v" RENAME TO "w""x")"});
    CHECK(render_sql(RenameView{{"legacy", "totals"}, {"app", "daily"}, true, {}}) ==
          Statements{R"(ALTER MATERIALIZED VIEW "legacy"."totals" SET SCHEMA "app")",
                     R"(ALTER MATERIALIZED VIEW "app"."totals" RENAME TO "daily")"});
}

TEST_CASE("renames: a function by its argument types, a procedure, a move", "[render][renames]") {
    using reconcile::catalog::routine_id;
    CHECK(render_sql(
              RenameFunction{routine_id(ObjectKind::function, {"public", "f"}, {"integer", "public.\"T\""}),
                             routine_id(ObjectKind::function, {"public", "G\"; x"}, {"integer", "public.\"T\""})}) ==
          Statements{R"(ALTER FUNCTION "public"."f"(integer, public."T") RENAME TO "G""; x")"});
    CHECK(render_sql(RenameFunction{routine_id(ObjectKind::procedure, {"legacy", "p"}, {}),
                                    routine_id(ObjectKind::procedure, {"app", "q"}, {})}) ==
          Statements{R"(ALTER PROCEDURE "legacy"."p"() SET SCHEMA "app")",
                     R"(ALTER PROCEDURE "app"."p"() RENAME TO "q")"});
}

TEST_CASE("enums: a rebuild renames the old type aside, converts each column through text", "[render][enum]") {
    RebuildEnum rebuild{EnumType{{"public", "status"}, {"new", "stale", "paid"}, std::nullopt},
                        EnumType{{"public", "status"}, {"paid", "new"}, std::nullopt},
                        {EnumColumn{{"public", "t"}, "s", false, std::string("'new'::public.status")},
                         EnumColumn{{"public", "t"}, "tags", true, std::nullopt}}};
    CHECK(
        render_sql(rebuild) ==
        Statements{
            R"(ALTER TYPE "public"."status" RENAME TO "status_reconcile_old")",
            R"(CREATE TYPE "public"."status" AS ENUM ('paid', 'new'))",
            R"(ALTER TABLE "public"."t" ALTER COLUMN "s" DROP DEFAULT)",
            R"(ALTER TABLE "public"."t" ALTER COLUMN "s" TYPE "public"."status" USING "s"::text::"public"."status")",
            R"(ALTER TABLE "public"."t" ALTER COLUMN "s" SET DEFAULT 'new'::public.status)",
            R"(ALTER TABLE "public"."t" ALTER COLUMN "tags" TYPE "public"."status"[] USING "tags"::text[]::"public"."status"[])",
            R"(DROP TYPE "public"."status_reconcile_old")"});
    auto guards = guards_for(rebuild);
    REQUIRE(guards.size() == 2);
    CHECK(guards[0].count_sql == R"(SELECT count(*) FROM "public"."t" WHERE "s"::text = ANY (ARRAY['stale']::text[]))");
    CHECK(guards[1].count_sql == R"(SELECT count(*) FROM "public"."t" WHERE "tags"::text[] && ARRAY['stale']::text[])");
}
