#include <catch2/catch.hpp>

#include "engine/render/sql_writer.hpp"

using reconcile::engine::sql::expression;

TEST_CASE("expressions the server prints as a fixpoint pass through unchanged", "[render][expression]") {
    CHECK(expression("now()") == "now()");
    CHECK(expression("(k = ANY (ARRAY[1, 2]))") == "(k = ANY (ARRAY[1, 2]))");
    CHECK(expression("(x = ANY ((ARRAY['a'::text, 'b'::text])::text[]))") ==
          "(x = ANY ((ARRAY['a'::text, 'b'::text])::text[]))");
    CHECK(expression("'(ARRAY[''x''::character varying])::text[]'::text") ==
          "'(ARRAY[''x''::character varying])::text[]'::text");
}

TEST_CASE("a cast array of casts gets its element type so it re-parses to itself", "[render][expression]") {
    CHECK(expression("((status)::text = ANY ((ARRAY['new'::character varying, 'paid'::character varying])::text[]))") ==
          "((status)::text = ANY ((ARRAY['new'::character varying, 'paid'::character varying]::character "
          "varying[])::text[]))");
    // Quotes, commas and brackets inside literals do not confuse the scan.
    CHECK(
        expression("(s)::text = ANY ((ARRAY['a,]'::character varying, 'b''c'::character varying])::text[])") ==
        "(s)::text = ANY ((ARRAY['a,]'::character varying, 'b''c'::character varying]::character varying[])::text[])");
    // Mixed element types are left to the server.
    CHECK(expression("(x = ANY ((ARRAY['a'::character varying, 'b'::text])::text[]))") ==
          "(x = ANY ((ARRAY['a'::character varying, 'b'::text])::text[]))");
}
