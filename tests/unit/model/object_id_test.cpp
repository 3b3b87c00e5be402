#include "catalog/model/object_id.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

using namespace reconcile::catalog;

TEST_CASE("object ids display the way messages and reports name objects", "[model][object_id]") {
    const QualifiedName jobs{"public", "jobs"};
    CHECK(display(schema_id("app")) == "app");
    CHECK(display(role_id("app_reader")) == "app_reader");
    CHECK(display(table_id(jobs)) == "public.jobs");
    CHECK(display(enum_id({"public", "Mood"})) == "public.Mood");
    CHECK(display(column_id(jobs, "status")) == "public.jobs.status");
    CHECK(display(constraint_id(jobs, "jobs_pkey")) == "public.jobs.jobs_pkey");
    CHECK(display(index_id(jobs, "jobs_status_idx")) == "public.jobs.jobs_status_idx");
    CHECK(display(member_id(ObjectKind::trigger, jobs, "audit")) == "public.jobs.audit");
    CHECK(display(routine_id(ObjectKind::function, {"public", "write_audit"}, {"integer", "text"})) ==
          "public.write_audit(integer, text)");
    // A routine without arguments is still a call shape.
    CHECK(display(routine_id(ObjectKind::procedure, {"app", "refresh"}, {})) == "app.refresh()");
    CHECK(display(object_id(ObjectKind::materialized_view, {"app", "totals"})) == "app.totals");
    // Objects outside any schema; a cast is named by its two types, an
    // operator by its name and both argument types.
    CHECK(display(ObjectId{ObjectKind::publication, {}, "supabase_realtime", {}, {}}) == "supabase_realtime");
    CHECK(display(ObjectId{ObjectKind::cast, {}, "(public.pair AS text)", {}, {}}) == "(public.pair AS text)");
    CHECK(display(ObjectId{ObjectKind::operator_, "public", "~=", {}, {"numeric", "numeric"}}) ==
          "public.~=(numeric, numeric)");
}

TEST_CASE("object ids are values: equal fields, equal ids", "[model][object_id]") {
    const QualifiedName jobs{"public", "jobs"};
    CHECK(column_id(jobs, "a") == column_id(jobs, "a"));
    CHECK(column_id(jobs, "a") != constraint_id(jobs, "a"));
    // Overloads differ only by their argument types.
    CHECK(routine_id(ObjectKind::function, {"public", "f"}, {"integer"}) !=
          routine_id(ObjectKind::function, {"public", "f"}, {"text"}));
    // Names with dots cannot collide the way display strings do.
    CHECK(display(table_id({"a.b", "c"})) == display(table_id({"a", "b.c"})));
    CHECK(table_id({"a.b", "c"}) != table_id({"a", "b.c"}));
    CHECK(schema_id("x").qualified() == QualifiedName{"", "x"});
    CHECK(column_id(jobs, "a").qualified() == jobs);
}

TEST_CASE("object ids order by kind, then schema, name, member and arguments", "[model][object_id]") {
    const QualifiedName a{"public", "a"};
    const QualifiedName b{"public", "b"};
    // Plans break ties by this order; the kinds that existed before ObjectId
    // keep their relative order so plans stay byte-identical.
    std::vector<ObjectId> expected{
        schema_id("app"),
        enum_id({"public", "z"}),
        table_id(b),
        column_id(a, "x"),
        column_id(a, "y"),
        column_id(b, "a"),
        constraint_id(a, "a_pkey"),
        index_id(a, "a_idx"),
        routine_id(ObjectKind::function, {"public", "f"}, {}),
        routine_id(ObjectKind::function, {"public", "f"}, {"integer"}),
        routine_id(ObjectKind::function, {"public", "f"}, {"integer", "text"}),
        routine_id(ObjectKind::function, {"public", "f"}, {"text"}),
    };
    auto shuffled = expected;
    std::reverse(shuffled.begin(), shuffled.end());
    std::sort(shuffled.begin(), shuffled.end());
    CHECK(shuffled == expected);
    std::set<ObjectId> unique(expected.begin(), expected.end());
    CHECK(unique.size() == expected.size());
}

TEST_CASE("every kind has a stable name", "[model][object_id]") {
    CHECK(kind_name(ObjectKind::enum_type) == "enum");
    CHECK(kind_name(ObjectKind::materialized_view) == "materialized view");
    CHECK(kind_name(ObjectKind::composite_type) == "composite type");
    CHECK(kind_name(ObjectKind::foreign_data_wrapper) == "foreign-data wrapper");
    CHECK(kind_name(ObjectKind::text_search_configuration) == "text search configuration");
    std::set<std::string_view> names;
    for (int k = 0; k <= static_cast<int>(ObjectKind::aggregate); ++k) {
        auto name = kind_name(static_cast<ObjectKind>(k));
        CHECK(name != "object");
        names.insert(name);
    }
    CHECK(names.size() == static_cast<std::size_t>(ObjectKind::aggregate) + 1);
}

TEST_CASE("containing schema: a schema contains itself, members their table's schema", "[model][object_id]") {
    CHECK(schema_id("app").containing_schema() == "app");
    CHECK(column_id({"s", "t"}, "c").containing_schema() == "s");
    CHECK(role_id("r").containing_schema().empty());
}
