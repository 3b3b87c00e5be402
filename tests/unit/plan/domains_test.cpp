#include <catch2/catch.hpp>

#include "builders.hpp"
#include "engine/plan/planner.hpp"

using namespace test;
using reconcile::catalog::Domain;

namespace {

Model with_domains(Model m, std::vector<Domain> domains) {
    m.domains = std::move(domains);
    m.normalize();
    return m;
}

Domain domain(std::string name, std::string base) {
    Domain d;
    d.name = qn("public", std::move(name));
    d.base_type = std::move(base);
    return d;
}

}  // namespace

TEST_CASE("domains: after the enum they are based on, before the columns of their type", "[plan][domains]") {
    // Names chosen so that name order alone would get it wrong.
    Model want = with_domains(
        model({table("public", "a_table").column("r", "public.a_rating")}, {enum_type("public", "z_mood", {"x"})}),
        {domain("a_rating", "public.z_mood")});
    auto plan = make_plan(run_diff(model({}), want), PlanOptions{AllowDestructive::no});
    CHECK(labels(plan) == std::vector<std::string>{
                              "create_enum public.z_mood",
                              "create_domain public.a_rating",
                              "create_table public.a_table",
                          });
}

TEST_CASE("domains: a changed check is dropped then added; base type changes are refused", "[plan][domains]") {
    auto have = domain("posint", "integer");
    have.checks = {{"c", "(VALUE > 0)"}};
    auto want = have;
    want.checks = {{"c", "(VALUE > 1)"}};
    want.not_null = true;
    auto plan = make_plan(run_diff(with_domains(model({}), {have}), with_domains(model({}), {want})),
                          PlanOptions{AllowDestructive::no});
    CHECK(labels(plan) == std::vector<std::string>{
                              "alter_domain public.posint",
                              "drop_domain_check public.posint.c",
                              "add_domain_check public.posint.c",
                          });
    want.base_type = "bigint";
    CHECK_THROWS_AS(run_diff(with_domains(model({}), {have}), with_domains(model({}), {want})), PlanError);
}
