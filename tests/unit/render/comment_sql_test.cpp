#include <catch2/catch.hpp>

#include "engine/render/render.hpp"
#include "test_support.hpp"

using namespace reconcile::engine;
using namespace reconcile::catalog;
using Statements = std::vector<std::string>;

TEST_CASE("comments on every object kind", "[render][comment]") {
    auto sql = [](ObjectId target, std::optional<std::string> text) {
        return render_sql(SetComment{std::move(target), std::move(text)}).front();
    };
    CHECK(sql(schema_id("app"), "Main") == R"(COMMENT ON SCHEMA "app" IS 'Main')");
    CHECK(sql(enum_id({"public", "Status"}), "it's") == R"(COMMENT ON TYPE "public"."Status" IS 'it''s')");
    CHECK(sql(table_id({"public", "jobs"}), std::nullopt) == R"(COMMENT ON TABLE "public"."jobs" IS NULL)");
    CHECK(sql(column_id({"public", "jobs"}, "a\"b"), R"(back\slash 'q')") ==
          R"(COMMENT ON COLUMN "public"."jobs"."a""b" IS E'back\\slash ''q''')");
    CHECK(sql(constraint_id({"public", "jobs"}, "jobs_pkey"), "x'; DROP TABLE t; --") ==
          R"(COMMENT ON CONSTRAINT "jobs_pkey" ON "public"."jobs" IS 'x''; DROP TABLE t; --')");
    CHECK(sql(index_id({"public", "jobs"}, "名前"), "line\nbreak") ==
          "COMMENT ON INDEX \"public\".\"名前\" IS 'line\nbreak'");
}
