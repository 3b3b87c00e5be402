#include <catch2/catch.hpp>

#include "builders.hpp"

using namespace test;
using reconcile::catalog::Extension;

namespace {

Model with_extensions(Model m, std::vector<Extension> extensions) {
    m.extensions = std::move(extensions);
    m.normalize();
    return m;
}

}  // namespace

TEST_CASE("extensions: created before every other change but schemas, dropped after them", "[plan][extensions]") {
    Model have = with_extensions(model({table("public", "old").column("t", "public.citext")}, {}, {"public"}),
                                 {Extension{"citext", "public", "1.6", std::nullopt}});
    Model want = with_extensions(model({table("app", "docs")
                                            .column("id", "integer", true)
                                            .column("title", "text")
                                            .index("docs_title_trgm", {"title"})},
                                       {enum_type("app", "kind", {"a"})}, {"app", "public"}),
                                 {Extension{"pg_trgm", "app", std::nullopt, std::nullopt}});
    auto plan = make_plan(run_diff(have, want, Prune::yes), PlanOptions{AllowDestructive::yes});
    CHECK(labels(plan) == std::vector<std::string>{
                              "create_schema app",
                              "create_extension pg_trgm",
                              "create_enum app.kind",
                              "create_table app.docs",
                              "create_index app.docs.docs_title_trgm",
                              "drop_table public.old",
                              "drop_extension citext",
                          });
}

TEST_CASE("extensions: a version or comment left out accepts what is installed", "[plan][extensions]") {
    Model have = with_extensions(model({}), {Extension{"pg_trgm", "public", "1.6", "mine"}});
    Model want = with_extensions(model({}), {Extension{"pg_trgm", "public", std::nullopt, std::nullopt}});
    CHECK(run_diff(have, want).changes.empty());

    want.extensions[0].version = "1.7";
    want.extensions[0].comment = "trigrams";
    auto diff = run_diff(have, want);
    CHECK(labels(diff) == std::vector<std::string>{"alter_extension pg_trgm", "set_comment pg_trgm"});
}

TEST_CASE("extensions: not in the manifests is reported, dropped only with prune, refused", "[plan][extensions]") {
    Model have = with_extensions(model({}), {Extension{"hstore", "public", "1.8", std::nullopt}});
    Model want = model({});
    auto kept = run_diff(have, want);
    CHECK(kept.changes.empty());
    REQUIRE(kept.not_in_manifests.size() == 1);
    CHECK(display(kept.not_in_manifests[0]) == "hstore");

    auto plan = make_plan(run_diff(have, want, Prune::yes), PlanOptions{AllowDestructive::no});
    REQUIRE(plan.steps.size() == 1);
    CHECK(plan.steps[0].refused);
}
