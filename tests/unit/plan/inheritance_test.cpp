#include <catch2/catch.hpp>

#include "builders.hpp"
#include "engine/plan/planner.hpp"

using namespace test;

namespace {

Table parent() {
    return table("public", "measurement").column("id", "integer", true).column("taken", "date", true);
}

Table child(std::vector<QualifiedName> parents) {
    Table t = table("public", "a_measurement_2020").check("taken_2020", "(taken >= '2020-01-01'::date)");
    t.inherits = std::move(parents);
    return t;
}

}  // namespace

TEST_CASE("inheritance: a child is created after its parent and dropped before it", "[plan][inheritance]") {
    auto created = make_plan(run_diff(model({}), model({parent(), child({qn("public", "measurement")})})),
                             PlanOptions{AllowDestructive::no});
    CHECK(labels(created) ==
          std::vector<std::string>{"create_table public.measurement", "create_table public.a_measurement_2020"});
    auto dropped = make_plan(run_diff(model({parent(), child({qn("public", "measurement")})}), model({}), Prune::yes),
                             PlanOptions{AllowDestructive::yes});
    CHECK(labels(dropped) ==
          std::vector<std::string>{"drop_table public.a_measurement_2020", "drop_table public.measurement"});
}

TEST_CASE("inheritance: INHERIT keeps the columns the parent brings; NO INHERIT adds none", "[plan][inheritance]") {
    // A standalone table with the parent's columns becomes its child.
    Table standalone = child({});
    standalone.columns = Table(parent()).columns;
    auto diff = run_diff(model({parent(), standalone}), model({parent(), child({qn("public", "measurement")})}));
    CHECK(labels(diff) == std::vector<std::string>{"inherit public.a_measurement_2020"});

    // And back: its columns stay, now its own.
    diff = run_diff(model({parent(), child({qn("public", "measurement")})}), model({parent(), standalone}));
    CHECK(labels(diff) == std::vector<std::string>{"no_inherit public.a_measurement_2020"});
}
