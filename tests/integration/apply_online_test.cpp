// apply --online: index builds and drops on existing tables run
// CONCURRENTLY, on their own after the transactional steps; a failed build
// leaves no INVALID index behind, so re-running apply builds it.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/integration/scenario_support.hpp"
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
