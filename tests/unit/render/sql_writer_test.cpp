#include "engine/render/sql_writer.hpp"

#include <catch2/catch.hpp>

#include "test_support.hpp"

using namespace reconcile::engine;

TEST_CASE("ident always quotes and doubles embedded quotes", "[render][quoting]") {
    CHECK(sql::ident("id") == R"("id")");
    CHECK(sql::ident("Conversation") == R"("Conversation")");
    CHECK(sql::ident(R"(a"b)") == R"("a""b")");
    CHECK(sql::ident("x'; DROP TABLE t; --") == R"("x'; DROP TABLE t; --")");
    CHECK(sql::ident("名前") == "\"名前\"");
    CHECK(sql::ident(R"(")") == R"("""")");
}

TEST_CASE("qualified quotes both parts", "[render][quoting]") {
    CHECK(sql::qualified({"public", "Conversation"}) == R"("public"."Conversation")");
    CHECK(sql::qualified({R"(s"x)", "a.b"}) == R"("s""x"."a.b")");
}

TEST_CASE("literal escapes quotes and backslashes", "[render][quoting]") {
    CHECK(sql::literal("plain") == "'plain'");
    CHECK(sql::literal("it's") == "'it''s'");
    CHECK(sql::literal("x'; DROP TABLE t; --") == "'x''; DROP TABLE t; --'");
    // E'' form so the backslash means itself whatever standard_conforming_strings says.
    CHECK(sql::literal(R"(C:\path 'q')") == R"(E'C:\\path ''q''')");
    CHECK(sql::literal("") == "''");
}

TEST_CASE("ident_list joins quoted names", "[render][quoting]") {
    CHECK(sql::ident_list({}) == "");
    CHECK(sql::ident_list({"a", "B", R"(c"d)"}) == R"("a", "B", "c""d")");
}

// plan --format sql goes to terminals: a control character must not reach
// one raw, and the spelling must still mean the same name or value.
TEST_CASE("names and values with control characters are spelled with escapes", "[render][quoting]") {
    CHECK(sql::ident("a\x1b[31mb") == R"(U&"a\001B[31mb")");
    CHECK(sql::ident("q\"\\\x7f") == R"(U&"q""\\\007F")");
    CHECK(sql::ident("c1\xc2\x9b") == R"(U&"c1\009B")");
    CHECK(sql::ident("名前\n") == "U&\"名前\\000A\"");
    CHECK(sql::literal("x\x1b'y\\") == R"(E'x\x1B''y\\')");
    CHECK(sql::literal("line\nbreak\xc2\x85") == "E'line\nbreak\\u0085'");
    CHECK(sql::literal("two\nlines\tand a tab") == "'two\nlines\tand a tab'");
    CHECK(sql::qualified({"s", "t\x07"}) == R"("s".U&"t\0007")");
}
