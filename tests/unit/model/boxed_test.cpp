// Boxed<T> must behave as std::optional<T> does where Column::identity is
// used: copies are deep, == compares values, nullopt empties it.
#include "catalog/model/boxed.hpp"

#include <catch2/catch.hpp>
#include <string>

using reconcile::catalog::Boxed;

TEST_CASE("Boxed: optional's value semantics", "[model][boxed]") {
    Boxed<std::string> empty;
    CHECK_FALSE(empty.has_value());
    CHECK(empty == std::nullopt);
    CHECK_THROWS_AS(empty.value(), std::bad_optional_access);

    Boxed<std::string> a(std::string("x"));
    Boxed<std::string> copy = a;
    *copy += "y";  // a deep copy: a is unchanged
    CHECK(*a == "x");
    CHECK(*copy == "xy");
    CHECK_FALSE(a == copy);
    copy = a;
    CHECK(a == copy);
    CHECK_FALSE(a == empty);

    Boxed<std::string> from_optional(std::optional<std::string>("z"));
    CHECK(from_optional.value() == "z");
    CHECK(Boxed<std::string>(std::optional<std::string>()) == std::nullopt);

    copy = std::nullopt;
    CHECK_FALSE(copy.has_value());
    copy.emplace("w");
    CHECK(copy->size() == 1);
    Boxed<std::string> moved = std::move(copy);
    CHECK(*moved == "w");
}
