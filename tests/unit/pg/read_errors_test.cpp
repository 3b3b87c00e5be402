// How catalog read errors name what was read.
#include <catch2/catch.hpp>

#include "catalog/introspect/readers.hpp"

using namespace reconcile::catalog;
using namespace reconcile::catalog::introspect_detail;

TEST_CASE("schemas_phrase", "[introspect]") {
    CHECK(schemas_phrase({"public"}) == "schema public");
    CHECK(schemas_phrase({"public", "app"}) == "schemas public, app");
    CHECK(schemas_phrase({"a", "b", "c", "d", "e", "f", "g"}) == "schemas a, b, c, d, e and 2 more");
    CHECK(schemas_phrase({}) == "no schemas");
}

TEST_CASE("in_context keeps the server's fields", "[introspect]") {
    QueryError error("permission denied for table pg_enum", "42501", "detail", "hint");
    QueryError wrapped = in_context(error, "reading enums of schema app");
    CHECK(std::string(wrapped.what()) == "reading enums of schema app: permission denied for table pg_enum");
    CHECK(wrapped.sqlstate == "42501");
    CHECK(wrapped.detail == "detail");
    CHECK(wrapped.hint == "hint");
}
