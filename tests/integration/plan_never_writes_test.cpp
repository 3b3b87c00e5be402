// plan, drift and export never write to the target, whatever a manifest
// holds. plan runs in pull-request review on manifests nobody has reviewed
// yet, against production; before this test existed, a column default of
// `0); COMMIT; CREATE TABLE public.pwned_by_plan (x int` committed that table
// during `plan`. Every place manifest text reaches SQL has a case here, kept
// forever.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

// What the target holds before every hostile plan; rows so that a check or
// index expression that did run would have something to run on.
const char* target_sql = R"sql(
    CREATE TABLE public.t (id integer PRIMARY KEY, name text, x integer, note text);
    INSERT INTO public.t VALUES (1, 'a', 1, 'n'), (2, 'b', 2, 'm');
)sql";

// The payload ends the statement it is spliced into, commits, and creates a
// table. Each variant closes whatever parentheses its place opens.
struct Hostile {
    const char* place;
    const char* table_json;  // a full table manifest with the payload in it
    const char* function_json = nullptr;  // a function manifest beside it, if any
};

// t as the target has it, for the cases whose payload is in a function.
constexpr const char* plain_t = R"json({"table": "t", "columns": [{"name": "id", "type": "integer"},
        {"name": "name", "type": "text"}, {"name": "x", "type": "integer"}, {"name": "note", "type": "text"}],
        "primary_key": {"columns": ["id"]}})json";

const Hostile hostile_manifests[] = {
    {"type", R"json({"table": "t", "columns": [{"name": "id", "type": "integer"}, {"name": "name", "type": "text"},
        {"name": "x", "type": "integer); COMMIT; CREATE TABLE public.pwned_by_plan (y int"},
        {"name": "note", "type": "text"}], "primary_key": {"columns": ["id"]}})json"},
    {"default", R"json({"table": "t", "columns": [{"name": "id", "type": "integer"}, {"name": "name", "type": "text"},
        {"name": "x", "type": "integer", "default": "0); COMMIT; CREATE TABLE public.pwned_by_plan (y int"},
        {"name": "note", "type": "text"}], "primary_key": {"columns": ["id"]}})json"},
    {"default, statement after", R"json({"table": "t", "columns": [{"name": "id", "type": "integer"},
        {"name": "name", "type": "text"},
        {"name": "x", "type": "integer", "default": "0); COMMIT; CREATE TABLE public.pwned_by_plan (y int); --"},
        {"name": "note", "type": "text"}], "primary_key": {"columns": ["id"]}})json"},
    {"check", R"json({"table": "t", "columns": [{"name": "id", "type": "integer"}, {"name": "name", "type": "text"},
        {"name": "x", "type": "integer"}, {"name": "note", "type": "text"}], "primary_key": {"columns": ["id"]},
        "checks": {"t_x_check": {"expression": "x > 0)); COMMIT; CREATE TABLE public.pwned_by_plan (y int"}}})json"},
    {"generated", R"json({"table": "t", "columns": [{"name": "id", "type": "integer"}, {"name": "name", "type": "text"},
        {"name": "x", "type": "integer"}, {"name": "note", "type": "text"},
        {"name": "g", "type": "integer", "generated": "x + 1) STORED); COMMIT; CREATE TABLE public.pwned_by_plan (y int"}],
        "primary_key": {"columns": ["id"]}})json"},
    {"index expression", R"json({"table": "t", "columns": [{"name": "id", "type": "integer"},
        {"name": "name", "type": "text"}, {"name": "x", "type": "integer"}, {"name": "note", "type": "text"}],
        "primary_key": {"columns": ["id"]},
        "indexes": {"t_lower_idx": {"keys": [{"expression": "lower(name))); COMMIT; CREATE TABLE public.pwned_by_plan (y int"}]}}})json"},
    {"index predicate", R"json({"table": "t", "columns": [{"name": "id", "type": "integer"},
        {"name": "name", "type": "text"}, {"name": "x", "type": "integer"}, {"name": "note", "type": "text"}],
        "primary_key": {"columns": ["id"]},
        "indexes": {"t_x_idx": {"keys": [{"column": "x"}], "where": "x > 0; COMMIT; CREATE TABLE public.pwned_by_plan (y int)"}}})json"},
    {"using", R"json({"table": "t", "columns": [{"name": "id", "type": "integer"}, {"name": "name", "type": "text"},
        {"name": "x", "type": "bigint", "using": "x::bigint; COMMIT; CREATE TABLE public.pwned_by_plan (y int)"},
        {"name": "note", "type": "text"}], "primary_key": {"columns": ["id"]}})json"},
    {"comment", R"json({"table": "t", "comment": "'); COMMIT; CREATE TABLE public.pwned_by_plan (y int); --",
        "columns": [{"name": "id", "type": "integer"}, {"name": "name", "type": "text"},
        {"name": "x", "type": "integer", "comment": "x'; COMMIT; CREATE TABLE public.pwned_by_plan (y int); --"},
        {"name": "note", "type": "text"}], "primary_key": {"columns": ["id"]}})json"},
    {"function body", plain_t, R"json({"function": "f", "returns": "integer", "language": "sql",
        "body": "SELECT 1$$; COMMIT; CREATE TABLE public.pwned_by_plan (y int); --"})json"},
    {"SQL-standard body", plain_t, R"json({"function": "f", "returns": "integer", "language": "sql",
        "body": "RETURN 1; COMMIT; CREATE TABLE public.pwned_by_plan (y int)"})json"},
    {"function result", plain_t, R"json({"function": "f", "language": "sql", "body": "SELECT 1",
        "returns": "integer LANGUAGE sql AS 'SELECT 1'; COMMIT; CREATE TABLE public.pwned_by_plan (y int); --"})json"},
    {"argument default", plain_t, R"json({"function": "f", "returns": "integer", "language": "sql", "body": "SELECT 1",
        "arguments": [{"name": "a", "type": "integer", "default": "1) RETURNS int LANGUAGE sql AS 'SELECT 1'; COMMIT; CREATE TABLE public.pwned_by_plan (y int); --"}]})json"},
    {"setting", plain_t, R"json({"function": "f", "returns": "integer", "language": "sql", "body": "SELECT 1",
        "set": {"search_path": "public'; COMMIT; CREATE TABLE public.pwned_by_plan (y int); --"}})json"},
    {"trigger condition", R"json({"table": "t", "columns": [{"name": "id", "type": "integer"},
        {"name": "name", "type": "text"}, {"name": "x", "type": "integer"}, {"name": "note", "type": "text"}],
        "primary_key": {"columns": ["id"]},
        "triggers": {"t_f": {"timing": "before", "events": ["update"], "function": "f",
          "when": "true) EXECUTE FUNCTION f(); COMMIT; CREATE TABLE public.pwned_by_plan (y int); --"}}})json",
     R"json({"function": "f", "returns": "trigger", "language": "plpgsql", "body": "BEGIN RETURN NEW; END"})json"},
};

