// Diff and order of functions and triggers, no database.
#include <catch2/catch.hpp>

#include "builders.hpp"

using namespace test;

namespace {

Function function(std::string schema, std::string name, std::vector<std::string> types, std::string returns,
                  std::string body, std::string language = "plpgsql") {
    Function f;
    f.name = qn(std::move(schema), std::move(name));
    for (auto& type : types) f.arguments.push_back(Argument{ArgumentMode::in, "", std::move(type), std::nullopt});
    f.returns = std::move(returns);
    f.body = std::move(body);
    f.language = std::move(language);
    return f;
}

Trigger trigger(std::string name, QualifiedName function) {
    Trigger t;
    t.name = std::move(name);
    t.events.delete_ = true;
    t.function = std::move(function);
    return t;
}

Model with_functions(Model m, std::vector<Function> functions) {
    m.functions = std::move(functions);
    m.normalize();
    return m;
}

Plan plan_of(const Model& have, const Model& want, Prune prune = Prune::no) {
    return make_plan(run_diff(have, want, prune), PlanOptions{AllowDestructive::yes});
}

}  // namespace

TEST_CASE("a function whose body alone changes is one replace_function", "[plan][functions]") {
    auto before = function("public", "f", {"integer"}, "integer", "SELECT 1", "sql");
    auto after = before;
    after.body = "SELECT 2";
    auto result = run_diff(with_functions(model({}), {before}), with_functions(model({}), {after}));
    CHECK(labels(result) == std::vector<std::string>{"replace_function public.f(integer)"});
}

TEST_CASE("a function whose result type or argument name changes is dropped and created", "[plan][functions]") {
    auto before = function("public", "f", {"integer"}, "integer", "SELECT 1", "sql");
    auto returns = before;
    returns.returns = "bigint";
    auto renamed = before;
    renamed.arguments[0].name = "x";
    for (const auto& after : {returns, renamed}) {
        Plan plan = plan_of(with_functions(model({}), {before}), with_functions(model({}), {after}));
        CHECK(labels(plan) ==
              std::vector<std::string>{"drop_function public.f(integer)", "create_function public.f(integer)"});
    }
}

TEST_CASE("a function not in the manifests is reported, and dropped only with prune", "[plan][functions]") {
    Model have = with_functions(model({}), {function("public", "old", {}, "void", "BEGIN END")});
    auto result = run_diff(have, model({}));
    CHECK(result.changes.empty());
    REQUIRE(result.not_in_manifests.size() == 1);
    CHECK(display(result.not_in_manifests[0]) == "public.old()");
    CHECK(labels(run_diff(have, model({}), Prune::yes)) == std::vector<std::string>{"drop_function public.old()"});
}

TEST_CASE("order: a function before the default that calls it, after the table it returns", "[plan][functions]") {
    Table t = table("public", "t").column(with_default(col("n", "integer"), "public.next_n(1)"));
    auto next_n = function("public", "next_n", {"integer"}, "integer", "SELECT 1", "sql");
    auto rows = function("public", "all_t", {}, "SETOF public.t", "SELECT * FROM t", "sql");
    Plan plan = plan_of(model({}), with_functions(model({t}), {next_n, rows}));
    CHECK(labels(plan) == std::vector<std::string>{"create_function public.next_n(integer)", "create_table public.t",
                                                   "create_function public.all_t()"});
}

TEST_CASE("order: a SQL function after the tables its body names, a trigger after its function", "[plan][functions]") {
    Table t = table("public", "zz_events").column("id", "integer");
    t.triggers.push_back(trigger("zz_guard", qn("public", "aa_guard")));
    auto guard = function("public", "aa_guard", {}, "trigger", "BEGIN RETURN OLD; END");
    auto count = function("public", "aa_count", {}, "bigint", "SELECT count(*) FROM zz_events", "sql");
    Plan plan = plan_of(model({}), with_functions(model({t}), {guard, count}));
    auto at = [&](const std::string& label) { return position(plan, label); };
    CHECK(at("create_table public.zz_events") < at("create_function public.aa_count()"));
    CHECK(at("create_function public.aa_guard()") < at("create_trigger public.zz_events.zz_guard"));
}

