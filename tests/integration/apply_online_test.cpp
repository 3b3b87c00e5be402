// apply --online: index builds and drops on existing tables run
// CONCURRENTLY, on their own after the transactional steps; a failed build
// leaves no INVALID index behind, so re-running apply builds it.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>

#include "catalog/pg/connection.hpp"
#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

std::string invalid_indexes(const std::string& db) {
    return query_column(db, "SELECT count(*) FROM pg_index WHERE NOT indisvalid");
}

}  // namespace

TEST_CASE("--online builds and drops indexes concurrently, after the transaction", "[apply][online]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("online");
    cluster.run_sql(db,
                    "CREATE TABLE t (id int, n int); CREATE INDEX t_old_idx ON t (id); "
                    "INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "t.json", R"json({"table": "t", "columns": [{"name": "id", "type": "integer"},
        {"name": "n", "type": "integer"}, {"name": "note", "type": "text"}],
        "indexes": {"t_n_idx": {"columns": ["n"]}}})json");

    auto plan = reconcile_on("plan", dir, db, {"--online", "--format", "json"});
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    auto steps = nlohmann::json::parse(plan.out)["steps"];
    REQUIRE(steps.size() == 3);
    CHECK(steps[0]["kind"] == "add_column");
    CHECK(steps[0]["transactional"] == true);
    // The index steps come last, each on its own.
    std::set<std::string> online_sql;
    for (int i = 1; i < 3; ++i) {
        CHECK(steps[i]["transactional"] == false);
        online_sql.insert(steps[i]["sql"][0].get<std::string>());
        CHECK(steps[i]["hazards"].size() == 2);
        CHECK(steps[i]["hazards"][1] == "NOT_TRANSACTIONAL");
    }
    CHECK(online_sql == std::set<std::string>{R"(CREATE INDEX CONCURRENTLY "t_n_idx" ON "public"."t" ("n"))",
                                              R"(DROP INDEX CONCURRENTLY "public"."t_old_idx")"});

    // Without --online the same build takes a SHARE lock in the transaction.
    auto plain = reconcile_on("plan", dir, db, {"--format", "json"});
    auto plain_steps = nlohmann::json::parse(plain.out)["steps"];
    for (const auto& step : plain_steps) CHECK(step["transactional"] == true);

    auto applied = reconcile_on("apply", dir, db, {"--yes", "--online"});
    INFO(applied.out << applied.err);
    CHECK(applied.exit_code == 0);
    CHECK(query_column(db,
                       "SELECT string_agg(indexrelid::regclass::text, ',') FROM pg_index WHERE indisvalid AND "
                       "indrelid = 't'::regclass") == "t_n_idx");
}

// Found on pgschema's online pairs: DROP COLUMN in the transaction took the
// index on it along, and the DROP INDEX CONCURRENTLY moved after it failed.
TEST_CASE("--online drops an index in the transaction when its table loses a column", "[apply][online]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("online_column_index");
    cluster.run_sql(db, "CREATE TABLE t (a int, b int); CREATE INDEX t_b ON t (b)");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "t.json", R"json({"table": "t", "columns": [{"name": "a", "type": "integer"}]})json");

    auto plan = reconcile_on("plan", dir, db, {"--online", "--format", "json"});
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    for (const auto& step : nlohmann::json::parse(plan.out)["steps"]) CHECK(step["transactional"] == true);

    auto applied =
        reconcile_on("apply", dir, db, {"--yes", "--online", "--allow-destructive", "--allow-hazards", "all"});
    INFO(applied.out << applied.err);
    CHECK(applied.exit_code == 0);
    CHECK(query_column(db, "SELECT count(*) FROM pg_index WHERE indrelid = 't'::regclass") == "0");
}

