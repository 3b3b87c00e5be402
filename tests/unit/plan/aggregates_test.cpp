// Diff and order of aggregates, no database.
#include <catch2/catch.hpp>

#include "builders.hpp"

using namespace test;

namespace {

Aggregate aggregate(std::string name, std::string type, QualifiedName sfunc, std::string stype) {
    Aggregate a;
    a.name = qn("public", std::move(name));
    a.arguments.push_back(Argument{ArgumentMode::in, "", std::move(type), std::nullopt});
    a.state_function = std::move(sfunc);
    a.state_type = std::move(stype);
    return a;
}

Function function(std::string name, std::vector<std::string> types, std::string returns) {
    Function f;
    f.name = qn("public", std::move(name));
    for (auto& type : types) f.arguments.push_back(Argument{ArgumentMode::in, "", std::move(type), std::nullopt});
    f.returns = std::move(returns);
    f.language = "sql";
    f.body = "SELECT $1";
    return f;
}

Model with(std::vector<Function> functions, std::vector<Aggregate> aggregates) {
    Model m = model({});
    m.functions = std::move(functions);
    m.aggregates = std::move(aggregates);
    m.normalize();
    return m;
}

Plan plan_of(const Model& have, const Model& want, Prune prune = Prune::no) {
    return make_plan(run_diff(have, want, prune), PlanOptions{AllowDestructive::yes});
}

}  // namespace

TEST_CASE("an aggregate whose initial condition changes is one replace_aggregate", "[plan][aggregates]") {
    auto before = aggregate("total", "integer", qn("pg_catalog", "int4pl"), "integer");
    auto after = before;
    after.initial_condition = "0";
    after.parallel = ParallelSafety::safe;
    auto result = run_diff(with({}, {before}), with({}, {after}));
    CHECK(labels(result) == std::vector<std::string>{"replace_aggregate public.total(integer)"});
    CHECK(result.recreated.empty());
}

TEST_CASE("an aggregate whose state type or final function changes is dropped and created",
          "[plan][aggregates]") {
    auto before = aggregate("total", "integer", qn("pg_catalog", "int4pl"), "integer");
    auto state = before;
    state.state_type = "bigint";
    auto final = before;
    final.final = FinalStep{qn("public", "finish")};
    for (const auto& after : {state, final}) {
        CHECK(labels(plan_of(with({}, {before}), with({}, {after}))) ==
              std::vector<std::string>{"drop_aggregate public.total(integer)", "create_aggregate public.total(integer)"});
        CHECK(run_diff(with({}, {before}), with({}, {after})).recreated.count(after.id()) == 1);
    }
}

TEST_CASE("an aggregate is created after its state function and dropped before it", "[plan][aggregates]") {
    auto step = function("step", {"text", "text"}, "text");
    auto agg = aggregate("joined", "text", qn("public", "step"), "text");
    Plan created = plan_of(with({}, {}), with({step}, {agg}));
    CHECK(position(created, "create_function public.step(text, text)") <
          position(created, "create_aggregate public.joined(text)"));
    Plan dropped = plan_of(with({step}, {agg}), with({}, {}), Prune::yes);
    CHECK(position(dropped, "drop_aggregate public.joined(text)") <
          position(dropped, "drop_function public.step(text, text)"));
}

TEST_CASE("a support function dropped and created again takes its aggregate along", "[plan][aggregates]") {
    auto step = function("step", {"text", "text"}, "text");
    auto retyped = step;
    retyped.arguments[0].name = "acc";  // a renamed argument cannot be replaced in place
    auto agg = aggregate("joined", "text", qn("public", "step"), "text");
    Plan plan = plan_of(with({step}, {agg}), with({retyped}, {agg}));
    CHECK(position(plan, "drop_aggregate public.joined(text)") <
          position(plan, "drop_function public.step(text, text)"));
    CHECK(position(plan, "create_function public.step(text, text)") <
          position(plan, "create_aggregate public.joined(text)"));
}

TEST_CASE("an aggregate not in the manifests is reported, and dropped only with prune", "[plan][aggregates]") {
    auto agg = aggregate("total", "integer", qn("pg_catalog", "int4pl"), "integer");
    auto kept = run_diff(with({}, {agg}), with({}, {}));
    CHECK(labels(kept).empty());
    CHECK(kept.not_in_manifests == std::vector<ObjectId>{agg.id()});
    auto pruned = run_diff(with({}, {agg}), with({}, {}), Prune::yes);
    CHECK(labels(pruned) == std::vector<std::string>{"drop_aggregate public.total(integer)"});
}