namespace {

View view_of(std::string name, std::string definition) {
    View v;
    v.name = qn("public", std::move(name));
    v.definition = std::move(definition);
    return v;
}

Model with_views(Model m, std::vector<View> views) {
    m.views = std::move(views);
    m.normalize();
    return m;
}

bool unchecked(const Plan& plan, const std::string& wanted) {
    return std::get<CreateFunction>(step(plan, wanted).change).unchecked_body;
}

}  // namespace

// Found on LedgerSMB: CREATE FUNCTION resolves a signature's row types, a
// SQL body's relations and a PL/pgSQL body's DECLARE types.
TEST_CASE("order: a function after the views its signature or checked body names", "[plan][functions][views]") {
    Table t = table("public", "zz_city").column("id", "integer");
    View v = view_of("zz_city_view", "SELECT zz_city.id FROM public.zz_city");
    auto returns = function("public", "aa_cities", {}, "SETOF public.zz_city_view", "SELECT 1", "plpython3u");
    auto reads = function("public", "aa_count", {}, "bigint", "SELECT count(*) FROM zz_city_view", "sql");
    auto declares = function("public", "aa_first", {}, "integer", "DECLARE r zz_city_view; BEGIN RETURN 1; END");
    auto other = function("public", "aa_other", {}, "integer", "SELECT 1 FROM zz_city_view", "plpython3u");
    Plan plan = plan_of(model({}), with_views(with_functions(model({t}), {returns, reads, declares, other}), {v}));
    auto at = [&](const std::string& label) { return position(plan, label); };
    CHECK(at("create_view public.zz_city_view") < at("create_function public.aa_cities()"));
    CHECK(at("create_view public.zz_city_view") < at("create_function public.aa_count()"));
    CHECK(at("create_view public.zz_city_view") < at("create_function public.aa_first()"));
    // A language whose validator does not read the body keeps its place.
    CHECK(at("create_function public.aa_other()") < at("create_view public.zz_city_view"));
    CHECK_FALSE(unchecked(plan, "create_function public.aa_count()"));
}

TEST_CASE("a body that reads a view calling it is created unchecked, first", "[plan][functions][views]") {
    Table t = table("public", "zz_ticket").column("id", "integer");
    View labels_view =
        view_of("zz_labels", "SELECT zz_ticket.id, public.aa_label(zz_ticket.id) AS label FROM public.zz_ticket");
    auto label = function("public", "aa_label", {"integer"}, "text", "SELECT count(*)::text FROM zz_labels", "sql");
    auto count = function("public", "aa_count", {}, "bigint", "SELECT count(*) FROM zz_labels", "sql");
    Plan plan = plan_of(model({}), with_views(with_functions(model({t}), {label, count}), {labels_view}));
    auto at = [&](const std::string& label) { return position(plan, label); };
    CHECK(unchecked(plan, "create_function public.aa_label(integer)"));
    CHECK_FALSE(unchecked(plan, "create_function public.aa_count()"));
    CHECK(at("create_function public.aa_label(integer)") < at("create_view public.zz_labels"));
    CHECK(at("create_view public.zz_labels") < at("create_function public.aa_count()"));
}

TEST_CASE("a SQL body reading the table whose default calls it is created unchecked, first", "[plan][functions]") {
    Table note = table("public", "note").column(with_default(col("id", "integer"), "public.next_note_id()"));
    auto next = function("public", "next_note_id", {}, "integer", "SELECT max(id) + 1 FROM public.note", "sql");
    Plan plan = plan_of(model({}), with_functions(model({note}), {next}));
    CHECK(unchecked(plan, "create_function public.next_note_id()"));
    CHECK(position(plan, "create_function public.next_note_id()") < position(plan, "create_table public.note"));
}

