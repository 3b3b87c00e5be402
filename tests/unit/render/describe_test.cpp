#include <catch2/catch.hpp>

#include "engine/render/render.hpp"
#include "test_support.hpp"

using namespace reconcile::engine;
using namespace reconcile::catalog;

TEST_CASE("descriptions: one line, verb first, names unquoted", "[render][describe]") {
    CHECK(describe(CreateSchema{{"app", std::nullopt}}) == "create schema app");
    CHECK(describe(DropSchema{{"app", std::nullopt}}) == "drop schema app");
    CHECK(describe(CreateEnum{{{"public", "Status"}, {"a", "b"}, std::nullopt}}) == "create enum public.Status (a, b)");
    CHECK(describe(DropEnum{{{"public", "Status"}, {}, std::nullopt}}) == "drop enum public.Status");
    CHECK(describe(AddEnumValue{{"public", "Status"}, "c", std::nullopt, std::string("b")}) ==
          "add value c to enum public.Status (after b)");
    Table jobs;
    jobs.name = {"public", "jobs"};
    CHECK(describe(CreateTable{jobs}) == "create table public.jobs");
    CHECK(describe(DropTable{jobs}) == "drop table public.jobs (deletes its data)");
    CHECK(describe(AddColumn{{"public", "jobs"},
                             Column{.name = "consent_status",
                                    .type = "character varying(20)",
                                    .default_expr = std::string("'PENDING'::character varying")}}) ==
          "add column public.jobs.consent_status character varying(20) default 'PENDING'::character varying");
    CHECK(describe(AddColumn{{"public", "jobs"},
                             Column{.name = "id", .type = "integer", .not_null = true, .serial = Serial::serial}}) ==
          "add column public.jobs.id serial not null");
    CHECK(describe(DropColumn{{"public", "jobs"}, Column{.name = "phone", .type = "text"}}) ==
          "drop column public.jobs.phone (deletes its data)");
}

TEST_CASE("descriptions of column changes", "[render][describe]") {
    QualifiedName x{"public", "x"};
    Column now{.name = "y", .type = "timestamp with time zone", .default_expr = std::string("now()")};
    Column current = now;
    current.default_expr = "CURRENT_TIMESTAMP";
    Column none = now;
    none.default_expr.reset();
    CHECK(describe(AlterColumn{x, now, current, ColumnAttribute::default_value}) ==
          "change default of public.x.y: now() -> CURRENT_TIMESTAMP");
    CHECK(describe(AlterColumn{x, none, now, ColumnAttribute::default_value}) == "set default of public.x.y: now()");
    CHECK(describe(AlterColumn{x, now, none, ColumnAttribute::default_value}) ==
          "drop default of public.x.y (was now())");

    Column nullable{.name = "y", .type = "integer"};
    Column required{.name = "y", .type = "integer", .not_null = true};
    CHECK(describe(AlterColumn{x, nullable, required, ColumnAttribute::not_null}) == "set not null on public.x.y");
    CHECK(describe(AlterColumn{x, required, nullable, ColumnAttribute::not_null}) == "drop not null on public.x.y");

    Column big{.name = "y", .type = "bigint"};
    CHECK(describe(AlterColumn{x, nullable, big, ColumnAttribute::type}) ==
          "change type of public.x.y: integer -> bigint");

    Column id_from{.name = "y", .type = "bigint", .identity = Identity{IdentityKind::by_default, {}}};
    Column id_to{.name = "y", .type = "bigint", .identity = Identity{IdentityKind::always, {}}};
    id_to.identity->sequence.increment = 2;
    CHECK(describe(AlterColumn{x, id_from, id_to, ColumnAttribute::identity}) ==
          "change identity of public.x.y: by default -> always, increment by 2");
    CHECK(describe(AlterColumn{x, big, id_to, ColumnAttribute::identity}) ==
          "add identity to public.x.y (generated always)");
}

