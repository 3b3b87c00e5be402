// End-to-end behaviour of plan/apply/drift against a real PostgreSQL: natural
// spellings converge, destructive steps are refused, failures roll back,
// hostile names round-trip, secrets stay out of messages.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "catalog/pg/connection.hpp"
#include "engine/apply/executor.hpp"
#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile;
using namespace reconcile::testing;

namespace {

void require_converged(const std::string& dir, const std::string& db) {
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 0);
}

}  // namespace

TEST_CASE("natural spellings converge: a second plan is empty", "[apply]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("spellings");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", R"json({"schemas": {
        "public": {"comment": "standard public schema", "enums": {"mood": {"values": ["sad", "ok"]}}},
        "app": {"comment": "application tables"}}})json");
    write_manifest(dir, "app/jobs.json", R"json({
      "schema": "app", "table": "jobs", "comment": "jobs to run",
      "columns": [
        {"name": "id", "type": "bigint", "identity": {"generated": "always", "start": 100, "cache": 5}},
        {"name": "uid", "type": "uuid", "not_null": true, "default": "gen_random_uuid()"},
        {"name": "phone", "type": "varchar(20)", "not_null": true},
        {"name": "status", "type": "varchar(20)", "default": "'NEW'", "comment": "lifecycle"},
        {"name": "attempts", "type": "int", "not_null": true, "default": "0"},
        {"name": "price", "type": "numeric(10,2)"},
        {"name": "qty", "type": "int4"},
        {"name": "total", "type": "numeric", "generated": "price * qty"},
        {"name": "created", "type": "timestamptz", "default": "now()"},
        {"name": "seen", "type": "TIMESTAMP(3)", "default": "CURRENT_TIMESTAMP"},
        {"name": "payload", "type": "jsonb", "not_null": true, "default": "'{}'::jsonb"},
        {"name": "tags", "type": "text[]"},
        {"name": "code", "type": "text", "collation": "C"},
        {"name": "mood", "type": "mood"},
        {"name": "moods", "type": "mood[]"}
      ],
      "primary_key": {"columns": ["id"]},
      "unique": {"jobs_uid_key": {"columns": ["uid"]}},
      "checks": {"jobs_status_check": {"expression": "status IN ('NEW', 'DONE')"}},
      "indexes": {
        "jobs_phone_idx": {"columns": ["phone"], "where": "status <> 'DONE'"},
        "jobs_lower_phone_idx": {"keys": [{"expression": "lower(phone)"}, {"column": "created", "order": "desc"}],
                                 "include": ["status"]},
        "jobs_payload_idx": {"method": "gin", "keys": [{"column": "payload", "opclass": "jsonb_path_ops"}]},
        "jobs_code_idx": {"method": "hash", "columns": ["code"], "comment": "lookups by code"}
      }
    })json");
    write_manifest(dir, "app/runs.json", R"json({
      "schema": "app", "table": "runs",
      "columns": [
        {"name": "id", "type": "serial"},
        {"name": "job_id", "type": "bigint"},
        {"name": "job_uid", "type": "uuid"}
      ],
      "primary_key": {"columns": ["id"]},
      "foreign_keys": {
        "runs_job_fkey": {"columns": ["job_id"], "references": {"table": "jobs", "columns": ["id"]},
                          "on_delete": "set null", "on_update": "cascade", "deferrable": true, "initially_deferred": true},
        "runs_job_uid_fkey": {"columns": ["job_uid"], "references": {"table": "jobs", "columns": ["uid"]},
                              "match": "full"}
      }
    })json");

    auto applied = reconcile_on("apply", dir, db, {"--yes"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    require_converged(dir, db);

    // Second version: changes of every supported kind, on a table with rows.
    cluster.run_sql(db, "INSERT INTO app.jobs (phone, price, qty) VALUES ('555', 2.50, 4)");
    write_manifest(dir, "app/jobs.json", R"json({
      "schema": "app", "table": "jobs",
      "columns": [
        {"name": "id", "type": "bigint", "identity": {"generated": "by_default", "start": 100, "cache": 5}},
        {"name": "uid", "type": "uuid", "not_null": true, "default": "gen_random_uuid()"},
        {"name": "phone", "type": "varchar(40)", "not_null": true},
        {"name": "status", "type": "varchar(20)", "not_null": true, "default": "'NEW'"},
        {"name": "attempts", "type": "bigint", "not_null": true, "default": "1"},
        {"name": "price", "type": "numeric(10,2)"},
        {"name": "qty", "type": "int4"},
        {"name": "total", "type": "numeric", "generated": "price * qty"},
        {"name": "created", "type": "timestamptz"},
        {"name": "seen", "type": "TIMESTAMP(3)", "default": "CURRENT_TIMESTAMP"},
        {"name": "payload", "type": "jsonb", "not_null": true, "default": "'{}'::jsonb"},
        {"name": "tags", "type": "text[]"},
        {"name": "code", "type": "text", "collation": "C"},
        {"name": "mood", "type": "mood"},
        {"name": "moods", "type": "mood[]"},
        {"name": "note", "type": "text", "default": "'none'"}
      ],
      "primary_key": {"columns": ["id"]},
      "unique": {"jobs_uid_key": {"columns": ["uid"]}},
      "checks": {"jobs_status_check": {"expression": "status IN ('NEW', 'DONE', 'FAILED')"}},
      "indexes": {
        "jobs_phone_idx": {"columns": ["phone", "status"]},
        "jobs_payload_idx": {"method": "gin", "keys": [{"column": "payload", "opclass": "jsonb_path_ops"}]},
        "jobs_code_idx": {"method": "hash", "columns": ["code"], "comment": "lookups by code, hashed"}
      }
    })json");
    write_manifest(dir, "schemas.json", R"json({"schemas": {
        "public": {"comment": "standard public schema", "enums": {"mood": {"values": ["angry", "sad", "meh", "ok", "great"]}}},
        "app": {}}})json");
    write_manifest(dir, "app/runs.json", R"json({
      "schema": "app", "table": "runs",
      "columns": [
        {"name": "id", "type": "serial"},
        {"name": "job_id", "type": "bigint"},
        {"name": "job_uid", "type": "uuid"}
      ],
      "primary_key": {"columns": ["id"]},
      "foreign_keys": {
        "runs_job_fkey": {"columns": ["job_id"], "references": {"table": "jobs", "columns": ["id"]},
                          "on_delete": "cascade"},
        "runs_job_uid_fkey": {"columns": ["job_uid"], "references": {"table": "jobs", "columns": ["uid"]},
                              "match": "full"}
      }
    })json");
    auto second = reconcile_on("apply", dir, db, {"--yes"});
    INFO(second.out << second.err);
    REQUIRE(second.exit_code == 0);
    require_converged(dir, db);
    CHECK(query_column(db, "SELECT phone || ' ' || attempts || ' ' || total || ' ' || note FROM app.jobs") ==
          "555 0 10.00 none");
    CHECK(query_column(db, "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum") ==
          "angry,sad,meh,ok,great");
}