TEST_CASE("--online: a failed concurrent build leaves no INVALID index; re-running apply builds it",
          "[apply][online]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("online_fail");
    // Duplicates only by lower(): an expression key has no guard, so the
    // build itself finds them, after its first phase created the index.
    cluster.run_sql(db, "CREATE TABLE u (email text); INSERT INTO u VALUES ('a@x'), ('A@x'), ('b@x')");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "u.json", R"json({"table": "u", "columns": [{"name": "email", "type": "text"}],
        "indexes": {"u_email_key": {"unique": true, "keys": [{"expression": "lower(email)"}]}}})json");

    auto failed = reconcile_on("apply", dir, db, {"--yes", "--online"});
    INFO(failed.out << failed.err);
    CHECK(failed.exit_code == 1);
    CHECK(has(failed.err, "could not create unique index"));
    CHECK(invalid_indexes(db) == "0");
    CHECK(query_column(db, "SELECT count(*) FROM pg_class WHERE relname = 'u_email_key'") == "0");

    cluster.run_sql(db, "DELETE FROM u WHERE email = 'A@x'");
    auto again = reconcile_on("apply", dir, db, {"--yes", "--online"});
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);
    CHECK(invalid_indexes(db) == "0");
    CHECK(query_column(db, "SELECT count(*) FROM pg_class WHERE relname = 'u_email_key'") == "1");
}

TEST_CASE("an INVALID index another client's failed build left is drift: plan rebuilds it", "[apply][invalid_index]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("invalid_left");
    cluster.run_sql(db, "CREATE TABLE u (email text); INSERT INTO u VALUES ('a@x'), ('A@x'), ('b@x')");
    // Someone's concurrent build fails on the duplicates and leaves the
    // index behind, INVALID: the server keeps it up to date, never uses it,
    // and enforces nothing with it.
    {
        auto conn = reconcile::catalog::Connection::open(cluster.conninfo(db));
        CHECK_THROWS(conn.execute("CREATE UNIQUE INDEX CONCURRENTLY u_email_key ON u (lower(email))"));
    }
    REQUIRE(invalid_indexes(db) == "1");
    cluster.run_sql(db, "DELETE FROM u WHERE email = 'A@x'");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "u.json", R"json({"table": "u", "columns": [{"name": "email", "type": "text"}],
        "indexes": {"u_email_key": {"unique": true, "keys": [{"expression": "lower(email)"}]}}})json");

    auto drift = reconcile_on("drift", dir, db);
    INFO(drift.out << drift.err);
    CHECK(drift.exit_code == 2);
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 2);
    CHECK(has(plan.out, "rebuild index public.u.u_email_key unique ((lower(email))): the live one is INVALID"));
    apply_and_check_converged(dir, db);
    CHECK(invalid_indexes(db) == "0");
    CHECK_THROWS(cluster.run_sql(db, "INSERT INTO u VALUES ('B@x')"));
}

namespace {

// Parents 1..100, children pointing at them, a quantity never negative.
std::string keyless_orders(TempCluster& cluster, const std::string& name) {
    std::string db = cluster.create_database(name);
    cluster.run_sql(db,
                    "CREATE TABLE parent (id int PRIMARY KEY); CREATE TABLE child (id int, parent_id int, qty int); "
                    "INSERT INTO parent SELECT g FROM generate_series(1, 100) g; "
                    "INSERT INTO child SELECT g, g % 100 + 1, g FROM generate_series(1, 1000) g");
    return db;
}

constexpr const char* keyed_orders = R"json({"table": "child", "columns": [{"name": "id", "type": "integer"},
    {"name": "parent_id", "type": "integer"}, {"name": "qty", "type": "integer"}],
    "checks": {"child_qty_check": {"expression": "qty >= 0"}},
    "foreign_keys": {"child_parent_fk": {"columns": ["parent_id"], "references": {"table": "parent",
        "columns": ["id"]}}}})json";

constexpr const char* parent_table =
    R"json({"table": "parent", "columns": [{"name": "id", "type": "integer", "not_null": true}],
    "primary_key": {"name": "parent_pkey", "columns": ["id"]}})json";

}  // namespace

