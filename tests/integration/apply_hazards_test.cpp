// apply's hazard gate: a plan runs only when every hazard code it carries was
// allowed by name, and DELETES_DATA also needs --allow-destructive.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

std::set<std::string> step_hazards(const nlohmann::json& step) {
    std::set<std::string> out;
    for (const auto& code : step["hazards"]) out.insert(code.get<std::string>());
    return out;
}

}  // namespace

TEST_CASE("apply refuses hazards not allowed by name and runs once they are", "[apply][hazards]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("hazard_gate");
    cluster.run_sql(db, "CREATE TABLE t (id int PRIMARY KEY, n int, old text); INSERT INTO t VALUES (1, 2, 'x')");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "t.json", R"json({"table": "t", "columns": [{"name": "id", "type": "integer", "not_null": true},
        {"name": "n", "type": "bigint"}, {"name": "old", "type": "text"}],
        "primary_key": {"name": "t_pkey", "columns": ["id"]}})json");

    auto plan = reconcile_on("plan", dir, db, {"--format", "json"});
    REQUIRE(plan.exit_code == 2);
    auto json = nlohmann::json::parse(plan.out);
    REQUIRE(json["steps"].size() == 1);
    CHECK(step_hazards(json["steps"][0]) == std::set<std::string>{"ACQUIRES_ACCESS_EXCLUSIVE_LOCK", "TABLE_REWRITE"});
    CHECK(json["hazard_reasons"].contains("TABLE_REWRITE"));

    auto refused = reconcile_on("apply", dir, db, {"--yes", "--allow-hazards", ""});
    INFO(refused.err);
    CHECK(refused.exit_code == 1);
    CHECK(has(refused.err, "TABLE_REWRITE (step 1): PostgreSQL copies the whole table"));
    CHECK(has(refused.err, "pass --allow-hazards ACQUIRES_ACCESS_EXCLUSIVE_LOCK,TABLE_REWRITE. Nothing was changed."));

    auto partly = reconcile_on("apply", dir, db, {"--yes", "--allow-hazards", "ACQUIRES_ACCESS_EXCLUSIVE_LOCK"});
    CHECK(partly.exit_code == 1);
    CHECK(has(partly.err, "pass --allow-hazards TABLE_REWRITE."));
    CHECK(query_column(db,
                       "SELECT format_type(atttypid, NULL) FROM pg_attribute WHERE attrelid = 't'::regclass "
                       "AND attname = 'n'") == "integer");

    auto unknown = reconcile_on("apply", dir, db, {"--yes", "--allow-hazards", "TABLE_REWRITE,NOPE"});
    CHECK(unknown.exit_code == 1);
    CHECK(has(unknown.err, "unknown hazard code \"NOPE\""));

    auto allowed =
        reconcile_on("apply", dir, db, {"--yes", "--allow-hazards", "TABLE_REWRITE, ACQUIRES_ACCESS_EXCLUSIVE_LOCK"});
    INFO(allowed.err);
    CHECK(allowed.exit_code == 0);
    CHECK(query_column(db,
                       "SELECT format_type(atttypid, NULL) FROM pg_attribute WHERE attrelid = 't'::regclass "
                       "AND attname = 'n'") == "bigint");
}

TEST_CASE("DELETES_DATA needs both --allow-hazards and --allow-destructive", "[apply][hazards]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("hazard_delete");
    cluster.run_sql(db, "CREATE TABLE t (id int, old text); INSERT INTO t VALUES (1, 'x')");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "t.json", R"json({"table": "t", "columns": [{"name": "id", "type": "integer"}]})json");

    auto plan = reconcile_on("plan", dir, db, {"--format", "json"});
    auto json = nlohmann::json::parse(plan.out);
    CHECK(step_hazards(json["steps"][0]) == std::set<std::string>{"DELETES_DATA", "ACQUIRES_ACCESS_EXCLUSIVE_LOCK"});

    auto codes_only = reconcile_on("apply", dir, db, {"--yes", "--allow-hazards", "all"});
    CHECK(codes_only.exit_code == 1);
    CHECK(has(codes_only.err, "--allow-destructive"));
    auto flag_only = reconcile_on(
        "apply", dir, db, {"--yes", "--allow-destructive", "--allow-hazards", "ACQUIRES_ACCESS_EXCLUSIVE_LOCK"});
    CHECK(flag_only.exit_code == 1);
    CHECK(has(flag_only.err, "pass --allow-hazards DELETES_DATA."));
    CHECK(query_column(
              db,
              "SELECT count(*) FROM pg_attribute WHERE attrelid = 't'::regclass AND attnum > 0 AND NOT attisdropped") ==
          "2");

    auto both = reconcile_on(
        "apply", dir, db,
        {"--yes", "--allow-destructive", "--allow-hazards", "DELETES_DATA,ACQUIRES_ACCESS_EXCLUSIVE_LOCK"});
    INFO(both.err);
    CHECK(both.exit_code == 0);
    CHECK(query_column(
              db,
              "SELECT count(*) FROM pg_attribute WHERE attrelid = 't'::regclass AND attnum > 0 AND NOT attisdropped") ==
          "1");
}

