#include <catch2/catch.hpp>

#include "builders.hpp"

using namespace test;

namespace {

Policy policy(std::string name, std::string using_expr, std::vector<std::string> roles = {"public"}) {
    Policy p;
    p.name = std::move(name);
    p.using_expr = std::move(using_expr);
    p.roles = std::move(roles);
    return p;
}

Table with_policies(Table t, std::vector<Policy> policies, bool enabled = true) {
    t.row_security = enabled;
    t.policies = std::move(policies);
    return t;
}

Table base() {
    return table("public", "notes").column("id", "bigint", true).column("owner", "uuid", true).pk("notes_pkey", {"id"});
}

}  // namespace

TEST_CASE("row level security: enable, force and disable are one change of the flags that differ", "[diff][policy]") {
    Table off = base();
    Table on = base();
    on.row_security = true;
    on.force_row_security = true;
    auto result = run_diff(model({off}), model({on}));
    auto changes = of<SetRowSecurity>(result);
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].enabled == true);
    CHECK(changes[0].forced == true);

    Table only_force = on;
    only_force.row_security = true;
    only_force.force_row_security = false;
    changes = of<SetRowSecurity>(run_diff(model({on}), model({only_force})));
    REQUIRE(changes.size() == 1);
    CHECK_FALSE(changes[0].enabled);
    CHECK(changes[0].forced == false);
    CHECK(run_diff(model({on}), model({on})).changes.empty());
}

TEST_CASE("policies: created with a new table after it, comments separate", "[diff][policy]") {
    Policy own = policy("own", "(owner = auth.uid())", {"authenticated"});
    own.comment = "only mine";
    auto result = run_diff(model({}), model({with_policies(base(), {own})}));
    CHECK(labels(result) == std::vector<std::string>{"create_policy public.notes.own", "create_table public.notes",
                                                     "set_comment public.notes.own", "set_row_security public.notes"});
    REQUIRE(of<CreatePolicy>(result).size() == 1);
    CHECK_FALSE(of<CreatePolicy>(result)[0].policy.comment);
    // The plan orders the policy after its table and the table's RLS flag.
    auto plan = make_plan(result, {});
    CHECK(position(plan, "create_table public.notes") < position(plan, "create_policy public.notes.own"));
}

TEST_CASE("policies: roles or expressions change in place; command or kind re-creates", "[diff][policy]") {
    Table have = with_policies(base(), {policy("own", "(owner = auth.uid())", {"authenticated"})});
    SECTION("expression") {
        Table want = with_policies(base(), {policy("own", "(owner IS NOT NULL)", {"authenticated"})});
        auto result = run_diff(model({have}), model({want}));
        CHECK(labels(result) == std::vector<std::string>{"alter_policy public.notes.own"});
    }
    SECTION("roles") {
        Table want = with_policies(base(), {policy("own", "(owner = auth.uid())", {"anon", "authenticated"})});
        CHECK(labels(run_diff(model({have}), model({want}))) ==
              std::vector<std::string>{"alter_policy public.notes.own"});
    }
    SECTION("command") {
        Policy p = policy("own", "(owner = auth.uid())", {"authenticated"});
        p.command = PolicyCommand::select;
        auto result = run_diff(model({have}), model({with_policies(base(), {p})}));
        CHECK(labels(result) ==
              std::vector<std::string>{"create_policy public.notes.own", "drop_policy public.notes.own"});
        auto plan = make_plan(result, {});
        CHECK(position(plan, "drop_policy public.notes.own") < position(plan, "create_policy public.notes.own"));
    }
    SECTION("restrictive") {
        Policy p = policy("own", "(owner = auth.uid())", {"authenticated"});
        p.permissive = false;
        CHECK(labels(run_diff(model({have}), model({with_policies(base(), {p})}))) ==
              std::vector<std::string>{"create_policy public.notes.own", "drop_policy public.notes.own"});
    }
    SECTION("comment only") {
        Table want = have;
        want.policies[0].comment = "c";
        CHECK(labels(run_diff(model({have}), model({want}))) ==
              std::vector<std::string>{"set_comment public.notes.own"});
    }
    SECTION("dropped") {
        CHECK(labels(run_diff(model({have}), model({with_policies(base(), {})}))) ==
              std::vector<std::string>{"drop_policy public.notes.own"});
    }
}

TEST_CASE("policies: a policy reading a new column runs after the column; a dropped one goes first", "[plan][policy]") {
    Table have = with_policies(base(), {policy("own", "(owner = auth.uid())")});
    Table want = base();
    want.columns.push_back(col("team", "uuid"));
    want = with_policies(want, {policy("own", "(team IS NOT NULL)")});
    auto plan = make_plan(run_diff(model({have}), model({want})), {});
    CHECK(position(plan, "add_column public.notes.team") < position(plan, "alter_policy public.notes.own"));

    // Dropping the column a policy uses: PostgreSQL refuses while the policy
    // names it, so the policy changes first.
    Table narrow = base();
    narrow.columns.pop_back();  // owner
    narrow = with_policies(narrow, {policy("own", "(id > 0)")});
    auto drop = make_plan(run_diff(model({have}), model({narrow}), Prune::no), PlanOptions{AllowDestructive::yes});
    CHECK(position(drop, "alter_policy public.notes.own") < position(drop, "drop_column public.notes.owner"));
}

TEST_CASE("policies: on a new table no lock hazard; on a table in use an exclusive lock", "[plan][policy]") {
    auto plan = make_plan(run_diff(model({}), model({with_policies(base(), {policy("own", "true", {"app"})})})), {});
    const Step& create = step(plan, "create_policy public.notes.own");
    CHECK(create.hazards.empty());
    auto existing = make_plan(run_diff(model({base()}), model({with_policies(base(), {policy("own", "true")})})), {});
    CHECK(step(existing, "create_policy public.notes.own").hazards ==
          hazards({Hazard::acquires_access_exclusive_lock, Hazard::authz_update}));
}
