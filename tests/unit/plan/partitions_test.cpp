#include <catch2/catch.hpp>

#include "builders.hpp"
#include "catalog/model/partition.hpp"
#include "engine/plan/planner.hpp"

using namespace test;
using reconcile::catalog::PartitionOf;

namespace {

Table parent(std::string partitioning = "RANGE (at)") {
    Table t = table("public", "events").column("at", "date", true).column("v", "integer");
    t.partitioning = std::move(partitioning);
    return t;
}

Table partition(std::string name, std::string bound, std::string of = "events") {
    Table t = table("public", std::move(name));
    t.partition_of = PartitionOf{qn("public", std::move(of)), std::move(bound)};
    return t;
}

const std::string january = "FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')";

}  // namespace

TEST_CASE("partitions: created after the parent, dropped before it", "[plan][partitions]") {
    // Name order alone would create the partition first.
    Table early = partition("a_events_2024_01", january);
    auto created = make_plan(run_diff(model({}), model({parent(), early})), PlanOptions{AllowDestructive::no});
    CHECK(labels(created) ==
          std::vector<std::string>{"create_table public.events", "create_table public.a_events_2024_01"});
    auto dropped =
        make_plan(run_diff(model({parent(), early}), model({}), Prune::yes), PlanOptions{AllowDestructive::yes});
    CHECK(labels(dropped) ==
          std::vector<std::string>{"drop_table public.a_events_2024_01", "drop_table public.events"});
}

TEST_CASE("partitions: a new bound detaches then attaches; no partition columns are diffed", "[plan][partitions]") {
    auto have = model({parent(), partition("events_2024_01", january)});
    auto want = model({parent(), partition("events_2024_01", "FOR VALUES FROM ('2024-01-01') TO ('2024-03-01')")});
    auto plan = make_plan(run_diff(have, want), PlanOptions{AllowDestructive::no});
    CHECK(labels(plan) ==
          std::vector<std::string>{"detach_partition public.events_2024_01", "attach_partition public.events_2024_01"});
    CHECK_FALSE(plan.steps[0].refused);
    CHECK(step(plan, "attach_partition public.events_2024_01").hazards ==
          hazards({Hazard::acquires_access_exclusive_lock, Hazard::full_table_scan, Hazard::correctness}));
}

TEST_CASE("partitions: a detached partition is not destructive and keeps its columns", "[plan][partitions]") {
    auto have = model({parent(), partition("events_2024_01", january)});
    Table standalone = table("public", "events_2024_01").column("at", "date", true).column("v", "integer");
    auto diff = run_diff(have, model({parent(), standalone}));
    // The server's copies of the parent's columns stay; nothing is added.
    CHECK(labels(diff) == std::vector<std::string>{"detach_partition public.events_2024_01"});
}

TEST_CASE("partitions: attaching drops the table's own index first", "[plan][partitions]") {
    Table standalone = table("public", "events_old")
                           .column("at", "date", true)
                           .column("v", "integer")
                           .index("events_old_at_idx", {"at"});
    auto plan = make_plan(run_diff(model({parent(), standalone}), model({parent(), partition("events_old", january)})),
                          PlanOptions{AllowDestructive::no});
    CHECK(labels(plan) == std::vector<std::string>{"drop_index public.events_old.events_old_at_idx",
                                                   "attach_partition public.events_old"});
}

TEST_CASE("partitions: changing the partitioning is refused", "[plan][partitions]") {
    CHECK_THROWS_AS(run_diff(model({parent()}), model({parent("LIST (v)")})), PlanError);
    Table plain = parent();
    plain.partitioning.reset();
    CHECK_THROWS_AS(run_diff(model({plain}), model({parent()})), PlanError);
}

TEST_CASE("partitions: undeclared ones matching the parent's pattern are left alone", "[plan][partitions]") {
    Table sub = partition("events_2024_02", "FOR VALUES FROM ('2024-02-01') TO ('2024-03-01')");
    sub.partitioning = "HASH (v)";
    auto have = model({parent(), partition("events_2024_01", january), sub,
                       partition("events_2024_02_h0", "FOR VALUES WITH (modulus 1, remainder 0)", "events_2024_02"),
                       partition("events_old", "DEFAULT")});
    Table declared = parent();
    declared.partitions_left_alone = {"events_20*"};
    auto diff = run_diff(have, model({declared}), Prune::yes);
    CHECK(labels(diff) == std::vector<std::string>{"drop_table public.events_old"});
}

TEST_CASE("partitions: name patterns", "[partitions]") {
    using reconcile::catalog::matches_name_pattern;
    CHECK(matches_name_pattern("payment_p*", "payment_p2022_01"));
    CHECK(matches_name_pattern("*_p2022_*", "payment_p2022_01"));
    CHECK(matches_name_pattern("payment", "payment"));
    CHECK(matches_name_pattern("*", ""));
    CHECK_FALSE(matches_name_pattern("payment_p*", "payment"));
    CHECK_FALSE(matches_name_pattern("a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
}