TEST_CASE("hostile identifiers and literals round-trip exactly", "[apply][quoting]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("quoting");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", R"json({"schemas": {"public": {"comment": "standard public schema"},
        "Mixed Schema": {"comment": "it's \\ here", "enums": {"Stat\"us": {"values": ["o'k", "x\"y", "名前"]}}}}})json");
    write_manifest(dir, "t.json", R"json({"schema": "Mixed Schema", "table": "x'; DROP TABLE t; --",
      "comment": "it's a \"table\"",
      "columns": [
        {"name": "a\"b", "type": "text", "default": "'it''s'"},
        {"name": "名前", "type": "Stat\"us"},
        {"name": "Conversation", "type": "integer", "not_null": true}
      ],
      "primary_key": {"name": "pk \"quoted\"", "columns": ["Conversation"]},
      "indexes": {"idx '; --": {"columns": ["名前", "a\"b"]}}})json");
    auto applied = reconcile_on("apply", dir, db, {"--yes"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    require_converged(dir, db);
    CHECK(query_column(db, R"json(SELECT count(*) FROM "Mixed Schema"."x'; DROP TABLE t; --")json") == "0");

    std::string exported = make_temp_dir("export");
    auto out = run_reconcile({"export", "-d", cluster.conninfo(db), "-o", exported});
    REQUIRE(out.exit_code == 0);
    require_converged(exported, db);
}

// Names and values with control characters: the SQL a reviewer sees spells
// them with escapes (no raw ESC reaches a terminal), and what it does is
// exactly what the manifest says.
TEST_CASE("control characters in names and comments: escaped in SQL, applied exactly", "[apply][quoting]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("controls");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "t.json", R"json({"table": "t\u001b[31mred", "comment": "bell\u0007 and\nnewline",
      "columns": [{"name": "c\u009bx", "type": "text", "default": "'tab\there'"}]})json");
    auto sql = reconcile_on("plan", dir, db, {"--format", "sql"});
    INFO(sql.out << sql.err);
    CHECK(sql.exit_code == 2);
    CHECK(sql.out.find('\x1b') == std::string::npos);
    CHECK(sql.out.find("\x07") == std::string::npos);
    CHECK(sql.out.find("\xc2\x9b") == std::string::npos);
    CHECK(sql.out.find(R"(U&"t\001B[31mred")") != std::string::npos);

    auto applied = reconcile_on("apply", dir, db, {"--yes"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    require_converged(dir, db);
    CHECK(query_column(db,
                       "SELECT obj_description(oid) = E'bell\\x07 and\\nnewline' FROM pg_class WHERE relname = "
                       "E't\\x1b[31mred'") == "t");
    CHECK(query_column(db, "SELECT count(*) FROM pg_attribute WHERE attname = E'c\\u009bx'") == "1");
}

TEST_CASE("destructive steps are refused unless allowed; extras are pruned only on request", "[apply]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("destructive");
    cluster.run_sql(db,
                    "CREATE TABLE keep (id int PRIMARY KEY, old text); INSERT INTO keep VALUES (1, 'x');"
                    "CREATE TABLE extra (id int)");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "keep.json", R"json({"table": "keep", "columns": [{"name": "id", "type": "int"}],
                               "primary_key": {"columns": ["id"]}})json");

    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 2);
    CHECK(plan.out.find("REFUSED") != std::string::npos);
    CHECK(plan.out.find("table public.extra") != std::string::npos);

    auto refused = reconcile_on("apply", dir, db, {"--yes"});
    CHECK(refused.exit_code == 1);
    CHECK(query_column(db, "SELECT old FROM keep") == "x");

    auto drift = reconcile_on("drift", dir, db, {"--format", "json"});
    CHECK(drift.exit_code == 2);
    CHECK(drift.out.find("\"drift\": true") != std::string::npos);

    auto allowed = reconcile_on("apply", dir, db, {"--yes", "--allow-destructive"});
    INFO(allowed.out << allowed.err);
    REQUIRE(allowed.exit_code == 0);
    CHECK(query_column(db, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'keep'::regclass AND attname = 'old'") ==
          "0");
    CHECK(query_column(db, "SELECT count(*) FROM pg_class WHERE relname = 'extra'") == "1");

    auto pruned = reconcile_on("apply", dir, db, {"--yes", "--allow-destructive", "--prune"});
    INFO(pruned.out << pruned.err);
    REQUIRE(pruned.exit_code == 0);
    CHECK(query_column(db, "SELECT count(*) FROM pg_class WHERE relname = 'extra'") == "0");
    CHECK(reconcile_on("drift", dir, db).exit_code == 0);
}

TEST_CASE("a failing step rolls everything back and names the step", "[apply]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("rollback");
    // Duplicates only by lower(): a unique index on an expression has no
    // guard (guards_test.cpp), so the step itself fails.
    cluster.run_sql(db, "CREATE TABLE t (id int PRIMARY KEY, email text); INSERT INTO t VALUES (1, 'a'), (2, 'A')");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "t.json", R"json({"table": "t", "columns": [
        {"name": "id", "type": "int"}, {"name": "email", "type": "text"}, {"name": "added", "type": "text"}],
      "primary_key": {"columns": ["id"]},
      "indexes": {"t_email_key": {"unique": true, "keys": [{"expression": "lower(email)"}]}}})json");
    auto applied = reconcile_on("apply", dir, db, {"--yes"});
    INFO(applied.out << applied.err);
    CHECK(applied.exit_code == 1);
    CHECK(applied.err.find("t_email_key") != std::string::npos);
    CHECK(applied.err.find("rolled back") != std::string::npos);
    CHECK(query_column(db, "SELECT count(*) FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'added'") ==
          "0");
}

TEST_CASE("bad input: invalid manifests, no terminal, bad connection", "[apply][errors]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("badinput");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "jobs.json", R"json({"table": "jobs", "columns": [{"name": "id", "type": "intger"}]})json");

    auto invalid = reconcile_on("apply", dir, db, {"--yes"});
    CHECK(invalid.exit_code == 1);
    CHECK(invalid.err.find("jobs.json: /columns/0/type: unknown type \"intger\" (did you mean \"integer\"?)") !=
          std::string::npos);
    CHECK(query_column(db, "SELECT count(*) FROM pg_class WHERE relname = 'jobs'") == "0");
    // The database is read while the manifests load; their problems still
    // come first, as if they had been read first.
    auto invalid_and_unreachable = run_reconcile({"plan", "-m", dir, "-d", "postgresql://nobody@127.0.0.1:1/nodb"});
    CHECK(invalid_and_unreachable.exit_code == 1);
    CHECK(invalid_and_unreachable.err.find("unknown type \"intger\"") != std::string::npos);
    CHECK(invalid_and_unreachable.err.find("cannot connect") == std::string::npos);

    write_manifest(dir, "jobs.json", R"json({"table": "jobs", "columns": [{"name": "id", "type": "integer"}]})json");
    auto no_tty = reconcile_on("apply", dir, db);
    CHECK(no_tty.exit_code == 1);
    CHECK(no_tty.err.find("--yes") != std::string::npos);
    CHECK(query_column(db, "SELECT count(*) FROM pg_class WHERE relname = 'jobs'") == "0");

    auto server_rejects = [&] {
        write_manifest(
            dir, "jobs.json",
            R"json({"table": "jobs", "columns": [{"name": "id", "type": "integer", "default": "nosuchfn()"}]})json");
        return reconcile_on("plan", dir, db);
    }();
    CHECK(server_rejects.exit_code == 1);
    CHECK(server_rejects.err.find("nosuchfn") != std::string::npos);
    // The server says where in the statement it stopped; the error points at
    // the column's place in the manifest, not only at the table.
    CHECK(server_rejects.err.find("jobs.json: /columns/0: column public.jobs.id: the server rejects") !=
          std::string::npos);

    write_manifest(dir, "jobs.json", R"json({"table": "jobs", "columns": [{"name": "id", "type": "integer"},
        {"name": "n", "type": "integer", "default": "0"}],
        "checks": {"jobs_n_check": {"expression": "n > 0 AND nope > 0"}}})json");
    auto check_rejected = reconcile_on("plan", dir, db);
    CHECK(check_rejected.exit_code == 1);
    CHECK(check_rejected.err.find("jobs.json: /checks/jobs_n_check: constraint public.jobs.jobs_n_check") !=
          std::string::npos);

    auto refused = run_reconcile({"plan", "-m", dir, "-d", "postgresql://someone:hunter2secret@127.0.0.1:1/nodb"});
    CHECK(refused.exit_code == 1);
    CHECK(refused.err.find("hunter2secret") == std::string::npos);
    CHECK(refused.err.find("****") != std::string::npos);
}

