#include <catch2/catch.hpp>

#include "builders.hpp"

using namespace test;

namespace {

View view(std::string name, std::string definition, std::vector<ViewColumn> columns, std::vector<ObjectId> uses) {
    View v;
    v.name = qn("public", std::move(name));
    v.definition = std::move(definition);
    v.columns = std::move(columns);
    v.uses = std::move(uses);
    return v;
}

Model with_views(std::vector<Table> tables, std::vector<View> views) {
    Model m = model(std::move(tables));
    m.views = std::move(views);
    m.normalize();
    return m;
}

Table users() {
    return table("public", "users").column("id", "bigint", true).column("name", "text").pk("users_pkey", {"id"});
}

const ObjectId users_id = column_id(qn("public", "users"), "id");
const ObjectId users_name = column_id(qn("public", "users"), "name");

// base: SELECT id, name FROM users; top: SELECT name FROM base.
View base(std::string definition = "SELECT users.id, users.name FROM public.users",
          std::vector<ViewColumn> columns = {{"id", "bigint"}, {"name", "text"}}) {
    return view("base", std::move(definition), std::move(columns),
                {table_id(qn("public", "users")), users_id, users_name});
}
View top() {
    return view("top", "SELECT base.name FROM public.base", {{"name", "text"}},
                {object_id(ObjectKind::view, qn("public", "base")), column_id(qn("public", "base"), "name")});
}

}  // namespace

TEST_CASE("views: new ones after what they read, in dependency order", "[diff][view]") {
    auto plan = make_plan(run_diff(model({}), with_views({users()}, {top(), base()})), {});
    CHECK(position(plan, "create_table public.users") < position(plan, "create_view public.base"));
    CHECK(position(plan, "create_view public.base") < position(plan, "create_view public.top"));
}

TEST_CASE("views: compatible change is CREATE OR REPLACE, others re-create it and the views reading it",
          "[diff][view]") {
    Model have = with_views({users()}, {base(), top()});
    SECTION("same columns, new one last") {
        View wider = base("SELECT users.id, users.name, 1 AS one FROM public.users",
                          {{"id", "bigint"}, {"name", "text"}, {"one", "integer"}});
        auto result = run_diff(have, with_views({users()}, {wider, top()}));
        CHECK(labels(result) == std::vector<std::string>{"replace_view public.base"});
    }
    SECTION("a column renamed: base and top go, in reverse, and come back in order") {
        View renamed =
            base("SELECT users.id AS key, users.name FROM public.users", {{"key", "bigint"}, {"name", "text"}});
        auto result = run_diff(have, with_views({users()}, {renamed, top()}));
        CHECK(labels(result) == std::vector<std::string>{"create_view public.base", "create_view public.top",
                                                         "drop_view public.base", "drop_view public.top"});
        auto plan = make_plan(result, {});
        CHECK(position(plan, "drop_view public.top") < position(plan, "drop_view public.base"));
        CHECK(position(plan, "drop_view public.base") < position(plan, "create_view public.base"));
        CHECK(position(plan, "create_view public.base") < position(plan, "create_view public.top"));
        CHECK(of<CreateView>(result)[0].recreated);
    }
    SECTION("a column it reads changes type: re-created around the type change") {
        Table retyped = users();
        retyped.columns[1].type = "character varying(50)";
        View narrow = base("SELECT users.id, users.name FROM public.users",
                           {{"id", "bigint"}, {"name", "character varying(50)"}});
        auto result = run_diff(have, with_views({retyped}, {narrow, top()}));
        auto plan = make_plan(result, PlanOptions{AllowDestructive::yes});
        CHECK(position(plan, "drop_view public.top") < position(plan, "drop_view public.base"));
        CHECK(position(plan, "drop_view public.base") < position(plan, "alter_column public.users.name"));
        CHECK(position(plan, "alter_column public.users.name") < position(plan, "create_view public.base"));
        CHECK(position(plan, "create_view public.base") < position(plan, "create_view public.top"));
    }
    SECTION("unchanged views plan nothing; a comment is only a comment") {
        CHECK(run_diff(have, have).changes.empty());
        Model want = have;
        want.views[0].comment = "c";
        CHECK(labels(run_diff(have, want)) == std::vector<std::string>{"set_comment public.base"});
    }
    SECTION("not in the manifests: listed, or dropped with --prune before what it reads") {
        Model want = with_views({users()}, {base()});
        auto listed = run_diff(have, want);
        CHECK(listed.changes.empty());
        REQUIRE(listed.not_in_manifests.size() == 1);
        CHECK(listed.not_in_manifests[0] == object_id(ObjectKind::view, qn("public", "top")));
        CHECK(labels(run_diff(have, want, Prune::yes)) == std::vector<std::string>{"drop_view public.top"});
    }
}

