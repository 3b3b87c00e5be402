#include <catch2/catch.hpp>

#include "engine/render/render.hpp"
#include "test_support.hpp"

using namespace reconcile::engine;
using namespace reconcile::catalog;
using Statements = std::vector<std::string>;

namespace {

const QualifiedName table{"public", "Conversation"};

Statements alter(const Column& from, const Column& to, ColumnAttribute what) {
    return render_sql(AlterColumn{table, from, to, what});
}

Statements type_change(const std::string& from, const std::string& to) {
    return alter(Column{.name = "c", .type = from}, Column{.name = "c", .type = to}, ColumnAttribute::type);
}

const std::string prefix = R"(ALTER TABLE "public"."Conversation" ALTER COLUMN "c" )";
// After a column gains a sequence, the sequence continues after existing rows.
const std::string identity_continues =
    R"(SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence('"public"."Conversation"', 'c'), max("c")) )"
    R"(FROM "public"."Conversation" HAVING max("c") IS NOT NULL)";

}  // namespace

TEST_CASE("type change casts with USING unless the change is a binary widening", "[render][alter]") {
    CHECK(type_change("integer", "bigint") == Statements{prefix + R"(TYPE bigint USING "c"::bigint)"});
    CHECK(type_change("text", R"(public."ConversationStatus")") ==
          Statements{prefix + R"(TYPE public."ConversationStatus" USING "c"::public."ConversationStatus")"});
    CHECK(type_change("character varying(20)", "character varying(10)") ==
          Statements{prefix + R"(TYPE character varying(10) USING "c"::character varying(10))"});
    CHECK(type_change("numeric(10,2)", "numeric(12,3)") ==
          Statements{prefix + R"(TYPE numeric(12,3) USING "c"::numeric(12,3))"});
    CHECK(type_change("character varying", "character varying(10)") ==
          Statements{prefix + R"(TYPE character varying(10) USING "c"::character varying(10))"});

    // No USING: the server keeps the rows as they are.
    CHECK(type_change("character varying(20)", "character varying(50)") ==
          Statements{prefix + "TYPE character varying(50)"});
    CHECK(type_change("character varying(20)", "character varying") == Statements{prefix + "TYPE character varying"});
    CHECK(type_change("character varying(20)", "text") == Statements{prefix + "TYPE text"});
    CHECK(type_change("character(3)", "text") == Statements{prefix + "TYPE text"});
    CHECK(type_change("numeric(10,2)", "numeric(12,2)") == Statements{prefix + "TYPE numeric(12,2)"});
    CHECK(type_change("numeric(10,2)", "numeric") == Statements{prefix + "TYPE numeric"});
}

TEST_CASE("type change uses the manifest's USING expression and the collation", "[render][alter]") {
    Column from{.name = "c", .type = "text"};
    Column to{.name = "c", .type = "integer", .using_expr = std::string("NULLIF(\"c\", '')::integer")};
    CHECK(alter(from, to, ColumnAttribute::type) ==
          Statements{prefix + R"(TYPE integer USING NULLIF("c", '')::integer)"});
    Column wide{.name = "c", .type = "character varying(80)", .collation = std::string(R"(pg_catalog."C")")};
    CHECK(alter(Column{.name = "c", .type = "character varying(40)"}, wide, ColumnAttribute::type) ==
          Statements{prefix + R"(TYPE character varying(80) COLLATE pg_catalog."C")"});
}

TEST_CASE("collation change is a TYPE statement with COLLATE", "[render][alter]") {
    Column from{.name = "c", .type = "text"};
    Column to{.name = "c", .type = "text", .collation = std::string("C")};
    CHECK(alter(from, to, ColumnAttribute::collation) == Statements{prefix + R"(TYPE text COLLATE "C")"});
    CHECK(alter(to, from, ColumnAttribute::collation) == Statements{prefix + R"(TYPE text COLLATE "default")"});
}

