// Per-role settings (ALTER ROLE ... SET, and IN DATABASE for the target
// database): planned, applied, seen by a new session of the role, reset
// when no longer declared, exported, and refused when malformed. Roles are
// cluster-wide: the role has a name of its own and is dropped at the end.
#include <unistd.h>

#include <catch2/catch.hpp>

#include "catalog/pg/connection.hpp"
#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

// What a new session of `role` in db sees for a setting.
std::string shown_as(const std::string& db, const std::string& role, const std::string& setting) {
    auto conn = reconcile::catalog::Connection::open(TempCluster::shared().conninfo(db) + " user=" + role);
    return std::string(conn.query("SHOW " + setting).row(0)[0].value_or(""));
}

std::string settings_of(const std::string& db, const std::string& role, const std::string& where) {
    return query_column(db, "SELECT pg_catalog.array_to_string(setconfig, ' | ') FROM pg_db_role_setting "
                            "WHERE setrole = '" + role + "'::regrole AND " + where);
}

}  // namespace

TEST_CASE("role settings converge, reach new sessions, reset when undeclared, export", "[roles][role_settings]") {
    auto& cluster = TempCluster::shared();
    const std::string role = "rs_app_" + std::to_string(getpid());
    auto db = cluster.create_database("role_settings");
    auto other = cluster.create_database("role_settings_other");
    cluster.run_sql(db, "CREATE SCHEMA \"app schema\";");
    // Set by hand: one to change, one kept under PostgreSQL's spelling
    // (DateStyle), one to reset, and one in another database, never touched.
    cluster.run_sql(db, "CREATE ROLE " + role + " LOGIN; ALTER ROLE " + role +
                            " SET statement_timeout = '5s'; ALTER ROLE " + role +
                            " SET datestyle = 'ISO, DMY'; ALTER ROLE " + role + " SET lock_timeout = '1s'; ALTER ROLE " +
                            role + " IN DATABASE " + other + " SET work_mem = '1MB';");
    auto dir = make_temp_dir("role-settings");
    // The grant makes export write the role (it writes the roles its objects name).
    write_manifest(dir, "schemas.json", R"({"schemas": {"public": {"comment": "standard public schema",
        "grants": {")" + role + R"(": ["USAGE"]}}}})");
    write_manifest(dir, "roles.json", R"({"roles": {")" + role + R"(": {"login": true,
        "settings": {"statement_timeout": "30s", "DateStyle": "ISO, DMY",
                     "search_path": ["$user", "app schema", "public"]},
        "database_settings": {"work_mem": "64MB"}}}})");

    auto planned = reconcile_on("plan", dir, db);
    INFO(planned.out << planned.err);
    CHECK(planned.exit_code == 2);
    CHECK(has(planned.out, "set statement_timeout of role " + role + " to 30s"));
    CHECK(has(planned.out, "set search_path of role " + role + " to $user, app schema, public"));
    CHECK(has(planned.out, "set work_mem of role " + role + " in this database to 64MB"));
    CHECK(has(planned.out, "reset lock_timeout of role " + role));
    CHECK_FALSE(has(planned.out, "datestyle"));
    auto sql = reconcile_on("plan", dir, db, {"--format", "sql"});
    CHECK(has(sql.out, "ALTER ROLE \"" + role + "\" IN DATABASE \"" + db + "\" SET \"work_mem\" = '64MB'"));
    CHECK(has(sql.out, "ALTER ROLE \"" + role + "\" SET \"search_path\" = '$user', 'app schema', 'public'"));

    apply_and_check_converged(dir, db);
    CHECK(shown_as(db, role, "statement_timeout") == "30s");
    CHECK(shown_as(db, role, "search_path") == "\"$user\", \"app schema\", public");
    CHECK(shown_as(db, role, "work_mem") == "64MB");
    CHECK(shown_as(db, role, "lock_timeout") == "0");
    // The setting in the other database is the role's business there.
    CHECK(settings_of(db, role, "setdatabase = (SELECT oid FROM pg_database WHERE datname = '" + other + "')") ==
          "work_mem=1MB");

    // Export writes them back (a list as a list), and plans empty against them.
    auto exported = export_and_check_empty_plan(db);
    auto roles_file = read_file(exported + "/roles.json");
    CHECK(has(roles_file, "\"database_settings\""));
    CHECK(has(roles_file, "\"$user\""));

    // No longer declared: reset, in every database and in this one.
    write_manifest(dir, "roles.json", R"({"roles": {")" + role + R"(": {"login": true}}})");
    auto reset = apply_and_check_converged(dir, db);
    CHECK(has(reset.out, "reset work_mem of role " + role + " in this database"));
    CHECK(settings_of(db, role, "setdatabase = 0") == "");
    CHECK(shown_as(db, role, "work_mem") == "4MB");

    cluster.run_sql(db, "DROP OWNED BY " + role + "; DROP ROLE " + role + ";");
}

TEST_CASE("malformed role settings are refused with their JSON pointer", "[roles][role_settings]") {
    auto db = TempCluster::shared().create_database("role_settings_bad");
    auto dir = make_temp_dir("role-settings-bad");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "roles.json", R"({"roles": {"rs_bad": {
        "settings": {"search_path": "app, public", "reconcile.password_rotation": "x", "work mem": "1MB",
                     "statement_timeout": 5000}}}})");
    auto result = reconcile_on("plan", dir, db);
    INFO(result.out << result.err);
    CHECK(result.exit_code == 1);
    CHECK(has(result.err, "/roles/rs_bad/settings/search_path"));
    CHECK(has(result.err, "search_path is a list"));
    CHECK(has(result.err, "/roles/rs_bad/settings/reconcile.password_rotation"));
    CHECK(has(result.err, "/roles/rs_bad/settings/work mem"));
    CHECK(has(result.err, "/roles/rs_bad/settings/statement_timeout"));
    CHECK(query_column(db, "SELECT count(*) FROM pg_roles WHERE rolname = 'rs_bad'") == "0");
}
