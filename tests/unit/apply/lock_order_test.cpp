// Which tables one apply transaction locks before its first step, and in
// what order. No database: the server's own foreign keys are the
// integration test's part (apply_locks_test.cpp).
#include <catch2/catch.hpp>

#include "engine/apply/lock_order.hpp"

using namespace reconcile;
using namespace reconcile::engine;

namespace {

Step step(Change change, std::vector<Hazard> hazards) {
    Step out;
    out.change = std::move(change);
    out.hazards = std::move(hazards);
    return out;
}

Step widen(const std::string& table) {
    AlterColumn change;
    change.table = {"public", table};
    change.from.name = change.to.name = "score";
    change.from.type = "integer";
    change.to.type = "bigint";
    return step(change, {Hazard::acquires_access_exclusive_lock, Hazard::table_rewrite});
}

Step add_foreign_key(const std::string& table, const std::string& referenced) {
    AddConstraint change;
    change.table = {"public", table};
    change.constraint.name = table + "_fk";
    change.constraint.kind = catalog::ConstraintKind::foreign_key;
    change.constraint.references = catalog::ForeignKey{};
    change.constraint.references->table = {"public", referenced};
    return step(change, {Hazard::acquires_share_lock, Hazard::full_table_scan});
}

Step comment_on(const std::string& table) {
    SetComment change;
    change.target = catalog::table_id({"public", table});
    change.comment = "x";
    return step(change, {});
}

std::vector<std::string> names(const std::vector<TableLock>& locks) {
    std::vector<std::string> out;
    for (const auto& lock : locks) out.push_back(lock.table.name);
    return out;
}

}  // namespace

TEST_CASE("a transaction locks each strongly locked table once, in its strongest mode", "[lock_order]") {
    Plan plan;
    plan.steps = {add_foreign_key("reactions", "posts"), widen("posts"), comment_on("tags"), widen("reactions")};
    auto locks = tables_to_lock(plan, {Transactional::yes, {0, 1, 2, 3}});
    REQUIRE(names(locks) == std::vector<std::string>{"reactions", "posts"});
    // reactions: SHARE ROW EXCLUSIVE for the key, then ACCESS EXCLUSIVE for
    // the type change; posts: referenced by the key, then rewritten.
    CHECK(locks[0].mode == TableLockMode::access_exclusive);
    CHECK(locks[0].step == 0);
    CHECK(locks[1].mode == TableLockMode::access_exclusive);
    CHECK(locks[1].step == 0);

    // A comment takes no lock worth ordering.
    CHECK(tables_to_lock(plan, {Transactional::yes, {2, 2}}).empty());
    // One step, or a step outside a transaction, takes its locks itself.
    CHECK(tables_to_lock(plan, {Transactional::yes, {1}}).empty());
    CHECK(tables_to_lock(plan, {Transactional::no, {1}}).empty());

    auto only_key = tables_to_lock(plan, {Transactional::yes, {0, 2}});
    REQUIRE(names(only_key) == std::vector<std::string>{"reactions", "posts"});
    CHECK(only_key[1].mode == TableLockMode::share_row_exclusive);

    // Dropping a key removes its triggers from the referenced table: ACCESS
    // EXCLUSIVE there too.
    DropConstraint drop;
    drop.table = {"public", "reactions"};
    drop.constraint = std::get<AddConstraint>(plan.steps[0].change).constraint;
    plan.steps.push_back(step(drop, {Hazard::acquires_access_exclusive_lock}));
    auto dropped = tables_to_lock(plan, {Transactional::yes, {2, 4}});
    REQUIRE(names(dropped) == std::vector<std::string>{"reactions", "posts"});
    CHECK(dropped[1].mode == TableLockMode::access_exclusive);

    auto references = planned_references(plan, {Transactional::yes, {0, 1, 2, 3}});
    REQUIRE(references.size() == 1);
    CHECK(references[0].from.name == "reactions");
    CHECK(references[0].to.name == "posts");
}

TEST_CASE("referencing tables are locked before the tables they reference", "[lock_order]") {
    auto lock = [](const std::string& name) { return TableLock{{"public", name}, TableLockMode::access_exclusive, 0}; };
    auto ref = [](const std::string& from, const std::string& to) {
        return TableReference{{"public", from}, {"public", to}};
    };
    std::vector<TableLock> plan_order{lock("accounts"), lock("posts"), lock("reactions"), lock("tags")};

    // reactions -> posts -> accounts; tags is free and keeps its place
    // among what is ready.
    auto ordered = referencing_first(plan_order, {ref("posts", "accounts"), ref("reactions", "posts")});
    CHECK(names(ordered) == std::vector<std::string>{"reactions", "posts", "accounts", "tags"});

    // No keys: plan order.
    CHECK(names(referencing_first(plan_order, {})) == std::vector<std::string>{"accounts", "posts", "reactions", "tags"});

    // A cycle (and a self-reference) cannot be ordered; it is broken at its
    // earliest member, and every lock is still taken once.
    auto cycle = referencing_first(plan_order, {ref("accounts", "posts"), ref("posts", "accounts"),
                                                ref("tags", "tags"), ref("missing", "accounts")});
    CHECK(names(cycle) == std::vector<std::string>{"reactions", "tags", "accounts", "posts"});
}

TEST_CASE("lock statements quote the table and never recurse into children", "[lock_order]") {
    CHECK(lock_statement({{"app", "Order \"x\""}, TableLockMode::access_exclusive, 0}) ==
          "LOCK TABLE ONLY \"app\".\"Order \"\"x\"\"\" IN ACCESS EXCLUSIVE MODE");
    CHECK(lock_statement({{"public", "posts"}, TableLockMode::share_row_exclusive, 0}) ==
          "LOCK TABLE ONLY \"public\".\"posts\" IN SHARE ROW EXCLUSIVE MODE");
}