std::string scratch_schemas_in(const std::string& db) {
    return query_column(db,
                        "SELECT coalesce(string_agg(nspname, ','), '') FROM pg_namespace "
                        "WHERE nspname LIKE 'reconcile\\_scratch%'");
}

}  // namespace

TEST_CASE("plan and drift with hostile manifest text never change the target", "[security][plan]") {
    auto& cluster = TempCluster::shared();
    if (!cluster.has_pg_dump()) {
        WARN("no pg_dump for this server: hostile plans not checked");
        return;
    }
    for (const auto& hostile : hostile_manifests) {
        DYNAMIC_SECTION("hostile " << hostile.place) {
            std::string db = cluster.create_database("hostile");
            cluster.run_sql(db, target_sql);
            std::string before = cluster.dump_schema(db);
            std::string dir = make_temp_dir("hostile");
            write_manifest(dir, "schemas.json", public_schema);
            write_manifest(dir, "t.json", hostile.table_json);
            if (hostile.function_json) write_manifest(dir, "f.json", hostile.function_json);

            for (const char* command : {"plan", "drift"}) {
                auto result = reconcile_on(command, dir, db);
                INFO(command << " exit " << result.exit_code << "\n" << result.out << result.err);
                // An error (the server refuses the text) or a plan; never a
                // crash, and never anything committed.
                CHECK((result.exit_code == 1 || result.exit_code == 2));
                CHECK(result.err.find("reconcile_scratch") == std::string::npos);
            }
            CHECK(query_column(db, "SELECT count(*) FROM pg_class WHERE relname = 'pwned_by_plan'") == "0");
            CHECK(scratch_schemas_in(db).empty());
            CHECK(cluster.dump_schema(db) == before);
            CHECK(query_column(db, "SELECT count(*) FROM public.t") == "2");
        }
    }
}

TEST_CASE("apply sends manifest text one statement per send", "[security][apply]") {
    auto& cluster = TempCluster::shared();
    for (const auto& hostile : hostile_manifests) {
        DYNAMIC_SECTION("hostile " << hostile.place) {
            std::string db = cluster.create_database("hostile_apply");
            cluster.run_sql(db, target_sql);
            std::string dir = make_temp_dir("hostile");
            write_manifest(dir, "schemas.json", public_schema);
            write_manifest(dir, "t.json", hostile.table_json);
            auto result = reconcile_on("apply", dir, db, {"--yes"});
            INFO(result.out << result.err);
            // The comment is a literal, stored as written; every other
            // payload is refused. Either way, no second command ran.
            CHECK(result.exit_code <= 2);
            CHECK(query_column(db, "SELECT count(*) FROM pg_class WHERE relname = 'pwned_by_plan'") == "0");
            CHECK(scratch_schemas_in(db).empty());
            CHECK(query_column(db, "SELECT count(*) FROM public.t") == "2");
        }
    }
}