TEST_CASE("descriptions of constraints, indexes, comments", "[render][describe]") {
    QualifiedName t{"public", "post_reactions"};
    auto fk = [](ReferentialAction on_delete) {
        return Constraint{.name = "post_reactions_post_id_fkey",
                          .kind = ConstraintKind::foreign_key,
                          .columns = {"post_id"},
                          .references = ForeignKey{{"public", "posts"}, {"id"}, on_delete}};
    };
    CHECK(describe(ReplaceConstraint{t, fk(ReferentialAction::cascade), fk(ReferentialAction::set_null)}) ==
          "replace foreign key public.post_reactions.post_reactions_post_id_fkey (on delete cascade -> set null); "
          "the drop locks public.posts too");
    CHECK(describe(DropConstraint{t, fk(ReferentialAction::cascade)}) ==
          "drop foreign key public.post_reactions.post_reactions_post_id_fkey; the drop locks public.posts too");
    CHECK(describe(AddConstraint{t, fk(ReferentialAction::cascade)}) ==
          "add foreign key public.post_reactions.post_reactions_post_id_fkey (post_id) -> public.posts (id) "
          "on delete cascade");
    CHECK(describe(DropConstraint{t, Constraint{.name = "c", .kind = ConstraintKind::check, .expression = "true"}}) ==
          "drop check constraint public.post_reactions.c");
    CHECK(
        describe(AddConstraint{t, Constraint{.name = "pk", .kind = ConstraintKind::primary_key, .columns = {"id"}}}) ==
        "add primary key public.post_reactions.pk (id)");

    Index index{.name = "i",
                .unique = true,
                .keys = {IndexKey{.column = std::string("a")}},
                .where = std::string("(b IS NULL)")};
    CHECK(describe(CreateIndex{t, index}) == "create unique index public.post_reactions.i (a) where (b IS NULL)");
    CHECK(describe(DropIndex{t, index}) == "drop unique index public.post_reactions.i");
    Index not_unique = index;
    not_unique.unique = false;
    CHECK(describe(ReplaceIndex{t, index, not_unique}) ==
          "replace index public.post_reactions.i (unique (a) where (b IS NULL) -> (a) where (b IS NULL))");
    Index invalid = index;
    invalid.valid = false;
    CHECK(describe(ReplaceIndex{t, invalid, index}) ==
          "rebuild index public.post_reactions.i unique (a) where (b IS NULL): the live one is INVALID (left by a "
          "failed or cancelled concurrent build; never used)");

    CHECK(describe(SetComment{column_id(t, "post_id"), std::string("text")}) ==
          "set comment on column public.post_reactions.post_id");
    CHECK(describe(SetComment{schema_id("app"), std::nullopt}) == "remove comment on schema app");
}

TEST_CASE("descriptions escape control characters in names and expressions", "[render][describe]") {
    CHECK(describe(CreateSchema{{"evil\nDROP everything", std::nullopt}}) == "create schema evil\\nDROP everything");
    CHECK(describe(CreateSchema{{"a\tb\x1b[31m\r", std::nullopt}}) == "create schema a\\tb\\x1b[31m\\r");
    // U+202E RIGHT-TO-LEFT OVERRIDE and U+2028 LINE SEPARATOR.
    CHECK(describe(CreateSchema{{"a\xe2\x80\xae"
                                 "b\xe2\x80\xa8",
                                 std::nullopt}}) == "create schema a\\u{202E}b\\u{2028}");
    CHECK(describe(CreateSchema{{"名前", std::nullopt}}) == "create schema 名前");
}

TEST_CASE("table sizes read as pg_size_pretty prints them, rows grouped by thousands", "[render][describe]") {
    QualifiedName t{"public", "posts"};
    CHECK(describe_table_size({t, 1204113, 88080384}) == "about 1,204,113 rows, 84 MB");
    CHECK(describe_table_size({t, 1, 8192}) == "about 1 row, 8192 bytes");
    CHECK(describe_table_size({t, 0, 16384}) == "about 0 rows, 16 kB");
    CHECK(describe_table_size({t, std::nullopt, 0}) == "not analyzed yet, 0 bytes");
    CHECK(describe_table_size({t, 999, 10485760LL * 1024 * 1024}) == "about 999 rows, 10 TB");
}
