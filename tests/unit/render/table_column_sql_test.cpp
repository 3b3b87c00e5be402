#include <catch2/catch.hpp>

#include "engine/render/render.hpp"
#include "test_support.hpp"

using namespace reconcile::engine;
using namespace reconcile::catalog;
using Statements = std::vector<std::string>;

namespace {

Table jobs_table() {
    Table t;
    t.name = {"public", "jobs"};
    t.columns = {
        Column{.name = "id", .type = "bigint", .not_null = true, .identity = Identity{IdentityKind::always, {}}},
        Column{.name = "title", .type = "text", .not_null = true, .collation = std::string("C")},
        Column{.name = "consent_status",
               .type = "character varying(20)",
               .not_null = true,
               .default_expr = std::string("'PENDING'::character varying")},
        Column{.name = "created_at", .type = "timestamp with time zone", .default_expr = std::string("now()")},
    };
    t.constraints = {
        Constraint{.name = "jobs_consent_check",
                   .kind = ConstraintKind::check,
                   .expression = "((consent_status)::text = ANY ((ARRAY['PENDING'::character varying])::text[]))"},
        Constraint{.name = "jobs_pkey", .kind = ConstraintKind::primary_key, .columns = {"id"}},
        Constraint{.name = "jobs_title_key",
                   .kind = ConstraintKind::unique,
                   .columns = {"title"},
                   .nulls_not_distinct = true,
                   .deferrable = true,
                   .initially_deferred = true},
    };
    t.comment = "not rendered in CREATE TABLE";
    return t;
}

}  // namespace

TEST_CASE("create table: columns, then pk, unique, check", "[render][table]") {
    CHECK(render_sql(CreateTable{jobs_table()}) ==
          Statements{
              "CREATE TABLE \"public\".\"jobs\" (\n"
              "    \"id\" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,\n"
              "    \"title\" text COLLATE \"C\" NOT NULL,\n"
              "    \"consent_status\" character varying(20) DEFAULT 'PENDING'::character varying NOT NULL,\n"
              "    \"created_at\" timestamp with time zone DEFAULT now(),\n"
              "    CONSTRAINT \"jobs_pkey\" PRIMARY KEY (\"id\"),\n"
              "    CONSTRAINT \"jobs_title_key\" UNIQUE NULLS NOT DISTINCT (\"title\") DEFERRABLE INITIALLY DEFERRED,\n"
              "    CONSTRAINT \"jobs_consent_check\" CHECK (((consent_status)::text = ANY "
              "((ARRAY['PENDING'::character varying]::character varying[])::text[])))\n"
              ")"});
}

TEST_CASE("create table: a foreign key that is part of the table is rendered", "[render][table]") {
    Table t;
    t.name = {"public", "post_reactions"};
    t.columns = {Column{.name = "post_id", .type = "integer"}};
    t.constraints = {Constraint{.name = "fk",
                                .kind = ConstraintKind::foreign_key,
                                .columns = {"post_id"},
                                .references = ForeignKey{{"public", "posts"}, {"id"}}}};
    CHECK(render_sql(CreateTable{t}) ==
          Statements{"CREATE TABLE \"public\".\"post_reactions\" (\n"
                     "    \"post_id\" integer,\n"
                     "    CONSTRAINT \"fk\" FOREIGN KEY (\"post_id\") REFERENCES \"public\".\"posts\" (\"id\")\n"
                     ")"});
}

