// Extensions: a schema that needs btree_gist and pg_trgm is rebuilt from its
// export into an empty database with nothing created by hand; an extension
// the server cannot install is a planning error naming it; versions are
// updated in place; extension members are never listed as ours.
#include <catch2/catch.hpp>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

// The shape of a Rails structure.sql that uses an exclusion-style GiST index
// on a scalar and a range (btree_gist) and a trigram search index (pg_trgm).
constexpr const char* rails_schema = R"SQL(
CREATE EXTENSION btree_gist WITH SCHEMA public;
CREATE EXTENSION pg_trgm WITH SCHEMA public;
COMMENT ON EXTENSION pg_trgm IS 'trigram search for titles';
CREATE TABLE public.bookings (
    id bigserial PRIMARY KEY,
    room_id integer NOT NULL,
    title text NOT NULL,
    during tstzrange NOT NULL
);
CREATE INDEX index_bookings_on_room_id_and_during ON public.bookings USING gist (room_id, during);
CREATE INDEX index_bookings_on_title_trgm ON public.bookings USING gin (title gin_trgm_ops);
)SQL";

}  // namespace

TEST_CASE("extensions: a schema needing btree_gist and pg_trgm is rebuilt from its export", "[extensions]") {
    auto& cluster = TempCluster::shared();
    std::string source = cluster.create_database("rails");
    cluster.run_sql(source, rails_schema);

    // Export, then plan against the same database: empty; nothing of the
    // extensions' own functions and operators is listed as not managed.
    std::string dir = export_and_check_empty_plan(source);
    auto schemas = read_file(dir + "/schemas.json");
    CHECK(has(schemas, "\"btree_gist\""));
    CHECK(has(schemas, "\"pg_trgm\""));
    CHECK(has(schemas, "trigram search for titles"));
    auto listed = reconcile_on("plan", dir, source, {"--format", "json"});
    INFO(listed.out << listed.err);
    CHECK(has(listed.out, "\"not_managed\": 0"));

    auto plan = reconcile_on("plan", dir, cluster.create_database("rails_empty"));
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    // Installed before the index that uses their operator classes.
    CHECK(plan.out.find("CREATE EXTENSION \"btree_gist\"") < plan.out.find("CREATE TABLE"));
    CHECK(plan.out.find("CREATE EXTENSION \"pg_trgm\"") < plan.out.find("gin_trgm_ops"));

    std::string target = check_rebuilds_from_export(source, dir);
    CHECK(query_column(target, "SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1") ==
          "btree_gist\npg_trgm");
}

TEST_CASE("extensions: one the server does not have is a planning error naming it", "[extensions]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("ext_missing");
    std::string dir = make_temp_dir("ext-missing");
    write_manifest(dir, "schemas.json",
                   R"json({"schemas": {"public": {"comment": "standard public schema", "extensions": {
                       "no_such_extension_here": {}, "pg_trgm": {"version": "99.0"}}}}})json");
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 1);
    CHECK(has(plan.err, "extension no_such_extension_here: not available on this server"));
    CHECK(has(plan.err, "extension pg_trgm: version 99.0 is not available"));
    auto applied = reconcile_on("apply", dir, db, {"--yes"});
    CHECK(applied.exit_code == 1);
    CHECK(query_column(db, "SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql'") == "0");
}

TEST_CASE("extensions: installed in a schema the manifests do not claim", "[extensions]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("ext_elsewhere");
    cluster.run_sql(db, "CREATE SCHEMA extensions; CREATE EXTENSION citext WITH SCHEMA extensions;");
    std::string dir = make_temp_dir("ext-elsewhere");
    write_manifest(dir, "schemas.json",
                   R"json({"schemas": {"public": {"comment": "standard public schema",
                                                  "extensions": {"citext": {}}}}})json");
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 1);
    CHECK(has(plan.err, "extension citext: installed in schema extensions, which the manifests do not claim"));
}