TEST_CASE("--online adds checks and foreign keys NOT VALID, then validates each in a transaction of its own",
          "[apply][online]") {
    auto& cluster = TempCluster::shared();
    std::string db = keyless_orders(cluster, "online_keys");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "parent.json", parent_table);
    write_manifest(dir, "child.json", keyed_orders);

    auto plan = reconcile_on("plan", dir, db, {"--online", "--format", "json"});
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    auto steps = nlohmann::json::parse(plan.out)["steps"];
    REQUIRE(steps.size() == 4);
    std::set<std::string> adds, validations;
    for (int i = 0; i < 2; ++i) {
        // The adds read no rows: a brief lock, no scan, no guard.
        CHECK(steps[i]["kind"] == "add_constraint");
        CHECK(has(steps[i]["sql"][0].get<std::string>(), " NOT VALID"));
        CHECK(steps[i]["hazards"].size() == 1);
        CHECK_FALSE(steps[i].contains("guards"));
        adds.insert(steps[i]["hazards"][0].get<std::string>());
    }
    CHECK(adds == std::set<std::string>{"ACQUIRES_ACCESS_EXCLUSIVE_LOCK", "ACQUIRES_SHARE_LOCK"});
    for (int i = 2; i < 4; ++i) {
        CHECK(steps[i]["kind"] == "validate_constraint");
        CHECK(steps[i]["own_transaction"] == true);
        CHECK(steps[i]["hazards"] == nlohmann::json::array({"FULL_TABLE_SCAN", "CORRECTNESS"}));
        REQUIRE(steps[i]["guards"].size() == 1);
        CHECK(steps[i]["guards"][0]["count"] == 0);
        validations.insert(steps[i]["sql"][0].get<std::string>());
    }
    CHECK(validations ==
          std::set<std::string>{R"(ALTER TABLE "public"."child" VALIDATE CONSTRAINT "child_parent_fk")",
                                R"(ALTER TABLE "public"."child" VALIDATE CONSTRAINT "child_qty_check")"});

    auto applied = reconcile_on("apply", dir, db, {"--yes", "--online"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    // The adds share one transaction; each validation commits on its own.
    CHECK(has(applied.err, "committed steps 1 to 2 (1 of 3 commits"));
    CHECK(has(applied.err, "committed step 3 (2 of 3 commits"));
    CHECK(has(applied.err, "committed step 4 (3 of 3 commits"));
    CHECK(query_column(db,
                       "SELECT string_agg(conname || '=' || convalidated, ',' ORDER BY conname) FROM "
                       "pg_constraint WHERE conrelid = 'child'::regclass") ==
          "child_parent_fk=true,child_qty_check=true");
    for (const auto& args : {std::vector<std::string>{"--online"}, std::vector<std::string>{}}) {
        auto again = reconcile_on("plan", dir, db, args);
        INFO(again.out << again.err);
        CHECK(again.exit_code == 0);
    }
}

TEST_CASE("--online: orphans fail the validation's guard; a constraint left NOT VALID is validated in place",
          "[apply][online]") {
    auto& cluster = TempCluster::shared();
    std::string db = keyless_orders(cluster, "online_orphans");
    cluster.run_sql(db, "INSERT INTO child VALUES (0, 999, 1)");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "parent.json", parent_table);
    write_manifest(dir, "child.json", keyed_orders);

    auto plan = reconcile_on("plan", dir, db, {"--online", "--format", "json"});
    INFO(plan.out << plan.err);
    auto steps = nlohmann::json::parse(plan.out)["steps"];
    REQUIRE(steps.size() == 4);
    std::size_t failing = 0;
    for (const auto& step : steps) {
        if (!step.contains("guards")) continue;
        CHECK(step["kind"] == "validate_constraint");
        if (step["guards"][0]["fails"] == true) {
            ++failing;
            CHECK(step["guards"][0]["count"] == 1);
        }
    }
    CHECK(failing == 1);

    // The state a failed validation leaves (or someone's hand-made NOT VALID
    // key): the next plan validates in place, without an ACCESS EXCLUSIVE
    // drop and re-add, with or without --online.
    cluster.run_sql(db,
                    "DELETE FROM child WHERE id = 0; ALTER TABLE child ADD CONSTRAINT child_parent_fk FOREIGN KEY "
                    "(parent_id) REFERENCES parent (id) NOT VALID; ALTER TABLE child ADD CONSTRAINT child_qty_check "
                    "CHECK (qty >= 0)");
    auto repair = reconcile_on("plan", dir, db, {"--format", "json"});
    INFO(repair.out << repair.err);
    auto repair_steps = nlohmann::json::parse(repair.out)["steps"];
    REQUIRE(repair_steps.size() == 1);
    CHECK(repair_steps[0]["kind"] == "validate_constraint");
    CHECK(repair_steps[0]["hazards"] == nlohmann::json::array({"FULL_TABLE_SCAN", "CORRECTNESS"}));
    auto applied = reconcile_on("apply", dir, db, {"--yes"});
    INFO(applied.out << applied.err);
    CHECK(applied.exit_code == 0);
    CHECK(query_column(db, "SELECT convalidated FROM pg_constraint WHERE conname = 'child_parent_fk'") == "t");
}