TEST_CASE("not null and default", "[render][alter]") {
    Column nullable{.name = "c", .type = "text"};
    Column required{.name = "c", .type = "text", .not_null = true};
    CHECK(alter(nullable, required, ColumnAttribute::not_null) == Statements{prefix + "SET NOT NULL"});
    CHECK(alter(required, nullable, ColumnAttribute::not_null) == Statements{prefix + "DROP NOT NULL"});

    Column with_default{
        .name = "c", .type = "timestamp with time zone", .default_expr = std::string("CURRENT_TIMESTAMP")};
    Column no_default{.name = "c", .type = "timestamp with time zone"};
    CHECK(alter(no_default, with_default, ColumnAttribute::default_value) ==
          Statements{prefix + "SET DEFAULT CURRENT_TIMESTAMP"});
    CHECK(alter(with_default, no_default, ColumnAttribute::default_value) == Statements{prefix + "DROP DEFAULT"});
}

TEST_CASE("identity: add, drop, change kind and options", "[render][alter]") {
    Column plain{.name = "c", .type = "bigint", .not_null = true};
    Column always{.name = "c", .type = "bigint", .not_null = true, .identity = Identity{IdentityKind::always, {}}};
    CHECK(alter(plain, always, ColumnAttribute::identity) ==
          Statements{prefix + "ADD GENERATED ALWAYS AS IDENTITY", identity_continues});
    Column with_options = always;
    with_options.identity->kind = IdentityKind::by_default;
    with_options.identity->sequence.start = 100;
    CHECK(alter(plain, with_options, ColumnAttribute::identity) ==
          Statements{prefix + "ADD GENERATED BY DEFAULT AS IDENTITY (START WITH 100)", identity_continues});
    CHECK(alter(always, plain, ColumnAttribute::identity) == Statements{prefix + "DROP IDENTITY"});

    Column from = always;
    from.identity->sequence = SequenceOptions{std::string("bigint"), 1, 1, 1, 9223372036854775807, 1, false};
    Column to = from;
    to.identity->kind = IdentityKind::by_default;
    to.identity->sequence.increment = 2;
    to.identity->sequence.cycle = true;
    CHECK(alter(from, to, ColumnAttribute::identity) ==
          Statements{prefix + "SET GENERATED BY DEFAULT SET INCREMENT BY 2 SET CYCLE"});
    Column options_only = from;
    options_only.identity->sequence.cache = 20;
    options_only.identity->sequence.min_value = -10;
    CHECK(alter(from, options_only, ColumnAttribute::identity) == Statements{prefix + "SET MINVALUE -10 SET CACHE 20"});
    // Only the sequence's data type differs: it follows the column's type change.
    Column type_only = from;
    type_only.identity->sequence.type = "integer";
    CHECK(alter(from, type_only, ColumnAttribute::identity).empty());
}

