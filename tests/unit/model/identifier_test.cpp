#include "catalog/model/identifier.hpp"

#include <catch2/catch.hpp>

using namespace reconcile::catalog;

TEST_CASE("identifiers are always quoted, embedded quotes doubled", "[model][quoting]") {
    CHECK(quote_identifier("jobs") == "\"jobs\"");
    CHECK(quote_identifier("Conversation") == "\"Conversation\"");
    CHECK(quote_identifier("a\"b") == "\"a\"\"b\"");
    CHECK(quote_identifier("x'; DROP TABLE t; --") == "\"x'; DROP TABLE t; --\"");
    CHECK(quote_identifier("名前") == "\"名前\"");
    CHECK(quote_identifier("") == "\"\"");
}

TEST_CASE("literals double quotes and use E'' only for backslashes", "[model][quoting]") {
    CHECK(quote_literal("plain") == "'plain'");
    CHECK(quote_literal("it's") == "'it''s'");
    CHECK(quote_literal("x'; DROP TABLE t; --") == "'x''; DROP TABLE t; --'");
    CHECK(quote_literal("a\\b") == "E'a\\\\b'");
    CHECK(quote_literal("名前") == "'名前'");
}

TEST_CASE("named_type reads a schema-qualified type name in any spelling", "[model][types]") {
    CHECK(named_type("public.mood") == QualifiedName{"public", "mood"});
    CHECK(named_type("public.\"ConversationStatus\"[]") == QualifiedName{"public", "ConversationStatus"});
    CHECK(named_type("\"public\".\"ConversationStatus\"") == QualifiedName{"public", "ConversationStatus"});
    CHECK(named_type("\"My Schema\".\"a\"\"b\"") == QualifiedName{"My Schema", "a\"b"});
    // Unquoted parts fold to lower case, as PostgreSQL folds them.
    CHECK(named_type("Public.Mood") == QualifiedName{"public", "mood"});
    CHECK(named_type("\"Public\".Mood") == QualifiedName{"Public", "mood"});
    // Built-in types are printed unqualified: nothing to name.
    CHECK_FALSE(named_type("integer").has_value());
    CHECK_FALSE(named_type("character varying(20)").has_value());
    CHECK_FALSE(named_type("timestamp(3) with time zone").has_value());
    CHECK_FALSE(named_type("\"unterminated").has_value());
}
