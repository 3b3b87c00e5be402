#include <catch2/catch.hpp>

#include "builders.hpp"

using namespace test;

TEST_CASE("identical models diff to nothing", "[diff]") {
    Model m = model({table("public", "a").column("id", "bigint", true).pk("a_pkey", {"id"}).index("a_i", {"id"})});
    auto result = run_diff(m, m);
    CHECK(result.changes.empty());
    CHECK(result.not_in_manifests.empty());
}

TEST_CASE("schemas: create with comment, comment change, have-only", "[diff][schema]") {
    Model have = model({}, {}, {"public", "old"});
    Model want = model({}, {}, {"public", "fresh"});
    want.schemas[0].comment = "new one";  // "fresh" sorts first
    SECTION("not pruned: reported") {
        auto result = run_diff(have, want);
        CHECK(labels(result) == std::vector<std::string>{"create_schema fresh", "set_comment fresh"});
        auto creates = of<CreateSchema>(result);
        REQUIRE(creates.size() == 1);
        CHECK_FALSE(creates[0].schema.comment);  // comments live in SetComment only
        REQUIRE(result.not_in_manifests.size() == 1);
        CHECK(result.not_in_manifests[0] == schema_id("old"));
    }
    SECTION("pruned: dropped") {
        auto result = run_diff(have, want, Prune::yes);
        CHECK(labels(result) ==
              std::vector<std::string>{"create_schema fresh", "drop_schema old", "set_comment fresh"});
        CHECK(result.not_in_manifests.empty());
    }
    SECTION("comment change on a kept schema") {
        Model w = have;
        w.schemas[0].comment = "c";
        auto result = run_diff(have, w);
        REQUIRE(of<SetComment>(result).size() == 1);
        CHECK(of<SetComment>(result)[0].comment == "c");
    }
    SECTION("a manifest silent about the comment leaves the live one alone") {
        Model h = have;
        h.schemas[1].comment = "standard public schema";
        Model w = have;
        w.schemas[1].keep_comment = true;
        CHECK(run_diff(h, w).changes.empty());
    }
    SECTION("an explicit null removes the live comment") {
        Model h = have;
        h.schemas[1].comment = "standard public schema";
        auto result = run_diff(h, have);
        REQUIRE(of<SetComment>(result).size() == 1);
        CHECK_FALSE(of<SetComment>(result)[0].comment);
    }
}

TEST_CASE("new table: keys inline, foreign keys, indexes and comments separate", "[diff][table]") {
    Table users = table("public", "users").column("id", "bigint", true).pk("users_pkey", {"id"});
    TableBuilder posts = table("public", "posts");
    posts.column("id", "bigint", true)
        .column("user_id", "bigint", true)
        .pk("posts_pkey", {"id"})
        .check("posts_id_check", "(id > 0)")
        .fk("posts_user_fk", {"user_id"}, qn("public", "users"), {"id"})
        .index("posts_user_idx", {"user_id"})
        .comment("all posts");
    posts.t.columns[1].comment = "author";
    posts.t.constraints[2].comment = "key comment";  // sorted later; set before normalize
    posts.t.indexes[0].comment = "idx comment";
    Model have = model({users});
    Model want = model({users, posts});

    auto result = run_diff(have, want);
    CHECK(labels(result) == std::vector<std::string>{
                                "add_constraint public.posts.posts_user_fk",
                                "create_index public.posts.posts_user_idx",
                                "create_table public.posts",
                                "set_comment public.posts",
                                "set_comment public.posts.posts_user_fk",
                                "set_comment public.posts.posts_user_idx",
                                "set_comment public.posts.user_id",
                            });
    auto created = of<CreateTable>(result).at(0).table;
    CHECK_FALSE(created.comment);
    CHECK(created.indexes.empty());
    REQUIRE(created.constraints.size() == 2);
    for (const auto& c : created.constraints) {
        CHECK(c.kind != ConstraintKind::foreign_key);
        CHECK_FALSE(c.comment);
    }
    for (const auto& c : created.columns) CHECK_FALSE(c.comment);
    CHECK_FALSE(of<AddConstraint>(result).at(0).constraint.comment);
    CHECK_FALSE(of<CreateIndex>(result).at(0).index.comment);
}

