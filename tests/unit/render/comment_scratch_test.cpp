#include <catch2/catch.hpp>

#include "engine/render/render.hpp"
#include "test_support.hpp"

using namespace reconcile::engine;
using namespace reconcile::catalog;
using Statements = std::vector<std::string>;

TEST_CASE("comments on every object kind", "[render][comment]") {
    auto sql = [](ObjectRef target, std::optional<std::string> text) {
        return render_sql(SetComment{std::move(target), std::move(text)}).front();
    };
    CHECK(sql({ObjectKind::schema, {"", "app"}, ""}, "Main") == R"(COMMENT ON SCHEMA "app" IS 'Main')");
    CHECK(sql({ObjectKind::enum_type, {"public", "Status"}, ""}, "it's") ==
          R"(COMMENT ON TYPE "public"."Status" IS 'it''s')");
    CHECK(sql({ObjectKind::table, {"public", "jobs"}, ""}, std::nullopt) ==
          R"(COMMENT ON TABLE "public"."jobs" IS NULL)");
    CHECK(sql({ObjectKind::column, {"public", "jobs"}, "a\"b"}, R"(back\slash 'q')") ==
          R"(COMMENT ON COLUMN "public"."jobs"."a""b" IS E'back\\slash ''q''')");
    CHECK(sql({ObjectKind::constraint, {"public", "jobs"}, "jobs_pkey"}, "x'; DROP TABLE t; --") ==
          R"(COMMENT ON CONSTRAINT "jobs_pkey" ON "public"."jobs" IS 'x''; DROP TABLE t; --')");
    CHECK(sql({ObjectKind::index, {"public", "jobs"}, "名前"}, "line\nbreak") ==
          "COMMENT ON INDEX \"public\".\"名前\" IS 'line\nbreak'");
}

TEST_CASE("render_create_model: schemas, enums, tables without FKs, indexes, comments", "[render][scratch]") {
    Model model;
    model.schemas = {Schema{"s0", std::string("schema note")}, Schema{"s1", std::nullopt}};
    model.enums = {EnumType{{"s1", "Status"}, {"a", "b"}, std::string("enum note")}};
    Table t;
    t.name = {"s0", "t"};
    t.columns = {Column{.name = "id", .type = "int", .not_null = true},
                 Column{.name = "status", .type = R"(s1."Status")", .comment = std::string("col note")},
                 Column{.name = "parent", .type = "int"}};
    t.constraints = {
        Constraint{.name = "t_parent_fkey",
                   .kind = ConstraintKind::foreign_key,
                   .columns = {"parent"},
                   .references = ForeignKey{{"s0", "t"}, {"id"}},
                   .comment = std::string("fk note")},
        Constraint{.name = "t_pkey",
                   .kind = ConstraintKind::primary_key,
                   .columns = {"id"},
                   .comment = std::string("pk note")},
    };
    t.indexes = {Index{.name = "t_status_idx",
                       .keys = {IndexKey{.column = std::string("status")}},
                       .comment = std::string("index note")}};
    t.comment = "table note";
    model.tables = {t};

    CHECK(render_create_model(model) == Statements{
                                            R"(CREATE SCHEMA "s0")",
                                            R"(CREATE SCHEMA "s1")",
                                            R"(CREATE TYPE "s1"."Status" AS ENUM ('a', 'b'))",
                                            "CREATE TABLE \"s0\".\"t\" (\n"
                                            "    \"id\" int NOT NULL,\n"
                                            "    \"status\" s1.\"Status\",\n"
                                            "    \"parent\" int,\n"
                                            "    CONSTRAINT \"t_pkey\" PRIMARY KEY (\"id\")\n"
                                            ")",
                                            R"(CREATE INDEX "t_status_idx" ON "s0"."t" ("status"))",
                                            R"(COMMENT ON SCHEMA "s0" IS 'schema note')",
                                            R"(COMMENT ON TYPE "s1"."Status" IS 'enum note')",
                                            R"(COMMENT ON TABLE "s0"."t" IS 'table note')",
                                            R"(COMMENT ON COLUMN "s0"."t"."status" IS 'col note')",
                                            R"(COMMENT ON CONSTRAINT "t_pkey" ON "s0"."t" IS 'pk note')",
                                            R"(COMMENT ON INDEX "s0"."t_status_idx" IS 'index note')",
                                        });
}