TEST_CASE("two applies never interleave", "[apply]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("advisory");
    auto first = catalog::Connection::open(cluster.conninfo(db));
    auto second = catalog::Connection::open(cluster.conninfo(db));
    engine::ApplyOptions options;
    engine::ApplyLock held(first, options);
    // Without a wait it fails at once; the message names the holder.
    try {
        engine::ApplyLock refused(second, options);
        FAIL("a second apply lock was granted");
    } catch (const engine::ApplyLockError& error) {
        CHECK(std::string(error.what()).find(fmt::format("pid {}", first.backend_pid())) != std::string::npos);
    }
    // With one, it says whom it waits for, then gives up naming it.
    std::vector<std::string> reported;
    options.apply_lock_wait = std::chrono::milliseconds(300);
    options.report = [&](const std::string& line) { reported.push_back(line); };
    auto started = std::chrono::steady_clock::now();
    CHECK_THROWS_WITH(engine::ApplyLock(second, options), Catch::Contains(fmt::format("pid {}", first.backend_pid())));
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(3));
    REQUIRE(reported.size() == 1);
    CHECK(reported[0].find(fmt::format("waiting up to 300ms")) != std::string::npos);
    CHECK(reported[0].find(fmt::format("pid {}", first.backend_pid())) != std::string::npos);
}