TEST_CASE("--online sets NOT NULL through a validated check, so the ACCESS EXCLUSIVE step reads no rows",
          "[apply][online]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("online_not_null");
    cluster.run_sql(db,
                    "CREATE TABLE t (id int, \"Label\" text); "
                    "INSERT INTO t SELECT g, 'x' || g FROM generate_series(1, 1000) g");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "t.json", R"json({"table": "t", "columns": [{"name": "id", "type": "integer"},
        {"name": "Label", "type": "text", "not_null": true}]})json");

    auto plan = reconcile_on("plan", dir, db, {"--online", "--format", "json"});
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    auto steps = nlohmann::json::parse(plan.out)["steps"];
    REQUIRE(steps.size() == 4);
    CHECK(
        steps[0]["sql"][0] ==
        R"(ALTER TABLE "public"."t" ADD CONSTRAINT "reconcile_not_null_Label" CHECK ("Label" IS NOT NULL) NOT VALID)");
    CHECK(steps[1]["kind"] == "validate_constraint");
    CHECK(steps[1]["guards"][0]["count"] == 0);
    CHECK(steps[2]["kind"] == "alter_column");
    CHECK(steps[2]["hazards"] == nlohmann::json::array({"ACQUIRES_ACCESS_EXCLUSIVE_LOCK"}));
    CHECK(steps[3]["kind"] == "drop_constraint");
    for (int i = 1; i < 4; ++i) CHECK(steps[i]["own_transaction"] == true);

    auto applied = reconcile_on("apply", dir, db, {"--yes", "--online"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    CHECK(query_column(db,
                       "SELECT attnotnull FROM pg_attribute WHERE attrelid = 't'::regclass AND "
                       "attname = 'Label'") == "t");
    CHECK(query_column(db, "SELECT count(*) FROM pg_constraint WHERE conrelid = 't'::regclass AND contype = 'c'") ==
          "0");
    auto again = reconcile_on("plan", dir, db, {"--online"});
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);
}

