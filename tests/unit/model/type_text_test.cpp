// The one type-text parser: the spellings users write in manifests and the
// ones format_type() prints must come apart the same way.
#include "catalog/model/type_text.hpp"

#include <catch2/catch.hpp>

using namespace reconcile::catalog;

namespace {

TypeText parsed(std::string_view text) {
    auto type = parse_type_text(text);
    INFO(text);
    REQUIRE(type.has_value());
    return *type;
}

}  // namespace

TEST_CASE("type text: names, folded and joined", "[model][types]") {
    CHECK(parsed("integer").name == "integer");
    CHECK_FALSE(parsed("integer").schema.has_value());
    CHECK(parsed("  Double   PRECISION ").name == "double precision");
    CHECK(parsed("character varying(20)").name == "character varying");
    CHECK(parsed("public.\"ConversationStatus\"").name == "ConversationStatus");
    CHECK(parsed("public.\"ConversationStatus\"").quoted);
    CHECK(parsed("public.\"ConversationStatus\"").schema == "public");
    CHECK(parsed("\"My Schema\".\"a\"\"b\"").schema == "My Schema");
    CHECK(parsed("\"My Schema\".\"a\"\"b\"").name == "a\"b");
    CHECK(parsed("Public.Mood").schema == "public");
    CHECK(parsed("Public.Mood").name == "mood");
    CHECK_FALSE(parsed("Public.Mood").quoted);
    CHECK(parsed("pg_catalog.int4").schema == "pg_catalog");
    CHECK_FALSE(parsed("pg_catalog.int4").user_schema());
    CHECK(parsed("app.mood").user_schema());
    CHECK(parsed("名前").name == "名前");
}

TEST_CASE("type text: modifiers wherever the grammar puts them", "[model][types]") {
    auto numeric = parsed("numeric(12, 2)");
    CHECK(numeric.name == "numeric");
    CHECK(numeric.modifiers == std::vector<std::string>{"12", "2"});
    CHECK(numeric.integer_modifiers() == std::vector<long>{12, 2});

    auto timestamp = parsed("timestamp(3) with time zone");
    CHECK(timestamp.name == "timestamp with time zone");
    CHECK(timestamp.integer_modifiers() == std::vector<long>{3});

    CHECK(parsed("numeric(5,-2)").integer_modifiers() == std::vector<long>{5, -2});
    CHECK_FALSE(parsed("public.geometry(Point, 4326)").integer_modifiers().has_value());
    CHECK(parsed("text").integer_modifiers() == std::vector<long>{});

    // An interval's fields are a modifier, not part of its name.
    auto interval = parsed("INTERVAL YEAR TO MONTH");
    CHECK(interval.name == "interval");
    CHECK(interval.interval_fields == "year to month");
    CHECK(parsed("interval second(3)").name == "interval");
    CHECK(parsed("\"interval x\"").name == "interval x");  // quoted: a user's name
}

TEST_CASE("type text: array bounds in every spelling", "[model][types]") {
    CHECK(parsed("text").array_dims == 0);
    CHECK(parsed("text[]").array_dims == 1);
    CHECK(parsed("integer[3][]").array_dims == 2);
    CHECK(parsed("integer [ 3 ] [ ]").array_dims == 2);
    CHECK(parsed("integer ARRAY").array_dims == 1);
    CHECK(parsed("integer array[4]").array_dims == 1);
    CHECK(parsed("character varying(20)[]").name == "character varying");
    CHECK(parsed("public.\"Status\"[]").name == "Status");
    CHECK(parsed("public.\"Status\"[]").array_dims == 1);

    CHECK(split_array_bounds(" public.\"Status\"[][3] ") == std::pair<std::string_view, int>{"public.\"Status\"", 2});
    CHECK(split_array_bounds("Status") == std::pair<std::string_view, int>{"Status", 0});
    CHECK(split_array_bounds("int ARRAY") == std::pair<std::string_view, int>{"int", 1});
    // "[x]" is not an array bound: the text is left for the server.
    CHECK(split_array_bounds("int[x]") == std::pair<std::string_view, int>{"int[x]", 0});
}

TEST_CASE("type text: what is not a type name", "[model][types]") {
    for (std::string_view text : {"", "  ", "\"unterminated", "a.b.c", "a.", ".a", "\"\"", "int(", "int(1)(2)",
                                  "a(1).b", "int; drop table x", "int[x]", "text[]]", "integer -- comment"}) {
        INFO(text);
        CHECK_FALSE(parse_type_text(text).has_value());
    }
}