TEST_CASE("a plan killed while canonicalizing leaves no scratch schema, and later plans ignore them",
          "[security][plan]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("killed");
    std::string dir = make_temp_dir("killed");
    write_manifest(dir, "schemas.json", public_schema);
    // Enough new tables that canonicalization takes a while: every table
    // goes to scratch (none exists yet).
    for (int i = 0; i < 1500; ++i) {
        write_manifest(
            dir, "t" + std::to_string(i) + ".json",
            "{\"table\": \"t" + std::to_string(i) +
                "\", \"columns\": [{\"name\": \"id\", \"type\": \"int\"}, {\"name\": \"a\", \"type\": \"varchar(20)\","
                " \"default\": \"'x'\"}, {\"name\": \"b\", \"type\": \"timestamptz\", \"default\": \"now()\"}],"
                " \"primary_key\": {\"columns\": [\"id\"]}, \"indexes\": {\"t" +
                std::to_string(i) + "_a\": {\"keys\": [{\"expression\": \"lower(a)\"}]}}}");
    }

    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        int null = open("/dev/null", O_RDWR);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        std::string conninfo = cluster.conninfo(db);
        execl(RECONCILE_BINARY, RECONCILE_BINARY, "plan", "-m", dir.c_str(), "-d", conninfo.c_str(),
              static_cast<char*>(nullptr));
        _exit(127);
    }
    // Wait until the server is running scratch DDL for this plan, then kill
    // the client without a chance to roll back.
    bool seen = false;
    for (int i = 0; i < 3000 && !seen; ++i) {
        seen =
            query_column("postgres", "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + db +
                                         "' AND query LIKE '%reconcile\\_scratch%' AND pid <> pg_backend_pid()") != "0";
        if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    REQUIRE(seen);
    REQUIRE(WIFSIGNALED(status));

    // The server notices the closed socket and rolls back.
    std::string left;
    for (int i = 0; i < 500; ++i) {
        bool gone = query_column("postgres", "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + db +
                                                 "' AND pid <> pg_backend_pid()") == "0";
        left = scratch_schemas_in(db);
        if (gone) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(left.empty());

    // A scratch-looking schema left by something else (an older version,
    // a crashed tool) is neither reported nor touched by a plan.
    cluster.run_sql(db,
                    "CREATE SCHEMA reconcile_scratch_0badc0de_0; CREATE TABLE reconcile_scratch_0badc0de_0.x (i int)");
    write_manifest(dir, "schemas.json", public_schema);
    for (int i = 5; i < 1500; ++i)
        std::filesystem::remove(std::filesystem::path(dir) / ("t" + std::to_string(i) + ".json"));
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 2);
    CHECK(plan.out.find("reconcile_scratch") == std::string::npos);
    CHECK(scratch_schemas_in(db) == "reconcile_scratch_0badc0de_0");
    // Nor exported when export lists the database's schemas itself.
    std::string out = make_temp_dir("export");
    auto exported = run_reconcile({"export", "-d", cluster.conninfo(db), "-o", out});
    INFO(exported.out << exported.err);
    CHECK(exported.exit_code == 0);
    for (const auto& entry : std::filesystem::recursive_directory_iterator(out)) {
        CHECK(read_file(entry.path().string()).find("reconcile_scratch") == std::string::npos);
    }
}

TEST_CASE("a target that refuses scratch objects gets an error that says so and suggests --dev-database",
          "[security][plan]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("refuses");
    std::string role = "no_create_" + db;
    cluster.run_sql(db, "CREATE ROLE " + role + " LOGIN; REVOKE CREATE ON DATABASE " + db +
                            " FROM PUBLIC; "
                            "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
    std::string dir = make_temp_dir("refuses");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "t.json", R"json({"table": "t", "columns": [{"name": "id", "type": "int"}]})json");

    auto check_refusal = [&](const CliResult& result) {
        INFO(result.out << result.err);
        CHECK(result.exit_code == 1);
        CHECK(result.err.find("--dev-database") != std::string::npos);
        CHECK(result.err.find("reconcile_scratch") == std::string::npos);
    };
    SECTION("a role without CREATE on the database") {
        auto result = run_reconcile(
            {"plan", "-m", dir, "-d",
             "host=127.0.0.1 port=" + std::to_string(cluster.port()) + " user=" + role + " dbname=" + db});
        check_refusal(result);
        CHECK(result.err.find("permission denied") != std::string::npos);
    }
    SECTION("a read-only session") {
        auto result = run_reconcile(
            {"plan", "-m", dir, "-d", cluster.conninfo(db) + " options='-c default_transaction_read_only=on'"});
        check_refusal(result);
        CHECK(result.err.find("read-only") != std::string::npos);
    }
    SECTION("--dev-database avoids it") {
        std::string dev = cluster.create_database("dev");
        auto result =
            run_reconcile({"plan", "-m", dir, "-d",
                           "host=127.0.0.1 port=" + std::to_string(cluster.port()) + " user=" + role + " dbname=" + db,
                           "--dev-database", cluster.conninfo(dev)});
        INFO(result.out << result.err);
        CHECK(result.exit_code == 2);
    }
    CHECK(query_column(db, "SELECT count(*) FROM pg_class WHERE relname = 't'") == "0");
}