TEST_CASE("materialized views: re-creation repopulates, indexes come back after it", "[diff][view]") {
    View have_mv =
        view("totals", "SELECT count(*) AS n FROM public.users", {{"n", "bigint"}}, {table_id(qn("public", "users"))});
    have_mv.materialized = true;
    Index index;
    index.name = "totals_n_idx";
    index.keys.push_back(IndexKey{"n", std::nullopt, std::nullopt, std::nullopt});
    have_mv.indexes = {index};
    View want_mv = have_mv;
    want_mv.definition = "SELECT count(users.id) AS n FROM public.users";
    auto result = run_diff(with_views({users()}, {have_mv}), with_views({users()}, {want_mv}));
    CHECK(labels(result) == std::vector<std::string>{"create_index public.totals.totals_n_idx",
                                                     "create_view public.totals", "drop_view public.totals"});
    auto plan = make_plan(result, {});
    CHECK(position(plan, "drop_view public.totals") < position(plan, "create_view public.totals"));
    CHECK(position(plan, "create_view public.totals") < position(plan, "create_index public.totals.totals_n_idx"));
    CHECK(step(plan, "create_view public.totals").hazards == hazards({Hazard::repopulates_materialized_view}));
    // An index on a materialized view created by the plan locks nobody out.
    CHECK(step(plan, "create_index public.totals.totals_n_idx").hazards.empty());

    View indexed = have_mv;
    indexed.indexes[0].name = "totals_n_key";
    CHECK(labels(run_diff(with_views({users()}, {have_mv}), with_views({users()}, {indexed}))) ==
          std::vector<std::string>{"create_index public.totals.totals_n_key", "drop_index public.totals.totals_n_idx"});
}

TEST_CASE("materialized views: storage parameters change in place; a re-created one keeps them", "[diff][view]") {
    View have_mv =
        view("totals", "SELECT count(*) AS n FROM public.users", {{"n", "bigint"}}, {table_id(qn("public", "users"))});
    have_mv.materialized = true;
    have_mv.storage = {"fillfactor=50"};
    View want_mv = have_mv;
    want_mv.storage = {"autovacuum_enabled=false", "fillfactor=70"};
    auto result = run_diff(with_views({users()}, {have_mv}), with_views({users()}, {want_mv}));
    CHECK(labels(result) == std::vector<std::string>{"set_view_storage public.totals"});
    REQUIRE(of<SetViewStorage>(result).size() == 1);
    CHECK(of<SetViewStorage>(result)[0].from == have_mv.storage);
    CHECK(of<SetViewStorage>(result)[0].to == want_mv.storage);
    auto plan = make_plan(result, {});
    // As a table's storage parameters: a lock, no rewrite, no repopulation.
    CHECK(step(plan, "set_view_storage public.totals").hazards == hazards({Hazard::acquires_access_exclusive_lock}));

    SECTION("a new query as well: one re-creation carrying the new parameters, no ALTER") {
        want_mv.definition = "SELECT count(users.id) AS n FROM public.users";
        auto recreated = run_diff(with_views({users()}, {have_mv}), with_views({users()}, {want_mv}));
        CHECK(labels(recreated) == std::vector<std::string>{"create_view public.totals", "drop_view public.totals"});
        REQUIRE(of<CreateView>(recreated).size() == 1);
        CHECK(of<CreateView>(recreated)[0].view.storage == want_mv.storage);
    }
    SECTION("a renamed one is altered under its new name, after the rename") {
        want_mv.name = qn("public", "sums");
        Model want = with_views({users()}, {want_mv});
        want.renames.push_back({object_id(ObjectKind::materialized_view, qn("public", "sums")),
                                {object_id(ObjectKind::materialized_view, qn("public", "totals"))}});
        auto renamed = run_diff(with_views({users()}, {have_mv}), want);
        auto renamed_plan = make_plan(renamed, {});
        CHECK(position(renamed_plan, "rename_view public.sums") <
              position(renamed_plan, "set_view_storage public.sums"));
    }
}