TEST_CASE("more new tables than one scratch transaction holds still converge", "[apply][scale]") {
    // Canonicalization creates at most 200 tables per rolled-back transaction;
    // 450 tables span three, with an enum and foreign keys crossing batches.
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("batches");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json",
                   R"json({"schemas": {"public": {"comment": "standard public schema",
                  "enums": {"State": {"values": ["on", "off"]}}}}})json");
    for (int i = 0; i < 450; ++i) {
        std::string fk = i == 0 ? ""
                                : fmt::format(R"json(, "foreign_keys": {{"t{0}_prev_fkey": {{"columns": ["prev"],
            "references": {{"table": "t{1}", "columns": ["id"]}}}}}})json",
                                              i, i - 1);
        write_manifest(dir, fmt::format("t{}.json", i),
                       fmt::format(R"json({{"table": "t{}", "columns": [{{"name": "id", "type": "serial"}},
                  {{"name": "prev", "type": "int"}}, {{"name": "s", "type": "State", "default": "'on'"}},
                  {{"name": "code", "type": "varchar(10)"}}],
                  "primary_key": {{"columns": ["id"]}},
                  "checks": {{"t{}_code_check": {{"expression": "code IN ('a', 'b')"}}}}{}}})json",
                                   i, i, fk));
    }
    auto applied = reconcile_on("apply", dir, db, {"--yes"});
    INFO(applied.err);
    REQUIRE(applied.exit_code == 0);
    require_converged(dir, db);
    CHECK(query_column(db, "SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relname LIKE 't%'") == "450");
}