// PostgreSQL cannot change a foreign key's ON DELETE / ON UPDATE in place
// (ALTER CONSTRAINT changes only deferrability). The least blocking way is
// one ALTER TABLE that drops the old key and adds the new one NOT VALID (no
// row read, no moment without the key for new rows), then VALIDATE in a
// transaction of its own. Dropping a key takes ACCESS EXCLUSIVE on both
// tables, and the plan says so.
TEST_CASE("--online changes a foreign key's actions: dropped and added NOT VALID in one statement, then validated",
          "[apply][online]") {
    auto& cluster = TempCluster::shared();
    std::string db = keyless_orders(cluster, "online_fk_actions");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "parent.json", parent_table);
    write_manifest(dir, "child.json", keyed_orders);
    auto keyed = reconcile_on("apply", dir, db, {"--yes"});
    INFO(keyed.out << keyed.err);
    REQUIRE(keyed.exit_code == 0);

    std::string cascading = keyed_orders;
    const std::string references = R"("columns": ["id"]})";
    cascading.replace(cascading.find(references), references.size(), R"("columns": ["id"]}, "on_delete": "cascade")");
    write_manifest(dir, "child.json", cascading);

    auto plan = reconcile_on("plan", dir, db, {"--online", "--format", "json"});
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    auto steps = nlohmann::json::parse(plan.out)["steps"];
    REQUIRE(steps.size() == 2);
    CHECK(steps[0]["kind"] == "replace_constraint");
    CHECK(steps[0]["sql"] ==
          nlohmann::json::array({R"(ALTER TABLE "public"."child" DROP CONSTRAINT "child_parent_fk", ADD CONSTRAINT )"
                                 R"("child_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."parent" ("id") )"
                                 R"(ON DELETE CASCADE NOT VALID)"}));
    // No rows read while the lock is held; the drop locks the parent too.
    CHECK(steps[0]["hazards"] == nlohmann::json::array({"ACQUIRES_ACCESS_EXCLUSIVE_LOCK"}));
    CHECK_FALSE(steps[0].contains("guards"));
    CHECK(has(steps[0]["description"].get<std::string>(), "on delete no action -> cascade"));
    CHECK(has(steps[0]["description"].get<std::string>(), "; the drop locks public.parent too"));
    CHECK(steps[1]["kind"] == "validate_constraint");
    CHECK(steps[1]["own_transaction"] == true);
    CHECK(steps[1]["hazards"] == nlohmann::json::array({"FULL_TABLE_SCAN", "CORRECTNESS"}));
    REQUIRE(steps[1]["guards"].size() == 1);
    CHECK(steps[1]["guards"][0]["count"] == 0);

    // Without --online the same change reads every row under the locks.
    auto offline = reconcile_on("plan", dir, db, {"--format", "json"});
    auto offline_steps = nlohmann::json::parse(offline.out)["steps"];
    REQUIRE(offline_steps.size() == 1);
    CHECK_FALSE(has(offline_steps[0]["sql"][0].get<std::string>(), "NOT VALID"));
    std::set<std::string> offline_hazards;
    for (const auto& hazard : offline_steps[0]["hazards"]) offline_hazards.insert(hazard.get<std::string>());
    CHECK(offline_hazards.count("FULL_TABLE_SCAN") == 1);

    auto applied = reconcile_on("apply", dir, db, {"--yes", "--online"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    CHECK(has(applied.err, "committed step 2 (2 of 2 commits"));
    CHECK(query_column(db,
                       "SELECT confdeltype::text || convalidated::text FROM pg_constraint "
                       "WHERE conname = 'child_parent_fk'") == "ctrue");
    cluster.run_sql(db, "DELETE FROM parent WHERE id = 1");
    CHECK(query_column(db, "SELECT count(*) FROM child WHERE parent_id = 1") == "0");
    CHECK(reconcile_on("plan", dir, db, {"--online"}).exit_code == 0);
}

// The community-reactions acceptance with --online: the primary key of
// post_reactions is attached to a unique index built CONCURRENTLY; the
// cascading key to posts becomes ON DELETE SET NULL by the one-statement
// swap and a separate VALIDATE, while the application keeps inserting
// reactions; none waits as long as apply's lock timeout (2 s). An insert
// may lose a deadlock: the first transaction alters posts (ACCESS
// EXCLUSIVE) before post_reactions, while an insert holds post_reactions and
// then needs posts for its key check; PostgreSQL aborts one side. Apply does
// not take its locks in the application's order (README, Limitations), so a
// failed insert is allowed only with that error.
TEST_CASE(
    "community-reactions --online: the primary key comes from a concurrent index, the foreign key is swapped "
    "NOT VALID and validated, while inserts go on",
    "[apply][online][scenario]") {
    using namespace std::chrono_literals;
    auto& cluster = TempCluster::shared();
    auto dbs = load_scenario("community-reactions");
    const std::string dir = source_dir() + "/examples/community-reactions";

    auto plan = reconcile_on("plan", dir, dbs.before, {"--online", "--format", "json"});
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    std::optional<std::size_t> swap, validation;
    auto steps = nlohmann::json::parse(plan.out)["steps"];
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (steps[i]["object"]["identity"] != "public.post_reactions.post_reactions_post_id_fkey") continue;
        if (steps[i]["kind"] == "replace_constraint") swap = i;
        if (steps[i]["kind"] == "validate_constraint") validation = i;
    }
    REQUIRE(swap);
    REQUIRE(validation);
    CHECK(*swap < *validation);
    CHECK(has(steps[*swap]["sql"][0].get<std::string>(), "ON DELETE SET NULL NOT VALID"));
    CHECK(steps[*swap]["hazards"] == nlohmann::json::array({"ACQUIRES_ACCESS_EXCLUSIVE_LOCK"}));
    CHECK(has(steps[*swap]["description"].get<std::string>(), "the drop locks public.posts too"));
    CHECK(steps[*validation]["own_transaction"] == true);
    // The primary key post_reactions never had comes from a unique index
    // built CONCURRENTLY, then attached by a brief ALTER TABLE.
    std::optional<std::size_t> key_build, key_attach;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto sql = steps[i]["sql"][0].get<std::string>();
        if (sql == R"(CREATE UNIQUE INDEX CONCURRENTLY "post_reactions_pkey" ON "public"."post_reactions" ("id"))") {
            key_build = i;
        }
        if (sql == R"(ALTER TABLE "public"."post_reactions" ADD CONSTRAINT "post_reactions_pkey" PRIMARY KEY )"
                   R"(USING INDEX "post_reactions_pkey")") {
            key_attach = i;
        }
    }
    REQUIRE(key_build);
    REQUIRE(key_attach);
    CHECK(*key_build < *key_attach);
    CHECK(steps[*key_build]["transactional"] == false);
    CHECK(steps[*key_build]["hazards"] == nlohmann::json::array({"INDEX_BUILD", "NOT_TRANSACTIONAL", "CORRECTNESS"}));
    CHECK(steps[*key_attach]["hazards"] == nlohmann::json::array({"ACQUIRES_ACCESS_EXCLUSIVE_LOCK"}));
    CHECK(steps[*key_attach]["own_transaction"] == true);
    CHECK_FALSE(steps[*key_attach].contains("guards"));

    std::atomic<bool> stop{false};
    std::atomic<int> inserted{0}, failed{0};
    std::atomic<long long> longest_ms{0};
    std::string first_error;
    std::thread application([&] {
        auto conn = reconcile::catalog::Connection::open(cluster.conninfo(dbs.before));
        while (!stop) {
            auto started = std::chrono::steady_clock::now();
            try {
                conn.execute("INSERT INTO post_reactions (post_id, user_id, reaction_type) VALUES (1, 2, 'like')");
                ++inserted;
            } catch (const std::exception& error) {
                if (failed++ == 0) first_error = error.what();
            }
            auto took =
                std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
            if (took.count() > longest_ms) longest_ms = took.count();
            std::this_thread::sleep_for(5ms);
        }
    });
    while (inserted == 0 && failed == 0) std::this_thread::sleep_for(5ms);
    auto applied = reconcile_on("apply", dir, dbs.before, {"--yes", "--online"});
    stop = true;
    application.join();
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    INFO(first_error);
    CHECK((failed == 0 || (failed == 1 && has(first_error, "deadlock detected"))));
    CHECK(longest_ms < 2000);
    CHECK(query_column(dbs.before,
                       "SELECT confdeltype::text || convalidated::text FROM pg_constraint "
                       "WHERE conname = 'post_reactions_post_id_fkey'") == "ntrue");
    CHECK(query_column(dbs.before,
                       "SELECT count(*) FROM pg_constraint WHERE conname = 'post_reactions_pkey' AND "
                       "contype = 'p'") == "1");
    CHECK(invalid_indexes(dbs.before) == "0");
    CHECK(schema_differences(read_schemas(dbs.before, {"public"}), read_schemas(dbs.after, {"public"})) == "");
    cluster.run_sql(dbs.before, "DELETE FROM posts WHERE id = 1");
    CHECK(query_column(dbs.before, "SELECT count(*) FROM post_reactions WHERE post_id = 1") == "0");
    CHECK(query_column(dbs.before, "SELECT count(*) > 1 FROM post_reactions WHERE post_id IS NULL") == "t");
    auto again = reconcile_on("plan", dir, dbs.before, {"--online"});
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);
}

