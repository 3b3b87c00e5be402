#include <catch2/catch.hpp>
#include <random>

#include "builders.hpp"

using namespace test;

namespace {

Plan plan_of(const Model& have, const Model& want, Prune prune = Prune::no) {
    return make_plan(run_diff(have, want, prune), PlanOptions{AllowDestructive::yes});
}

bool before(const Plan& plan, const std::string& a, const std::string& b) {
    return position(plan, a) < position(plan, b);
}

}  // namespace

TEST_CASE("order: schema, enum, tables, keys, foreign keys, indexes, comments", "[plan][order]") {
    Model have = model({table("public", "accounts").column("id", "integer", true)});
    Model want = model({table("public", "accounts").column("id", "integer", true).pk("accounts_pkey", {"id"}),
                        table("app", "users")
                            .column("id", "integer", true)
                            .column("mood", "app.\"Mood\"")
                            .column("account_id", "integer")
                            .pk("users_pkey", {"id"})
                            .fk("users_account_fk", {"account_id"}, qn("public", "accounts"), {"id"})
                            .index("users_mood_idx", {"mood"})
                            .comment("people")},
                       {enum_type("app", "Mood", {"a", "b"})}, {"app", "public"});
    Plan plan = plan_of(have, want);
    CHECK(labels(plan) == std::vector<std::string>{
                              "create_schema app",
                              "create_enum app.Mood",
                              "create_table app.users",
                              "add_constraint public.accounts.accounts_pkey",
                              "add_constraint app.users.users_account_fk",
                              "create_index app.users.users_mood_idx",
                              "set_comment app.users",
                          });
}

TEST_CASE("order: enum types are found in any spelling of the column type", "[plan][order][enum]") {
    Model have = model({table("public", "t").column("id", "integer")}, {enum_type("public", "Status", {"a"})});
    Model want = model({table("public", "t").column("id", "integer").column("s", "\"public\".\"Status\"[]"),
                        table("public", "u").column("s", "public.\"Status\"")},
                       {enum_type("public", "Status", {"a", "b"})});
    Plan plan = plan_of(have, want);
    CHECK(before(plan, "add_enum_value public.Status", "add_column public.t.s"));
    CHECK(before(plan, "add_enum_value public.Status", "create_table public.u"));
}

TEST_CASE("order: two new tables referencing each other", "[plan][order][fk]") {
    Model want = model({table("public", "a")
                            .column("id", "integer", true)
                            .column("b_id", "integer")
                            .pk("a_pkey", {"id"})
                            .fk("a_b_fk", {"b_id"}, qn("public", "b"), {"id"}),
                        table("public", "b")
                            .column("id", "integer", true)
                            .column("a_id", "integer")
                            .pk("b_pkey", {"id"})
                            .fk("b_a_fk", {"a_id"}, qn("public", "a"), {"id"})});
    Plan plan = plan_of(model({}), want);
    CHECK(labels(plan) == std::vector<std::string>{"create_table public.a", "create_table public.b",
                                                   "add_constraint public.a.a_b_fk", "add_constraint public.b.b_a_fk"});
}

TEST_CASE("order: drops run in reverse (keys, tables, types, schema)", "[plan][order][drop]") {
    Model have = model({table("old", "a")
                            .column("id", "integer", true)
                            .column("b_id", "integer")
                            .pk("a_pkey", {"id"})
                            .fk("a_b_fk", {"b_id"}, qn("old", "b"), {"id"}),
                        table("old", "b")
                            .column("id", "integer", true)
                            .column("m", "old.mood")
                            .pk("b_pkey", {"id"})
                            .fk("b_a_fk", {"id"}, qn("old", "a"), {"id"})},
                       {enum_type("old", "mood", {"x"})}, {"old", "public"});
    Plan plan = plan_of(have, model({}), Prune::yes);
    CHECK(labels(plan) == std::vector<std::string>{"drop_constraint old.a.a_b_fk", "drop_constraint old.b.b_a_fk",
                                                   "drop_table old.a", "drop_table old.b", "drop_enum old.mood",
                                                   "drop_schema old"});
}

TEST_CASE("order: a foreign key from a kept table is dropped before the table it references", "[plan][order][drop]") {
    Table parent = table("public", "parent").column("id", "integer", true).pk("parent_pkey", {"id"});
    Table child = table("public", "child").column("pid", "integer");
    TableBuilder child_with_fk =
        table("public", "child").column("pid", "integer").fk("child_fk", {"pid"}, qn("public", "parent"), {"id"});
    Plan plan = plan_of(model({parent, child_with_fk}), model({child}), Prune::yes);
    CHECK(labels(plan) ==
          std::vector<std::string>{"drop_constraint public.child.child_fk", "drop_table public.parent"});
}

TEST_CASE("order: re-created column, its constraint and index (same names)", "[plan][order]") {
    Column g1 = col("total", "numeric"), g2 = col("total", "numeric");
    g1.generated = "(price * 2)";
    g2.generated = "(price * 3)";
    auto build = [](Column c) {
        return model({table("public", "t")
                          .column("price", "numeric")
                          .column(std::move(c))
                          .check("t_total_check", "(total > (0)::numeric)")
                          .index("t_total_idx", {"total"})});
    };
    Plan plan = plan_of(build(g1), build(g2));
    CHECK(before(plan, "drop_constraint public.t.t_total_check", "drop_column public.t.total"));
    CHECK(before(plan, "drop_index public.t.t_total_idx", "drop_column public.t.total"));
    CHECK(before(plan, "drop_column public.t.total", "add_column public.t.total"));
    CHECK(before(plan, "add_column public.t.total", "add_constraint public.t.t_total_check"));
    CHECK(before(plan, "add_column public.t.total", "create_index public.t.t_total_idx"));
}