TEST_CASE("create table: hostile and non-ASCII names, no columns", "[render][table]") {
    Table t;
    t.name = {"x'; DROP TABLE t; --", "名前"};
    t.columns = {Column{.name = R"(a"b)", .type = R"(public."ConversationStatus"[])"}};
    CHECK(render_sql(CreateTable{t}) == Statements{"CREATE TABLE \"x'; DROP TABLE t; --\".\"名前\" (\n"
                                                   "    \"a\"\"b\" public.\"ConversationStatus\"[]\n"
                                                   ")"});
    Table empty;
    empty.name = {"public", "Conversation"};
    CHECK(render_sql(CreateTable{empty}) == Statements{R"(CREATE TABLE "public"."Conversation" ())"});
}

TEST_CASE("serial columns render the serial spelling and no default", "[render][column]") {
    Column c{.name = "id",
             .type = "integer",
             .not_null = true,
             .default_expr = std::string("nextval('jobs_id_seq'::regclass)"),
             .serial = Serial::serial};
    CHECK(render_sql(AddColumn{{"public", "jobs"}, c}) ==
          Statements{R"(ALTER TABLE "public"."jobs" ADD COLUMN "id" serial NOT NULL)"});
    c.serial = Serial::bigserial;
    CHECK(render_sql(AddColumn{{"public", "jobs"}, c}) ==
          Statements{R"(ALTER TABLE "public"."jobs" ADD COLUMN "id" bigserial NOT NULL)"});
    c.serial = Serial::smallserial;
    CHECK(render_sql(AddColumn{{"public", "jobs"}, c}) ==
          Statements{R"(ALTER TABLE "public"."jobs" ADD COLUMN "id" smallserial NOT NULL)"});
}

TEST_CASE("identity columns render only the options that are set", "[render][column]") {
    SequenceOptions all{std::string("bigint"), 10, 2, 1, 1000, 5, true};
    Column c{.name = "id", .type = "bigint", .not_null = true, .identity = Identity{IdentityKind::by_default, all}};
    CHECK(render_sql(AddColumn{{"public", "t"}, c}) ==
          Statements{"ALTER TABLE \"public\".\"t\" ADD COLUMN \"id\" bigint GENERATED BY DEFAULT AS IDENTITY "
                     "(START WITH 10 INCREMENT BY 2 MINVALUE 1 MAXVALUE 1000 CACHE 5 CYCLE) NOT NULL"});
    SequenceOptions some;
    some.type = "integer";  // not renderable: skipped
    some.start = -5;
    some.cycle = false;
    c.identity = Identity{IdentityKind::always, some};
    CHECK(render_sql(AddColumn{{"public", "t"}, c}) ==
          Statements{"ALTER TABLE \"public\".\"t\" ADD COLUMN \"id\" bigint GENERATED ALWAYS AS IDENTITY "
                     "(START WITH -5 NO CYCLE) NOT NULL"});
}

TEST_CASE("an identity sequence's own name is created in the table's schema", "[render][column][identity]") {
    Column c{.name = "id",
             .type = "bigint",
             .not_null = true,
             .identity = Identity{.kind = IdentityKind::always, .sequence_name = std::string("jobs_id_seq")}};
    c.identity->sequence.start = 5;
    CHECK(render_sql(AddColumn{{"app", "private_jobs"}, c}) ==
          Statements{R"(ALTER TABLE "app"."private_jobs" ADD COLUMN "id" bigint GENERATED ALWAYS AS IDENTITY )"
                     R"((SEQUENCE NAME "app"."jobs_id_seq" START WITH 5) NOT NULL)"});
}

TEST_CASE("generated and collated columns", "[render][column]") {
    Column gen{.name = "total", .type = "numeric(12,2)", .generated = std::string("(price * (qty)::numeric)")};
    CHECK(render_sql(AddColumn{{"public", "t"}, gen}) ==
          Statements{"ALTER TABLE \"public\".\"t\" ADD COLUMN \"total\" numeric(12,2) GENERATED ALWAYS AS "
                     "((price * (qty)::numeric)) STORED"});
    Column canonical{.name = "code", .type = "text", .collation = std::string(R"(pg_catalog."C")")};
    CHECK(render_sql(AddColumn{{"public", "t"}, canonical}) ==
          Statements{R"(ALTER TABLE "public"."t" ADD COLUMN "code" text COLLATE pg_catalog."C")"});
    Column plain{.name = "code", .type = "text", .collation = std::string("en_US")};
    CHECK(render_sql(AddColumn{{"public", "t"}, plain}) ==
          Statements{R"(ALTER TABLE "public"."t" ADD COLUMN "code" text COLLATE "en_US")"});
    // Not a (qualified) name: quoted whole, so it cannot escape the clause.
    Column hostile{.name = "code", .type = "text", .collation = std::string(R"(C" NOT NULL; DROP TABLE t; --)")};
    CHECK(render_sql(AddColumn{{"public", "t"}, hostile}) ==
          Statements{R"(ALTER TABLE "public"."t" ADD COLUMN "code" text COLLATE "C"" NOT NULL; DROP TABLE t; --")"});
}

TEST_CASE("drop table and drop column, never CASCADE", "[render][table]") {
    CHECK(render_sql(DropTable{jobs_table()}) == Statements{R"(DROP TABLE "public"."jobs")"});
    CHECK(render_sql(DropColumn{{"public", "Conversation"}, Column{.name = "a\"b", .type = "text"}}) ==
          Statements{R"(ALTER TABLE "public"."Conversation" DROP COLUMN "a""b")"});
}

TEST_CASE("unlogged tables", "[render][table]") {
    Table cache;
    cache.name = {"public", "cache"};
    cache.unlogged = true;
    cache.columns = {Column{.name = "k", .type = "text"}};
    CHECK(render_sql(CreateTable{cache}) ==
          Statements{"CREATE UNLOGGED TABLE \"public\".\"cache\" (\n    \"k\" text\n)"});
    CHECK(render_sql(SetLogged{{"public", "cache"}, false}) ==
          Statements{R"(ALTER TABLE "public"."cache" SET LOGGED)"});
    CHECK(render_sql(SetLogged{{"public", "cache"}, true}) ==
          Statements{R"(ALTER TABLE "public"."cache" SET UNLOGGED)"});
}

TEST_CASE("storage parameters: WITH on create, SET and RESET on change", "[render][table]") {
    Table t;
    t.name = {"public", "t"};
    t.columns = {Column{.name = "a", .type = "integer"}};
    t.storage = {"autovacuum_enabled=false", "fillfactor=70"};
    CHECK(render_sql(CreateTable{t}) == Statements{"CREATE TABLE \"public\".\"t\" (\n    \"a\" integer\n) WITH "
                                                   "(autovacuum_enabled='false', fillfactor='70')"});
    CHECK(render_sql(SetStorage{{"public", "t"}, {"autovacuum_enabled=false", "fillfactor=70"}, {"fillfactor=80"}}) ==
          Statements{R"(ALTER TABLE "public"."t" SET (fillfactor='80'), RESET (autovacuum_enabled))"});
    Index index{.name = "t_a_idx", .keys = {IndexKey{.column = std::string("a")}}, .storage = {"fillfactor=50"}};
    CHECK(render_sql(CreateIndex{{"public", "t"}, index}) ==
          Statements{R"(CREATE INDEX "t_a_idx" ON "public"."t" ("a") WITH (fillfactor='50'))"});
    t.storage = {"Bad Name=1"};
    CHECK_THROWS_AS(render_sql(CreateTable{t}), std::invalid_argument);
}