TEST_CASE("identity: the sequence's own name", "[render][alter][identity]") {
    Column plain{.name = "c", .type = "bigint", .not_null = true};
    Column named = plain;
    named.identity = Identity{.kind = IdentityKind::always, .sequence_name = std::string("Old \"seq\"")};
    // Qualified with the table's schema: unqualified, search_path would decide.
    CHECK(alter(plain, named, ColumnAttribute::identity) ==
          Statements{prefix + R"(ADD GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME "public"."Old ""seq"""))",
                     identity_continues});

    // ALTER COLUMN cannot rename the sequence; the sequence itself is renamed.
    Column by_default = named;
    by_default.identity->sequence_name.reset();
    CHECK(alter(named, by_default, ColumnAttribute::identity) ==
          Statements{R"(ALTER SEQUENCE "public"."Old ""seq""" RENAME TO "Conversation_c_seq")"});
    CHECK(alter(by_default, named, ColumnAttribute::identity) ==
          Statements{R"(ALTER SEQUENCE "public"."Conversation_c_seq" RENAME TO "Old ""seq""")"});
    Column both = named;
    both.identity->kind = IdentityKind::by_default;
    CHECK(alter(by_default, both, ColumnAttribute::identity) ==
          Statements{prefix + "SET GENERATED BY DEFAULT",
                     R"(ALTER SEQUENCE "public"."Conversation_c_seq" RENAME TO "Old ""seq""")"});
    // The default name written out is no change.
    Column spelled = by_default;
    spelled.identity->sequence_name = "Conversation_c_seq";
    CHECK(alter(by_default, spelled, ColumnAttribute::identity).empty());
}

TEST_CASE("generation expression: set (PostgreSQL 17+) and drop", "[render][alter]") {
    Column from{.name = "c", .type = "integer", .generated = std::string("(a + 1)")};
    Column to{.name = "c", .type = "integer", .generated = std::string("(a + 2)")};
    CHECK(alter(from, to, ColumnAttribute::generated) == Statements{prefix + "SET EXPRESSION AS ((a + 2))"});
    Column plain{.name = "c", .type = "integer"};
    CHECK(alter(from, plain, ColumnAttribute::generated) == Statements{prefix + "DROP EXPRESSION"});
}

TEST_CASE("alter column quotes hostile names", "[render][alter][quoting]") {
    Column from{.name = "x'; DROP TABLE t; --", .type = "text"};
    Column to = from;
    to.not_null = true;
    CHECK(render_sql(AlterColumn{{"名前", R"(a"b)"}, from, to, ColumnAttribute::not_null}) ==
          Statements{R"(ALTER TABLE "名前"."a""b" ALTER COLUMN "x'; DROP TABLE t; --" SET NOT NULL)"});
}

TEST_CASE("a type change drops a default that may not cast and restores an unchanged one", "[render][alter]") {
    Column text_state{.name = "c", .type = "text", .default_expr = std::string("'open'::text")};
    Column enum_state{.name = "c", .type = "public.state", .default_expr = std::string("'open'::public.state")};
    CHECK(alter(text_state, enum_state, ColumnAttribute::type) ==
          Statements{prefix + "DROP DEFAULT", prefix + R"(TYPE public.state USING "c"::public.state)"});
    Column small{.name = "c", .type = "integer", .default_expr = std::string("0")};
    Column big{.name = "c", .type = "bigint", .default_expr = std::string("0")};
    CHECK(alter(small, big, ColumnAttribute::type) ==
          Statements{prefix + "DROP DEFAULT", prefix + R"(TYPE bigint USING "c"::bigint)", prefix + "SET DEFAULT 0"});
}

TEST_CASE("serial transitions manage the owned sequence", "[render][alter]") {
    const std::string nextval = "nextval('public.\"Conversation_c_seq\"'::regclass)";
    Column plain{.name = "c", .type = "integer", .not_null = true};
    Column serial = plain;
    serial.serial = Serial::serial;
    serial.default_expr = nextval;
    CHECK(alter(plain, serial, ColumnAttribute::default_value) ==
          Statements{R"(CREATE SEQUENCE public."Conversation_c_seq" AS integer OWNED BY "public"."Conversation"."c")",
                     prefix + "SET DEFAULT " + nextval,
                     R"(SELECT pg_catalog.setval('public."Conversation_c_seq"'::regclass, max("c")) FROM )"
                     R"("public"."Conversation" HAVING max("c") IS NOT NULL)"});
    CHECK(alter(serial, plain, ColumnAttribute::default_value) ==
          Statements{prefix + "DROP DEFAULT", R"(DROP SEQUENCE public."Conversation_c_seq")"});
    Column bigserial = serial;
    bigserial.type = "bigint";
    bigserial.serial = Serial::bigserial;
    CHECK(alter(serial, bigserial, ColumnAttribute::type) ==
          Statements{prefix + "DROP DEFAULT", prefix + R"(TYPE bigint USING "c"::bigint)",
                     prefix + "SET DEFAULT " + nextval, R"(ALTER SEQUENCE public."Conversation_c_seq" AS bigint)"});
}
