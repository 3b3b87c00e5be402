// The named repairs in engine/plan/rules/ that fixed plans which used to
// fail at apply time. Each case failed before its rule existed.
#include <catch2/catch.hpp>

#include "builders.hpp"

using namespace test;

namespace {

Plan plan_of(const Model& have, const Model& want) {
    return make_plan(run_diff(have, want), PlanOptions{AllowDestructive::yes});
}

bool before(const Plan& plan, const std::string& a, const std::string& b) {
    return position(plan, a) < position(plan, b);
}

}  // namespace

// one_primary_key_per_table: adding the new key first fails with "multiple
// primary keys for table "t" are not allowed".
TEST_CASE("repair: a primary key replaced under another name is dropped first", "[plan][order][repair]") {
    auto t = [](std::string key_name, std::vector<std::string> key) {
        return table("public", "t").column("id", "integer", true).column("k", "integer", true).pk(key_name, key);
    };
    Plan plan = plan_of(model({t("t_pkey", {"id"})}), model({t("t_k_pkey", {"k"})}));
    REQUIRE(plan.steps.size() == 2);
    CHECK(before(plan, "drop_constraint public.t.t_pkey", "add_constraint public.t.t_k_pkey"));
}

TEST_CASE("repair: a replaced primary key referenced by a foreign key", "[plan][order][repair][fk]") {
    auto parent = [](std::string key_name, std::vector<std::string> key) {
        return table("public", "parent").column("id", "integer", true).column("k", "integer", true).pk(key_name, key);
    };
    Table child =
        table("public", "child").column("pid", "integer").fk("child_fk", {"pid"}, qn("public", "parent"), {"k"});
    Table child_before = table("public", "child").column("pid", "integer");
    Plan plan =
        plan_of(model({parent("parent_pkey", {"id"}), child_before}), model({parent("parent_k_pkey", {"k"}), child}));
    CHECK(before(plan, "drop_constraint public.parent.parent_pkey", "add_constraint public.parent.parent_k_pkey"));
    CHECK(before(plan, "add_constraint public.parent.parent_k_pkey", "add_constraint public.child.child_fk"));
}

// drop_uses_before_type_change: changing the type first re-checks the old
// check against the new type ("operator does not exist: text > integer").
TEST_CASE("repair: a check being dropped goes before the type change of its column", "[plan][order][repair]") {
    Model have = model({table("public", "t").column("status", "integer").check("t_status_check", "(status > 0)")});
    Model want = model({table("public", "t").column("status", "text")});
    Plan plan = plan_of(have, want);
    REQUIRE(plan.steps.size() == 2);
    CHECK(before(plan, "drop_constraint public.t.t_status_check", "alter_column public.t.status"));
}

TEST_CASE("repair: an index being dropped goes before the type change of its column", "[plan][order][repair]") {
    Model have = model({table("public", "t").column("n", "integer").column("m", "integer").index("t_n_idx", {"n"})});
    Model want = model({table("public", "t").column("n", "text").column("m", "integer")});
    Plan plan = plan_of(have, want);
    CHECK(before(plan, "drop_index public.t.t_n_idx", "alter_column public.t.n"));
    // Indexes on other columns are left where they were.
    Model have_other =
        model({table("public", "t").column("n", "integer").column("m", "integer").index("t_m_idx", {"m"})});
    Plan other = plan_of(have_other, want);
    CHECK(before(other, "alter_column public.t.n", "drop_index public.t.t_m_idx"));
}

// A replacement under the same name is one statement; it is split so the
// old definition goes before the type change and the new one comes after.
TEST_CASE("repair: a check replaced while its column changes type is split around the change",
          "[plan][order][repair]") {
    Model have = model({table("public", "t").column("status", "integer").check("t_status_check", "(status > 0)")});
    Model want = model({table("public", "t").column("status", "text").check("t_status_check", "(status <> '')")});
    Plan plan = plan_of(have, want);
    CHECK(labels(plan) == std::vector<std::string>{"drop_constraint public.t.t_status_check",
                                                   "alter_column public.t.status",
                                                   "add_constraint public.t.t_status_check"});
}

TEST_CASE("repair: an index replaced while its column changes type is split around the change",
          "[plan][order][repair]") {
    Index from;
    from.name = "t_n_idx";
    from.keys.push_back(IndexKey{std::nullopt, std::string("abs(n)"), std::nullopt, std::nullopt});
    Index to = from;
    to.keys[0].expression = "lower(n)";
    Table have_table = table("public", "t").column("n", "integer");
    have_table.indexes.push_back(from);
    Table want_table = table("public", "t").column("n", "text");
    want_table.indexes.push_back(to);
    Plan plan = plan_of(model({have_table}), model({want_table}));
    CHECK(labels(plan) == std::vector<std::string>{"drop_index public.t.t_n_idx", "alter_column public.t.n",
                                                   "create_index public.t.t_n_idx"});
}

// A foreign key that goes away (here with its table) still holds the key's
// type while it exists: "foreign key constraint ... cannot be implemented".
TEST_CASE("repair: a table dropped with a foreign key to a retyped key column goes first",
          "[plan][order][repair][fk]") {
    auto parent = [](std::string type) {
        return table("public", "parent").column("id", type, true).pk("parent_pkey", {"id"});
    };
    Table child =
        table("public", "child").column("pid", "integer").fk("child_fk", {"pid"}, qn("public", "parent"), {"id"});
    Plan plan = make_plan(run_diff(model({parent("integer"), child}), model({parent("text")}), Prune::yes),
                          PlanOptions{AllowDestructive::yes});
    CHECK(before(plan, "drop_table public.child", "alter_column public.parent.id"));
}