namespace {

// `plan --online --format json` as (kind, sql, hazards) per step, a set.
std::set<std::string> step_shapes(const nlohmann::json& steps) {
    std::set<std::string> out;
    for (const auto& step : steps) {
        std::string hazards;
        for (const auto& hazard : step["hazards"]) hazards += " " + hazard.get<std::string>();
        out.insert(step["kind"].get<std::string>() + " | " + step["sql"][0].get<std::string>() + " |" + hazards);
    }
    return out;
}

}  // namespace

// A primary key and a unique constraint added to tables that hold rows:
// each from a unique index built CONCURRENTLY and attached by ADD CONSTRAINT
// ... USING INDEX (a brief ACCESS EXCLUSIVE lock, no row read). The key's
// column becomes NOT NULL through a validated check first, so the attach
// does not scan either, and the foreign key that needs the key is added
// after it. An INVALID index of the unique constraint's name, left by a
// killed build, is dropped CONCURRENTLY and built again.
TEST_CASE("--online builds a primary key and a unique constraint from concurrently built unique indexes",
          "[apply][online]") {
    using namespace std::chrono_literals;
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("online_keys_using_index");
    cluster.run_sql(db,
                    "CREATE TABLE account (id int, email text); CREATE TABLE visit (id int, account_id int); "
                    "INSERT INTO account SELECT g, 'u' || g FROM generate_series(1, 20000) g; "
                    "INSERT INTO visit SELECT g, g % 100 + 1 FROM generate_series(1, 1000) g; "
                    "INSERT INTO account VALUES (1, 'u1')");
    // What a build that failed (here: on a duplicate) leaves: an INVALID index.
    CHECK_THROWS(cluster.run_sql(db, "CREATE UNIQUE INDEX CONCURRENTLY account_email_key ON account (email)"));
    cluster.run_sql(db, "DELETE FROM account WHERE ctid = (SELECT max(ctid) FROM account WHERE id = 1)");
    REQUIRE(invalid_indexes(db) == "1");

    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "account.json", R"json({"table": "account", "columns": [{"name": "id", "type": "integer"},
        {"name": "email", "type": "text"}], "primary_key": {"columns": ["id"]},
        "unique": {"account_email_key": {"columns": ["email"], "deferrable": true}}})json");
    write_manifest(dir, "visit.json", R"json({"table": "visit", "columns": [{"name": "id", "type": "integer"},
        {"name": "account_id", "type": "integer"}], "foreign_keys": {"visit_account_fk": {"columns": ["account_id"],
        "references": {"table": "account", "columns": ["id"]}}}})json");

    auto plan = reconcile_on("plan", dir, db, {"--online", "--format", "json"});
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    auto steps = nlohmann::json::parse(plan.out)["steps"];
    CHECK(
        step_shapes(steps) ==
        std::set<std::string>{
            R"(add_constraint | ALTER TABLE "public"."account" ADD CONSTRAINT "reconcile_not_null_id" CHECK ("id" IS NOT NULL) NOT VALID | ACQUIRES_ACCESS_EXCLUSIVE_LOCK)",
            R"(validate_constraint | ALTER TABLE "public"."account" VALIDATE CONSTRAINT "reconcile_not_null_id" | FULL_TABLE_SCAN CORRECTNESS)",
            R"(alter_column | ALTER TABLE "public"."account" ALTER COLUMN "id" SET NOT NULL | ACQUIRES_ACCESS_EXCLUSIVE_LOCK)",
            R"(drop_constraint | ALTER TABLE "public"."account" DROP CONSTRAINT "reconcile_not_null_id" | ACQUIRES_ACCESS_EXCLUSIVE_LOCK)",
            R"(drop_index | DROP INDEX CONCURRENTLY "public"."account_email_key" | INDEX_DROPPED NOT_TRANSACTIONAL)",
            R"(create_index | CREATE UNIQUE INDEX CONCURRENTLY "account_email_key" ON "public"."account" ("email") | INDEX_BUILD NOT_TRANSACTIONAL CORRECTNESS)",
            R"(add_constraint | ALTER TABLE "public"."account" ADD CONSTRAINT "account_email_key" UNIQUE USING INDEX "account_email_key" DEFERRABLE | ACQUIRES_ACCESS_EXCLUSIVE_LOCK)",
            R"(create_index | CREATE UNIQUE INDEX CONCURRENTLY "account_pkey" ON "public"."account" ("id") | INDEX_BUILD NOT_TRANSACTIONAL CORRECTNESS)",
            R"(add_constraint | ALTER TABLE "public"."account" ADD CONSTRAINT "account_pkey" PRIMARY KEY USING INDEX "account_pkey" | ACQUIRES_ACCESS_EXCLUSIVE_LOCK)",
            R"(add_constraint | ALTER TABLE "public"."visit" ADD CONSTRAINT "visit_account_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account" ("id") NOT VALID | ACQUIRES_SHARE_LOCK)",
            R"(validate_constraint | ALTER TABLE "public"."visit" VALIDATE CONSTRAINT "visit_account_fk" | FULL_TABLE_SCAN CORRECTNESS)",
        });
    // Order: NOT NULL before the key, each index dropped before it is built
    // and built before it is attached, the foreign key after the key.
    auto position = [&](const std::string& sql_start) {
        for (std::size_t i = 0; i < steps.size(); ++i) {
            if (steps[i]["sql"][0].get<std::string>().rfind(sql_start, 0) == 0) return i;
        }
        FAIL("no step " << sql_start);
        return steps.size();
    };
    const auto set_not_null = position(R"(ALTER TABLE "public"."account" ALTER COLUMN "id" SET NOT NULL)");
    const auto drop_left = position(R"(DROP INDEX CONCURRENTLY "public"."account_email_key")");
    const auto build_unique = position(R"(CREATE UNIQUE INDEX CONCURRENTLY "account_email_key")");
    const auto attach_unique = position(R"(ALTER TABLE "public"."account" ADD CONSTRAINT "account_email_key")");
    const auto build_key = position(R"(CREATE UNIQUE INDEX CONCURRENTLY "account_pkey")");
    const auto attach_key = position(R"(ALTER TABLE "public"."account" ADD CONSTRAINT "account_pkey")");
    const auto foreign_key = position(R"(ALTER TABLE "public"."visit" ADD CONSTRAINT)");
    CHECK(set_not_null < build_key);
    CHECK(drop_left < build_unique);
    CHECK(build_unique < attach_unique);
    CHECK(build_key < attach_key);
    CHECK(attach_key < foreign_key);
    CHECK(steps[attach_key]["own_transaction"] == true);
    CHECK_FALSE(steps[attach_key].contains("guards"));
    REQUIRE(steps[build_key]["guards"].size() == 1);
    CHECK(steps[build_key]["guards"][0]["count"] == 0);

    // Without --online the keys are added in the transaction, reading every
    // row under ACCESS EXCLUSIVE.
    auto offline = reconcile_on("plan", dir, db, {"--format", "json"});
    for (const auto& step : nlohmann::json::parse(offline.out)["steps"]) {
        CHECK_FALSE(has(step["sql"][0].get<std::string>(), "USING INDEX"));
    }

    // A reader and a writer of account while apply runs: none waits for long.
    std::atomic<bool> stop{false};
    std::atomic<int> done{0}, failed{0};
    std::atomic<long long> longest_ms{0};
    std::thread application([&] {
        auto conn = reconcile::catalog::Connection::open(cluster.conninfo(db));
        for (int n = 0; !stop; ++n) {
            auto started = std::chrono::steady_clock::now();
            try {
                conn.query("SELECT count(*) FROM account WHERE id < 100");
                conn.execute("UPDATE account SET email = email WHERE id = " + std::to_string(n % 1000 + 2));
                ++done;
            } catch (const std::exception&) {
                ++failed;
            }
            auto took =
                std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
            if (took.count() > longest_ms) longest_ms = took.count();
            std::this_thread::sleep_for(5ms);
        }
    });
    while (done == 0 && failed == 0) std::this_thread::sleep_for(5ms);
    auto applied = reconcile_on("apply", dir, db, {"--yes", "--online"});
    stop = true;
    application.join();
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    CHECK(failed == 0);
    CHECK(longest_ms < 2000);
    CHECK(query_column(db,
                       "SELECT string_agg(conname || ':' || contype::text || ':' || condeferrable || ':' || "
                       "convalidated, ',' ORDER BY conname) FROM pg_constraint WHERE contype <> 'n' AND "
                       "conrelid IN ('account'::regclass, 'visit'::regclass)") ==
          "account_email_key:u:true:true,account_pkey:p:false:true,visit_account_fk:f:false:true");
    CHECK(invalid_indexes(db) == "0");
    for (const auto& args : {std::vector<std::string>{"--online"}, std::vector<std::string>{}}) {
        auto again = reconcile_on("plan", dir, db, args);
        INFO(again.out << again.err);
        CHECK(again.exit_code == 0);
    }
}