TEST_CASE("extensions: a pinned version is updated in place; a drop needs --prune and --allow-destructive",
          "[extensions]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("ext_update");
    // 1.3 is the oldest version with an install script on every supported
    // server (13 ships 1.5 as default, 18 ships 1.6).
    cluster.run_sql(db, "CREATE EXTENSION pg_trgm VERSION '1.3'; CREATE EXTENSION btree_gist;");
    auto newest = query_column(db, "SELECT default_version FROM pg_available_extensions WHERE name = 'pg_trgm'");
    REQUIRE(newest != "1.3");
    std::string dir = make_temp_dir("ext-update");
    write_manifest(dir, "schemas.json",
                   R"json({"schemas": {"public": {"comment": "standard public schema", "extensions": {
                       "pg_trgm": {"version": ")json" +
                       newest + R"json(", "comment": "trigrams"}}}}})json");

    auto plan = reconcile_on("plan", dir, db, {"--prune"});
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 2);
    CHECK(has(plan.out, "ALTER EXTENSION \"pg_trgm\" UPDATE TO '" + newest + "'"));
    CHECK(has(plan.out, "COMMENT ON EXTENSION \"pg_trgm\" IS 'trigrams'"));
    CHECK(has(plan.out, "drops extension btree_gist"));

    auto refused = reconcile_on("apply", dir, db, {"--yes", "--prune"});
    CHECK(refused.exit_code != 0);
    CHECK(query_column(db, "SELECT extversion FROM pg_extension WHERE extname = 'pg_trgm'") == "1.3");

    auto applied = reconcile_on("apply", dir, db, {"--yes", "--prune", "--allow-destructive"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    CHECK(query_column(db, "SELECT extname || ' ' || extversion FROM pg_extension WHERE extname <> 'plpgsql'") ==
          "pg_trgm " + newest);
    auto again = reconcile_on("plan", dir, db, {"--prune"});
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);
}

// Found on PostgREST's fixtures applied to an empty database: an extension
// installed in a schema the plan creates, whose type a table column and a
// function's argument use, failed to plan ("schema "e" does not exist"),
// as scratch installed it where declared without that schema. And a domain
// over a declared composite type was created in scratch before the type.
TEST_CASE("extensions: one in a schema the plan creates, its type used by a table and a function", "[extensions]") {
    auto& cluster = TempCluster::shared();
    std::string source = cluster.create_database("ext_new_schema");
    cluster.run_sql(source, R"SQL(
CREATE SCHEMA e;
CREATE EXTENSION citext WITH SCHEMA e;
CREATE SCHEMA s;
CREATE TABLE s.account (id int PRIMARY KEY, email e.citext NOT NULL);
CREATE FUNCTION s.find(wanted e.citext) RETURNS SETOF int LANGUAGE sql STABLE
    AS $$ SELECT id FROM s.account WHERE email = wanted $$;
CREATE TYPE s.point_2d AS (x int, y int);
CREATE DOMAIN s.origin_or_more AS s.point_2d CHECK ((VALUE).x >= 0 AND (VALUE).y >= 0);
CREATE FUNCTION s.flip(p s.origin_or_more) RETURNS s.point_2d LANGUAGE sql IMMUTABLE
    AS $$ SELECT ROW((p).y, (p).x)::s.point_2d $$;
)SQL");
    std::string dir = export_and_check_empty_plan(source);
    std::string rebuilt = check_rebuilds_from_export(source, dir);
    cluster.run_sql(rebuilt, "INSERT INTO s.account VALUES (1, 'Ann@Example.org')");
    CHECK(query_column(rebuilt, "SELECT s.find('Ann@Example.org')") == "1");
    CHECK(query_column(rebuilt, "SELECT e.citext('ANN@example.org') OPERATOR(e.=) e.citext('ann@EXAMPLE.org')") == "t");
    CHECK(query_column(rebuilt, "SELECT (s.flip(ROW(1, 2)::s.point_2d)).x") == "2");
    CHECK_THROWS(cluster.run_sql(rebuilt, "SELECT s.flip(ROW(-1, 2)::s.point_2d)"));
}