TEST_CASE("order: an index name moving to another table is dropped first", "[plan][order]") {
    Model have = model({table("public", "a").column("x", "integer").index("shared_name", {"x"}),
                        table("public", "b").column("x", "integer")});
    Model want = model({table("public", "a").column("x", "integer"),
                        table("public", "b").column("x", "integer").unique("shared_name", {"x"})});
    Plan plan = plan_of(have, want);
    CHECK(before(plan, "drop_index public.a.shared_name", "add_constraint public.b.shared_name"));
}

TEST_CASE("order: foreign key around a replaced primary key", "[plan][order][fk]") {
    auto parent = [](std::vector<std::string> key) {
        return table("public", "parent")
            .column("id", "integer", true)
            .column("k", "integer", true)
            .pk("parent_pkey", key);
    };
    Table child =
        table("public", "child").column("pid", "integer").fk("child_fk", {"pid"}, qn("public", "parent"), {"id"});
    Plan plan = plan_of(model({parent({"id"}), child}), model({parent({"k"}), child}));
    CHECK(labels(plan) == std::vector<std::string>{"drop_constraint public.child.child_fk",
                                                   "replace_constraint public.parent.parent_pkey",
                                                   "add_constraint public.child.child_fk"});
}

TEST_CASE("order: ALTER COLUMN steps on one column, and type before indexes", "[plan][order][column]") {
    Column from = with_default(col("n", "integer"), "0");
    Column to = col("n", "bigint", true);
    to.identity = Identity{IdentityKind::by_default, {}};
    Model have = model({table("public", "t").column(from)});
    Model want = model({table("public", "t").column(to).index("t_n_idx", {"n"})});
    Plan plan = plan_of(have, want);
    std::vector<ColumnAttribute> whats;
    for (const auto& s : plan.steps) {
        if (auto* alter = std::get_if<AlterColumn>(&s.change)) whats.push_back(alter->what);
    }
    CHECK(whats == std::vector{ColumnAttribute::default_value, ColumnAttribute::type, ColumnAttribute::not_null,
                               ColumnAttribute::identity});
    CHECK(labels(plan).back() == "create_index public.t.t_n_idx");
}

TEST_CASE("order: an enum is dropped after the columns stop using it", "[plan][order][enum]") {
    Model have = model({table("public", "t").column("m", "public.mood").column("k", "public.mood")},
                       {enum_type("public", "mood", {"a"})});
    Model want = model({table("public", "t").column("m", "text")});
    Plan plan = plan_of(have, want, Prune::yes);
    CHECK(labels(plan).back() == "drop_enum public.mood");
}

TEST_CASE("order: same input in any order gives the same plan", "[plan][order][determinism]") {
    Model have = model({table("public", "a").column("id", "integer", true).pk("a_pkey", {"id"}).index("a_x", {"id"}),
                        table("public", "gone").column("x", "text")},
                       {enum_type("public", "e", {"a", "c"})});
    Model want = model({table("public", "a")
                            .column("id", "bigint", true)
                            .column("e", "public.e")
                            .pk("a_pkey", {"id"})
                            .unique("a_e_key", {"e"})
                            .comment("c"),
                        table("public", "n1")
                            .column("id", "integer", true)
                            .column("a_id", "bigint")
                            .pk("n1_pkey", {"id"})
                            .fk("n1_a_fk", {"a_id"}, qn("public", "a"), {"id"})
                            .index("n1_a_idx", {"a_id"}),
                        table("public", "n2").column("id", "integer", true).pk("n2_pkey", {"id"})},
                       {enum_type("public", "e", {"a", "b", "c", "d"})});
    DiffResult base = run_diff(have, want, Prune::yes);
    auto expected = labels(make_plan(base, {}));
    std::mt19937 rng(42);
    for (int round = 0; round < 20; ++round) {
        DiffResult shuffled = base;
        std::shuffle(shuffled.changes.begin(), shuffled.changes.end(), rng);
        CHECK(labels(make_plan(shuffled, {})) == expected);
    }
}

TEST_CASE("order: a dependency cycle is an error naming the changes", "[plan][order][cycle]") {
    DiffResult diff;
    diff.changes.push_back(AddEnumValue{qn("public", "e"), "x", std::nullopt, std::string("y")});
    diff.changes.push_back(AddEnumValue{qn("public", "e"), "y", std::nullopt, std::string("x")});
    diff.changes.push_back(CreateSchema{Schema{"unrelated", std::nullopt}});
    CHECK_THROWS_AS(make_plan(diff, {}), PlanError);
    CHECK_THROWS_WITH(make_plan(diff, {}), Catch::Contains("cycle") && Catch::Contains("add_enum_value public.e 'x'") &&
                                               Catch::Contains("add_enum_value public.e 'y'") &&
                                               !Catch::Contains("unrelated"));
}
