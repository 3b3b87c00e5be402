#include <catch2/catch.hpp>

#include "builders.hpp"

using namespace test;

namespace {

std::string name(int i) {
    std::string out = "t";
    out += std::to_string(100000 + i);
    return out;
}

}  // namespace

// Matching is by sorted merge and the graph is built from lookups, so this
// stays fast at tens of thousands of tables; no timing is asserted here.
TEST_CASE("scale: 5,000 new tables chained by foreign keys", "[plan][scale]") {
    const int n = 5000;
    std::vector<Table> want_tables;
    for (int i = 0; i < n; ++i) {
        TableBuilder t = table("public", name(i));
        t.column("id", "bigint", true).column("prev_id", "bigint").pk(name(i) + "_pkey", {"id"});
        if (i > 0) t.fk(name(i) + "_prev_fk", {"prev_id"}, qn("public", name(i - 1)), {"id"});
        t.index(name(i) + "_prev_idx", {"prev_id"});
        want_tables.push_back(t);
    }
    Plan plan = make_plan(run_diff(model({}), model(want_tables)), {});
    CHECK(plan.steps.size() == static_cast<std::size_t>(n + (n - 1) + n));
    CHECK(std::holds_alternative<CreateTable>(plan.steps.front().change));
}

TEST_CASE("scale: 5,000 existing tables each gaining a column", "[plan][scale]") {
    const int n = 5000;
    std::vector<Table> have_tables, want_tables;
    for (int i = 0; i < n; ++i) {
        TableBuilder t = table("public", name(i));
        t.column("id", "bigint", true).pk(name(i) + "_pkey", {"id"});
        have_tables.push_back(t);
        t.column("note", "text");
        want_tables.push_back(t);
    }
    Plan plan = make_plan(run_diff(model(have_tables), model(want_tables)), {});
    CHECK(plan.steps.size() == static_cast<std::size_t>(n));
    CHECK_FALSE(plan.has_refused_steps());
}
