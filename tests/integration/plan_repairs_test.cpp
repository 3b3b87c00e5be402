// Plans that used to fail at apply time, rolled back, because of their
// order; each is now ordered by a named repair in engine/plan/rules/ (the
// unit cases in tests/unit/plan/plan_repairs_test.cpp pin the order).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

void apply_and_converge(const std::string& dir, const std::string& db) {
    auto applied = reconcile_on("apply", dir, db, {"--yes", "--allow-destructive"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    auto again = reconcile_on("plan", dir, db);
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);
}

}  // namespace

// one_primary_key_per_table: "multiple primary keys for table "t" are not allowed".
TEST_CASE("a primary key replaced by one on other columns under another name applies", "[apply][repair]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("pk_replaced");
    cluster.run_sql(db,
                    "CREATE TABLE t (id int CONSTRAINT t_pkey PRIMARY KEY, k int NOT NULL);"
                    "INSERT INTO t VALUES (1, 10), (2, 20)");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "t.json", R"json({"table": "t", "columns": [
        {"name": "id", "type": "int", "not_null": true}, {"name": "k", "type": "int", "not_null": true}],
      "primary_key": {"name": "t_k_pkey", "columns": ["k"]}})json");
    apply_and_converge(dir, db);
    CHECK(query_column(db,
                       "SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
                       "WHERE conrelid = 't'::regclass AND contype = 'p'") == "t_k_pkey PRIMARY KEY (k)");
    CHECK(query_column(db, "SELECT count(*) FROM t") == "2");
}

// drop_uses_before_type_change: "operator does not exist: text > integer".
TEST_CASE("a check dropped while its column changes type applies", "[apply][repair]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("check_type");
    cluster.run_sql(db,
                    "CREATE TABLE t (id int PRIMARY KEY, status int CONSTRAINT t_status_check CHECK (status > 0));"
                    "INSERT INTO t VALUES (1, 5)");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "t.json", R"json({"table": "t", "columns": [
        {"name": "id", "type": "int"}, {"name": "status", "type": "text"}],
      "primary_key": {"columns": ["id"]}})json");
    apply_and_converge(dir, db);
    CHECK(query_column(db,
                       "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                       "WHERE attrelid = 't'::regclass AND attname = 'status'") == "text");
    CHECK(query_column(db, "SELECT count(*) FROM pg_constraint WHERE conname = 't_status_check'") == "0");
    CHECK(query_column(db, "SELECT status FROM t") == "5");
}

// split_replacements_across_type_changes: the same check name with a new
// definition for the new type.
TEST_CASE("a check replaced while its column changes type applies", "[apply][repair]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("check_replaced_type");
    cluster.run_sql(db,
                    "CREATE TABLE t (id int PRIMARY KEY, status int CONSTRAINT t_status_check CHECK (status > 0));"
                    "INSERT INTO t VALUES (1, 5)");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "t.json", R"json({"table": "t", "columns": [
        {"name": "id", "type": "int"}, {"name": "status", "type": "text"}],
      "primary_key": {"columns": ["id"]},
      "checks": {"t_status_check": {"expression": "status <> ''"}}})json");
    apply_and_converge(dir, db);
    CHECK(query_column(db, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 't_status_check'") ==
          "CHECK ((status <> ''::text))");
}

// drop_uses_before_type_change, foreign keys: "foreign key constraint
// "child_pid_fkey" cannot be implemented" when the key changes type first.
TEST_CASE("a table dropped with a foreign key to a key column that changes type applies", "[apply][repair]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("fk_retyped");
    cluster.run_sql(db,
                    "CREATE TABLE parent (id int PRIMARY KEY); INSERT INTO parent VALUES (1);"
                    "CREATE TABLE child (pid int REFERENCES parent (id)); INSERT INTO child VALUES (1)");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "parent.json", R"json({"table": "parent", "columns": [{"name": "id", "type": "text"}],
      "primary_key": {"columns": ["id"]}})json");
    auto applied = reconcile_on("apply", dir, db, {"--yes", "--allow-destructive", "--prune"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    CHECK(query_column(db, "SELECT count(*) FROM pg_class WHERE relname = 'child'") == "0");
    CHECK(query_column(db, "SELECT id FROM parent") == "1");
    CHECK(reconcile_on("plan", dir, db).exit_code == 0);
}
