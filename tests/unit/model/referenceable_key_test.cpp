// Which keys a foreign key may reference: the rule PostgreSQL applies when
// it creates the foreign key, written once for validation, diff and plan.
#include "catalog/model/referenceable_key.hpp"

#include <catch2/catch.hpp>

using namespace reconcile::catalog;

namespace {

Constraint key(ConstraintKind kind, std::vector<std::string> columns) {
    Constraint c;
    c.name = "k";
    c.kind = kind;
    c.columns = std::move(columns);
    return c;
}

Index unique_index(std::vector<std::string> columns) {
    Index index;
    index.name = "i";
    index.unique = true;
    for (auto& column : columns) index.keys.push_back(IndexKey{.column = column});
    return index;
}

}  // namespace

TEST_CASE("referenceable keys: primary keys, unique constraints and plain unique indexes", "[model][keys]") {
    CHECK(referenceable_key(key(ConstraintKind::primary_key, {"b", "a"})) == KeyColumnSet{"a", "b"});
    CHECK(referenceable_key(key(ConstraintKind::unique, {"a"})) == KeyColumnSet{"a"});
    CHECK_FALSE(referenceable_key(key(ConstraintKind::check, {})).has_value());
    CHECK_FALSE(referenceable_key(key(ConstraintKind::foreign_key, {"a"})).has_value());

    auto deferrable = key(ConstraintKind::unique, {"a"});
    deferrable.deferrable = true;  // PostgreSQL refuses to use it for a foreign key
    CHECK_FALSE(referenceable_key(deferrable).has_value());

    CHECK(referenceable_key(unique_index({"y", "x"})) == KeyColumnSet{"x", "y"});
    auto partial = unique_index({"x"});
    partial.where = "(x > 0)";
    CHECK_FALSE(referenceable_key(partial).has_value());
    auto expression = unique_index({"x"});
    expression.keys.push_back(IndexKey{.expression = "lower(y)"});
    CHECK_FALSE(referenceable_key(expression).has_value());
    auto plain = unique_index({"x"});
    plain.unique = false;
    CHECK_FALSE(referenceable_key(plain).has_value());
}

TEST_CASE("referenceable keys: a table has one for exactly these columns, in any order", "[model][keys]") {
    Table table;
    table.name = {"public", "t"};
    table.constraints.push_back(key(ConstraintKind::primary_key, {"id"}));
    table.indexes.push_back(unique_index({"a", "b"}));
    CHECK(has_referenceable_key(table, {"id"}));
    CHECK(has_referenceable_key(table, {"b", "a"}));
    CHECK_FALSE(has_referenceable_key(table, {"a"}));
    CHECK_FALSE(has_referenceable_key(table, {"a", "b", "id"}));
    table.constraints.front().deferrable = true;
    CHECK_FALSE(has_referenceable_key(table, {"id"}));
}