TEST_CASE("table only in the live database: reported, or dropped when pruning", "[diff][table]") {
    Model have = model({table("public", "a").column("id", "integer"), table("public", "gone").column("x", "text")});
    Model want = model({table("public", "a").column("id", "integer")});
    auto kept = run_diff(have, want);
    CHECK(kept.changes.empty());
    REQUIRE(kept.not_in_manifests.size() == 1);
    CHECK(kept.not_in_manifests[0] == table_id(qn("public", "gone")));

    auto pruned = run_diff(have, want, Prune::yes);
    CHECK(labels(pruned) == std::vector<std::string>{"drop_table public.gone"});
    CHECK(pruned.not_in_manifests.empty());
}

TEST_CASE("pruning two tables that reference each other drops their keys explicitly", "[diff][table]") {
    Table a = table("public", "a")
                  .column("id", "integer", true)
                  .column("b_id", "integer")
                  .pk("a_pkey", {"id"})
                  .fk("a_b_fk", {"b_id"}, qn("public", "b"), {"id"})
                  .fk("a_self_fk", {"b_id"}, qn("public", "a"), {"id"});
    Table b = table("public", "b")
                  .column("id", "integer", true)
                  .column("a_id", "integer")
                  .pk("b_pkey", {"id"})
                  .fk("b_a_fk", {"a_id"}, qn("public", "a"), {"id"});
    auto result = run_diff(model({a, b}), model({}), Prune::yes);
    CHECK(labels(result) == std::vector<std::string>{"drop_constraint public.a.a_b_fk",
                                                     "drop_constraint public.b.b_a_fk", "drop_table public.a",
                                                     "drop_table public.b"});
}

TEST_CASE("table comment change", "[diff][table][comment]") {
    Model have = model({table("public", "a").column("id", "integer").comment("old")});
    Model want = model({table("public", "a").column("id", "integer")});
    auto result = run_diff(have, want);
    REQUIRE(of<SetComment>(result).size() == 1);
    CHECK(of<SetComment>(result)[0].target == table_id(qn("public", "a")));
    CHECK_FALSE(of<SetComment>(result)[0].comment);
}

TEST_CASE("unlogged: a new table carries it, an existing one switches with a rewrite", "[diff][table]") {
    auto t = table("public", "cache").column("k", "text");
    auto unlogged = t;
    unlogged.t.unlogged = true;
    auto created = run_diff(model({}), model({unlogged}));
    REQUIRE(of<CreateTable>(created).size() == 1);
    CHECK(of<CreateTable>(created)[0].table.unlogged);

    auto result = run_diff(model({t}), model({unlogged}));
    REQUIRE(of<SetLogged>(result).size() == 1);
    CHECK(of<SetLogged>(result)[0].unlogged);
    auto plan = make_plan(result, {});
    REQUIRE(plan.steps.size() == 1);
    CHECK(plan.steps[0].hazards == std::vector<Hazard>{Hazard::acquires_access_exclusive_lock, Hazard::table_rewrite});
    CHECK_FALSE(plan.steps[0].refused);
}

TEST_CASE("storage parameters: a changed set is one SetStorage", "[diff][table]") {
    auto before = table("public", "t").column("a", "integer");
    before.t.storage = {"fillfactor=70"};
    auto after = before;
    after.t.storage = {"fillfactor=80"};
    auto result = run_diff(model({before}), model({after}));
    REQUIRE(of<SetStorage>(result).size() == 1);
    CHECK(of<SetStorage>(result)[0].from == std::vector<std::string>{"fillfactor=70"});
    CHECK(of<SetStorage>(result)[0].to == std::vector<std::string>{"fillfactor=80"});
    CHECK(run_diff(model({before}), model({before})).changes.empty());
}