TEST_CASE("a trigger's enabled state is altered in place; its definition re-creates it", "[plan][triggers]") {
    Table before = table("public", "t").column("id", "integer");
    before.triggers.push_back(trigger("g", qn("public", "f")));
    Table disabled = before;
    disabled.triggers[0].enabled = TriggerEnabled::disabled;
    CHECK(labels(run_diff(model({before}), model({disabled}))) ==
          std::vector<std::string>{"set_trigger_enabled public.t.g"});
    Table on_update = before;
    on_update.triggers[0].events.update = true;
    CHECK(labels(run_diff(model({before}), model({on_update}))) ==
          std::vector<std::string>{"replace_trigger public.t.g"});
    // A trigger dropped with its function goes first.
    Model have = with_functions(model({before}), {function("public", "f", {}, "trigger", "BEGIN END")});
    Plan plan = plan_of(have, model({table("public", "t").column("id", "integer")}), Prune::yes);
    CHECK(labels(plan) == std::vector<std::string>{"drop_trigger public.t.g", "drop_function public.f()"});
}

TEST_CASE("a function dropped and created takes its default, check and trigger down and back up",
          "[plan][functions][triggers]") {
    auto f = function("public", "f", {"integer"}, "boolean", "SELECT true", "sql");
    auto renamed = f;
    renamed.arguments[0].name = "x";  // CREATE OR REPLACE refuses a new argument name
    Table t = table("public", "t")
                  .column(with_default(col("n", "integer"), "public.f(1)::integer"))
                  .check("t_n_check", "public.f(n)");
    Trigger guard = trigger("g", qn("public", "guard"));
    guard.when = "public.f(old.n)";
    t.triggers.push_back(guard);
    auto guard_function = function("public", "guard", {}, "trigger", "BEGIN RETURN OLD; END");
    Plan plan =
        plan_of(with_functions(model({t}), {f, guard_function}), with_functions(model({t}), {renamed, guard_function}));
    auto at = [&](const std::string& label) { return position(plan, label); };
    for (const auto& member :
         {"alter_column public.t.n", "drop_constraint public.t.t_n_check", "drop_trigger public.t.g"}) {
        CHECK(at(member) < at("drop_function public.f(integer)"));
    }
    CHECK(at("drop_function public.f(integer)") < at("create_function public.f(integer)"));
    CHECK(at("create_function public.f(integer)") < at("add_constraint public.t.t_n_check"));
    CHECK(at("create_function public.f(integer)") < at("create_trigger public.t.g"));
    // DROP DEFAULT before, SET DEFAULT after.
    std::vector<std::string> defaults;
    for (const auto& step : plan.steps) {
        if (label(step.change) == "alter_column public.t.n") defaults.push_back(label(step.change));
    }
    CHECK(defaults.size() == 2);
    CHECK(plan.steps.size() == 8);
}

TEST_CASE("a view's INSTEAD OF trigger comes after the view and its function, and back after a re-creation",
          "[plan][triggers]") {
    View v;
    v.name = qn("public", "v");
    v.definition = "SELECT 1 AS id";
    v.columns = {{"id", "integer"}};
    Trigger instead = trigger("v_insert", qn("public", "v_insert"));
    instead.timing = TriggerTiming::instead_of;
    instead.events = {};
    instead.events.insert = true;
    v.triggers.push_back(instead);
    auto fn = function("public", "v_insert", {}, "trigger", "BEGIN RETURN NEW; END");
    Model want = with_functions(model({}), {fn});
    want.views = {v};
    Plan plan = plan_of(model({}), want);
    auto at = [&](const std::string& label) { return position(plan, label); };
    CHECK(at("create_view public.v") < at("create_trigger public.v.v_insert"));
    CHECK(at("create_function public.v_insert()") < at("create_trigger public.v.v_insert"));

    // A column's type changes: the view is dropped and created, its trigger with it.
    View retyped = v;
    retyped.columns = {{"id", "bigint"}};
    retyped.definition = "SELECT 1::bigint AS id";
    Model after = want;
    after.views = {retyped};
    Plan again = plan_of(want, after);
    CHECK(labels(again) ==
          std::vector<std::string>{"drop_view public.v", "create_view public.v", "create_trigger public.v.v_insert"});
    // Kept as it is: nothing.
    CHECK(labels(run_diff(want, want)).empty());
}
