// How apply cuts a plan into transactions that fit the server's lock table,
// and the durations its options take. No database.
#include <catch2/catch.hpp>

#include "engine/apply/duration.hpp"
#include "engine/apply/lock_budget.hpp"

using namespace reconcile;
using namespace reconcile::engine;
using namespace std::chrono_literals;

namespace {

Step create_table(const std::string& name, int indexes = 0) {
    catalog::Table table;
    table.name = {"public", name};
    catalog::Column id;
    id.name = "id";
    id.type = "integer";
    id.default_expr = "nextval('public." + name + "_id_seq'::regclass)";
    table.columns.push_back(id);
    for (int i = 0; i < indexes; ++i) {
        catalog::Index index;
        index.name = name + "_i" + std::to_string(i);
        table.indexes.push_back(index);
    }
    Step step{CreateTable{table}, {}, Transactional::yes, std::nullopt, "create table public." + name, {}};
    return step;
}

Step add_enum_value() {
    AddEnumValue change;
    change.type = {"public", "mood"};
    change.value = "ok";
    return Step{change, {}, Transactional::no, std::nullopt, "add value", {}};
}

}  // namespace

TEST_CASE("a stock server's budget is a quarter of its lock table", "[lock_budget]") {
    LockTable stock;
    CHECK(stock.transaction_budget() == 64 * 100 / 4);
}

TEST_CASE("transactional runs are cut where the estimate passes the budget, in plan order", "[lock_budget]") {
    Plan plan;
    for (int i = 0; i < 10; ++i) plan.steps.push_back(create_table("t" + std::to_string(i)));
    plan.steps.insert(plan.steps.begin() + 5, add_enum_value());
    LockTable table;
    const std::size_t per_table = estimated_locks(plan.steps[0]);
    CHECK(per_table == 6);  // table, TOAST table and index, row type, schema, sequence

    auto groups = groups_within_budget(plan, 3 * per_table, table);
    // 5 tables | enum value alone | 5 tables; each run of 5 cut after 3.
    REQUIRE(groups.size() == 5);
    CHECK(groups[0].steps == std::vector<std::size_t>{0, 1, 2});
    CHECK(groups[1].steps == std::vector<std::size_t>{3, 4});
    CHECK(groups[2].transactional == Transactional::no);
    CHECK(groups[2].steps == std::vector<std::size_t>{5});
    CHECK(groups[3].steps == std::vector<std::size_t>{6, 7, 8});
    CHECK(groups[4].steps == std::vector<std::size_t>{9, 10});

    // A budget that holds everything leaves the plan's own groups.
    CHECK(groups_within_budget(plan, 1000, table).size() == plan.execution_groups().size());
}

TEST_CASE("a step that alone needs more than the budget is refused before anything runs", "[lock_budget]") {
    Plan plan;
    plan.steps.push_back(create_table("small"));
    plan.steps.push_back(create_table("wide", 40));
    LockTable table{4, 10, 0};  // budget 10
    CHECK_THROWS_WITH(groups_within_budget(plan, table.transaction_budget(), table),
                      Catch::Contains("step 2 (create table public.wide) needs about 46 locks") &&
                          Catch::Contains("Nothing was changed"));
}

TEST_CASE("durations as options and settings spell them", "[duration]") {
    CHECK(parse_duration("2s") == 2000ms);
    CHECK(parse_duration("500ms") == 500ms);
    CHECK(parse_duration("250") == 250ms);
    CHECK(parse_duration("30min") == 30min);
    CHECK(parse_duration("1h") == 1h);
    CHECK_FALSE(parse_duration("").has_value());
    CHECK_FALSE(parse_duration("-1s").has_value());
    CHECK_FALSE(parse_duration("2 s").has_value());
    CHECK_FALSE(parse_duration("s").has_value());
    CHECK_FALSE(parse_duration("9999999h").has_value());
    CHECK(format_duration(2000ms) == "2s");
    CHECK(format_duration(1500ms) == "1500ms");
    CHECK(format_duration(30min) == "30min");
    CHECK(format_duration(0ms) == "0ms");
}