TEST_CASE("a table's manifest allows hazards for that table alone", "[apply][hazards][allow_hazards]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("hazard_allowance");
    cluster.run_sql(db, "CREATE TABLE events (id int, n int); CREATE TABLE orders (id int, n int)");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    // The team decided events may be rewritten at any time (it is small and
    // only written by a batch job); orders may not.
    write_manifest(dir, "events.json", R"json({"table": "events", "columns": [{"name": "id", "type": "integer"},
        {"name": "n", "type": "bigint"}], "allow_hazards": ["ACQUIRES_ACCESS_EXCLUSIVE_LOCK", "TABLE_REWRITE"]})json");
    write_manifest(dir, "orders.json", R"json({"table": "orders", "columns": [{"name": "id", "type": "integer"},
        {"name": "n", "type": "bigint"}]})json");

    auto plan = reconcile_on("plan", dir, db, {"--format", "json"});
    INFO(plan.out << plan.err);
    auto steps = nlohmann::json::parse(plan.out)["steps"];
    REQUIRE(steps.size() == 2);
    CHECK(steps[0]["allowed_by_manifest"] ==
          nlohmann::json::array({"ACQUIRES_ACCESS_EXCLUSIVE_LOCK", "TABLE_REWRITE"}));
    CHECK_FALSE(steps[1].contains("allowed_by_manifest"));
    auto text = reconcile_on("plan", dir, db);
    CHECK(has(text.out, "(allowed by its table's manifest: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, TABLE_REWRITE)"));

    // Only the orders step needs the command line's allowance.
    auto refused = reconcile_on("apply", dir, db, {"--yes", "--allow-hazards", ""});
    INFO(refused.err);
    CHECK(refused.exit_code == 1);
    CHECK(has(refused.err, "TABLE_REWRITE (step 2)"));
    CHECK_FALSE(has(refused.err, "step 1"));
    CHECK(query_column(db,
                       "SELECT count(*) FROM pg_attribute WHERE atttypid = 'bigint'::regtype "
                       "AND attrelid IN ('events'::regclass, 'orders'::regclass)") == "0");

    // Without orders' change the plan runs with no --allow-hazards at all.
    write_manifest(dir, "orders.json", R"json({"table": "orders", "columns": [{"name": "id", "type": "integer"},
        {"name": "n", "type": "integer"}]})json");
    auto applied = reconcile_on("apply", dir, db, {"--yes", "--allow-hazards", ""});
    INFO(applied.err);
    CHECK(applied.exit_code == 0);
    CHECK(query_column(db,
                       "SELECT format_type(atttypid, NULL) FROM pg_attribute "
                       "WHERE attrelid = 'events'::regclass AND attname = 'n'") == "bigint");
}

TEST_CASE("allow_hazards names known codes and never DELETES_DATA", "[apply][hazards][allow_hazards]") {
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "t.json", R"json({"table": "t", "columns": [{"name": "id", "type": "integer"}],
        "allow_hazards": ["TABLE_REWRITE", "TABLE_REWRTE", "DELETES_DATA"]})json");
    auto result = run_reconcile({"validate", "-m", dir});
    INFO(result.out << result.err);
    CHECK(result.exit_code == 1);
    CHECK(has(result.err, "t.json: /allow_hazards/1: unknown hazard code \"TABLE_REWRTE\""));
    CHECK(has(result.err, "t.json: /allow_hazards/2: DELETES_DATA cannot be allowed in a manifest"));
    CHECK_FALSE(has(result.err, "/allow_hazards/0"));
}

// Found on a real schema: a fresh database built from an export holding a
// disabled trigger needed --allow-hazards ACQUIRES_SHARE_LOCK, though the
// table it locks is created by the same plan. On an existing table the
// hazard stays.
TEST_CASE("a trigger disabled on a table the plan creates carries no lock hazard", "[apply][hazards][triggers]") {
    auto& cluster = TempCluster::shared();
    std::string source = cluster.create_database("disabled_trigger_source");
    cluster.run_sql(source, R"sql(
CREATE TABLE t (a int);
CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS 'begin return new; end';
CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tf();
ALTER TABLE t DISABLE TRIGGER tr;
)sql");
    std::string dir = export_and_check_empty_plan(source);

    std::string fresh = cluster.create_database("disabled_trigger_fresh");
    auto applied = reconcile_on("apply", dir, fresh, {"--yes"});
    INFO(applied.out << applied.err);
    CHECK(applied.exit_code == 0);
    CHECK(query_column(fresh, "SELECT tgenabled FROM pg_trigger WHERE tgname = 'tr'") == "D");

    cluster.run_sql(source, "ALTER TABLE t ENABLE TRIGGER tr");
    auto plan = reconcile_on("plan", dir, source, {"--format", "json"});
    REQUIRE(plan.exit_code == 2);
    auto json = nlohmann::json::parse(plan.out);
    REQUIRE(json["steps"].size() == 1);
    CHECK(step_hazards(json["steps"][0]) == std::set<std::string>{"ACQUIRES_SHARE_LOCK"});
}
