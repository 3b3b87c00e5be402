#include <catch2/catch.hpp>

#include "engine/render/render.hpp"
#include "test_support.hpp"

using namespace reconcile::engine;
using namespace reconcile::catalog;
using Statements = std::vector<std::string>;

namespace {

const QualifiedName reactions{"public", "post_reactions"};

Constraint post_fk(ReferentialAction on_delete) {
    return Constraint{.name = "post_reactions_post_id_fkey",
                      .kind = ConstraintKind::foreign_key,
                      .columns = {"post_id"},
                      .references = ForeignKey{{"public", "posts"}, {"id"}, on_delete}};
}

}  // namespace

TEST_CASE("add constraint: primary key, unique, check", "[render][constraint]") {
    CHECK(
        render_sql(AddConstraint{
            reactions,
            Constraint{.name = "post_reactions_pkey", .kind = ConstraintKind::primary_key, .columns = {"id"}}}) ==
        Statements{R"(ALTER TABLE "public"."post_reactions" ADD CONSTRAINT "post_reactions_pkey" PRIMARY KEY ("id"))"});
    CHECK(render_sql(AddConstraint{reactions, Constraint{.name = "uq",
                                                         .kind = ConstraintKind::unique,
                                                         .columns = {"user_id", "Post Id"},
                                                         .deferrable = true}}) ==
          Statements{
              R"(ALTER TABLE "public"."post_reactions" ADD CONSTRAINT "uq" UNIQUE ("user_id", "Post Id") DEFERRABLE)"});
    CHECK(
        render_sql(AddConstraint{
            reactions,
            Constraint{.name = "kind_check", .kind = ConstraintKind::check, .expression = "(kind <> ''::text)"}}) ==
        Statements{R"(ALTER TABLE "public"."post_reactions" ADD CONSTRAINT "kind_check" CHECK ((kind <> ''::text)))"});
}

TEST_CASE("add foreign key: defaults omitted, options rendered", "[render][constraint]") {
    CHECK(render_sql(AddConstraint{reactions, post_fk(ReferentialAction::no_action)}) ==
          Statements{"ALTER TABLE \"public\".\"post_reactions\" ADD CONSTRAINT \"post_reactions_post_id_fkey\" "
                     "FOREIGN KEY (\"post_id\") REFERENCES \"public\".\"posts\" (\"id\")"});
    Constraint full{.name = "fk",
                    .kind = ConstraintKind::foreign_key,
                    .columns = {"a", "b"},
                    .references = ForeignKey{{"other", "Parent"},
                                             {"x", "y"},
                                             ReferentialAction::set_default,
                                             ReferentialAction::restrict,
                                             MatchType::full},
                    .deferrable = true};
    CHECK(render_sql(AddConstraint{reactions, full}) ==
          Statements{"ALTER TABLE \"public\".\"post_reactions\" ADD CONSTRAINT \"fk\" FOREIGN KEY (\"a\", \"b\") "
                     "REFERENCES \"other\".\"Parent\" (\"x\", \"y\") MATCH FULL ON DELETE SET DEFAULT "
                     "ON UPDATE RESTRICT DEFERRABLE"});
    Constraint to_pk{
        .name = "fk",
        .kind = ConstraintKind::foreign_key,
        .columns = {"a"},
        .references = ForeignKey{{"public", "p"}, {}, ReferentialAction::cascade, ReferentialAction::set_null},
        .initially_deferred = true};
    CHECK(render_sql(AddConstraint{reactions, to_pk}) ==
          Statements{"ALTER TABLE \"public\".\"post_reactions\" ADD CONSTRAINT \"fk\" FOREIGN KEY (\"a\") "
                     "REFERENCES \"public\".\"p\" ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED"});
}

TEST_CASE("drop and replace constraint", "[render][constraint]") {
    CHECK(render_sql(DropConstraint{reactions, post_fk(ReferentialAction::cascade)}) ==
          Statements{R"(ALTER TABLE "public"."post_reactions" DROP CONSTRAINT "post_reactions_post_id_fkey")"});
    CHECK(render_sql(ReplaceConstraint{reactions, post_fk(ReferentialAction::cascade),
                                       post_fk(ReferentialAction::set_null)}) ==
          Statements{"ALTER TABLE \"public\".\"post_reactions\" DROP CONSTRAINT \"post_reactions_post_id_fkey\", "
                     "ADD CONSTRAINT \"post_reactions_post_id_fkey\" FOREIGN KEY (\"post_id\") "
                     "REFERENCES \"public\".\"posts\" (\"id\") ON DELETE SET NULL"});
    Constraint hostile{.name = "x'; DROP TABLE t; --", .kind = ConstraintKind::check, .expression = "true"};
    CHECK(render_sql(DropConstraint{{"s", R"(a"b)"}, hostile}) ==
          Statements{R"(ALTER TABLE "s"."a""b" DROP CONSTRAINT "x'; DROP TABLE t; --")"});
}

TEST_CASE("create index: plain, unique, method, keys, include, where", "[render][index]") {
    Index plain{.name = "posts_author_idx", .keys = {IndexKey{.column = std::string("author_id")}}};
    CHECK(render_sql(CreateIndex{{"public", "posts"}, plain}) ==
          Statements{R"(CREATE INDEX "posts_author_idx" ON "public"."posts" ("author_id"))"});

    Index partial{
        .name = "uq_active",
        .unique = true,
        .nulls_not_distinct = true,
        .keys = {IndexKey{.column = std::string("Email"), .collation = std::string("C")},
                 IndexKey{.expression = std::string("lower((name)::text)"), .descending = true, .nulls_first = true}},
        .include = {"id", R"(a"b)"},
        .where = std::string("(deleted_at IS NULL)")};
    CHECK(render_sql(CreateIndex{{"public", "users"}, partial}) ==
          Statements{"CREATE UNIQUE INDEX \"uq_active\" ON \"public\".\"users\" (\"Email\" COLLATE \"C\", "
                     "(lower((name)::text)) DESC) INCLUDE (\"id\", \"a\"\"b\") NULLS NOT DISTINCT "
                     "WHERE (deleted_at IS NULL)"});

    Index gin{.name = "events_payload_idx",
              .method = "gin",
              .keys = {IndexKey{.column = std::string("payload"), .opclass = std::string("jsonb_path_ops")}}};
    CHECK(render_sql(CreateIndex{{"analytics", "events"}, gin}) ==
          Statements{
              R"(CREATE INDEX "events_payload_idx" ON "analytics"."events" USING gin ("payload" jsonb_path_ops))"});
    Index custom{.name = "i",
                 .method = "My AM",
                 .keys = {IndexKey{.column = std::string("v"), .opclass = std::string(R"(public."My Ops")")}}};
    CHECK(render_sql(CreateIndex{{"public", "t"}, custom}) ==
          Statements{R"(CREATE INDEX "i" ON "public"."t" USING "My AM" ("v" public."My Ops"))"});
}

TEST_CASE("index keys: NULLS FIRST/LAST only when not the default", "[render][index]") {
    auto key_sql = [](IndexKey key) {
        Index index{.name = "i", .keys = {key}};
        return render_sql(CreateIndex{{"public", "t"}, index}).front();
    };
    CHECK(key_sql(IndexKey{.column = std::string("a")}) == R"(CREATE INDEX "i" ON "public"."t" ("a"))");
    CHECK(key_sql(IndexKey{.column = std::string("a"), .nulls_first = true}) ==
          R"(CREATE INDEX "i" ON "public"."t" ("a" NULLS FIRST))");
    CHECK(key_sql(IndexKey{.column = std::string("a"), .descending = true, .nulls_first = true}) ==
          R"(CREATE INDEX "i" ON "public"."t" ("a" DESC))");
    CHECK(key_sql(IndexKey{.column = std::string("a"), .descending = true, .nulls_first = false}) ==
          R"(CREATE INDEX "i" ON "public"."t" ("a" DESC NULLS LAST))");
}

TEST_CASE("drop and replace index: the index lives in the table's schema", "[render][index]") {
    Index from{.name = "Idx", .keys = {IndexKey{.column = std::string("a")}}};
    Index to{.name = "Idx", .keys = {IndexKey{.column = std::string("a")}, IndexKey{.column = std::string("b")}}};
    CHECK(render_sql(DropIndex{{"app", "t"}, from}) == Statements{R"(DROP INDEX "app"."Idx")"});
    CHECK(render_sql(ReplaceIndex{{"app", "t"}, from, to}) ==
          Statements{R"(DROP INDEX "app"."Idx")", R"(CREATE INDEX "Idx" ON "app"."t" ("a", "b"))"});
}

TEST_CASE("a NO INHERIT check keeps its clause", "[render][constraints]") {
    Constraint check{.name = "positive", .kind = ConstraintKind::check, .expression = "(a > 0)", .no_inherit = true};
    CHECK(render_sql(AddConstraint{{"public", "t"}, check}) ==
          Statements{R"(ALTER TABLE "public"."t" ADD CONSTRAINT "positive" CHECK ((a > 0)) NO INHERIT)"});
}

TEST_CASE("NOT VALID is added as such and validated in place", "[render][constraints]") {
    Constraint check{.name = "positive", .kind = ConstraintKind::check, .expression = "(a > 0)", .not_valid = true};
    CHECK(render_sql(AddConstraint{{"public", "t"}, check}) ==
          Statements{R"(ALTER TABLE "public"."t" ADD CONSTRAINT "positive" CHECK ((a > 0)) NOT VALID)"});
    Constraint valid = check;
    valid.not_valid = false;
    CHECK(render_sql(ValidateConstraint{{"public", "t"}, valid}) ==
          Statements{R"(ALTER TABLE "public"."t" VALIDATE CONSTRAINT "positive")"});
}
