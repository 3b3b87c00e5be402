// What export and plan list as "not managed": every object a database
// rebuilt from an export would lack must be named there, never lost
// without a word. Found by round trips on real schemas (Supabase's
// publication and event triggers, a view's column default).
#include <catch2/catch.hpp>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

// One of each kind reconcile does not manage, all in public (the only
// schema: export without --schema reads the whole database). Builtin
// functions stand in where a kind needs C functions; a wrapper without a
// handler needs no extension.
const char* const every_kind = R"sql(
CREATE TABLE t (id int PRIMARY KEY, b int);
ALTER TABLE t CLUSTER ON t_pkey;
CREATE VIEW v AS SELECT id, b FROM t;
ALTER VIEW v ALTER COLUMN b SET DEFAULT 7;
CREATE TYPE pair AS (a int, b int);
CREATE FUNCTION pair_to_text(pair) RETURNS text LANGUAGE sql IMMUTABLE AS 'select ($1).a || '','' || ($1).b';
CREATE CAST (pair AS text) WITH FUNCTION pair_to_text(pair);
CREATE FUNCTION approx_eq(numeric, numeric) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'select abs($1 - $2) < 0.01';
CREATE OPERATOR ~= (LEFTARG = numeric, RIGHTARG = numeric, FUNCTION = approx_eq);
CREATE FUNCTION negate(int) RETURNS int LANGUAGE sql IMMUTABLE AS 'select -$1';
CREATE OPERATOR !!! (RIGHTARG = int, FUNCTION = negate);
CREATE FUNCTION reverse_cmp(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS 'select btint4cmp($2, $1)';
CREATE OPERATOR CLASS int4_reverse_ops FOR TYPE int4 USING btree AS
    OPERATOR 1 > , OPERATOR 2 >= , OPERATOR 3 = , OPERATOR 4 <= , OPERATOR 5 < , FUNCTION 1 reverse_cmp(int, int);
CREATE OPERATOR FAMILY loose_ops USING btree;
CREATE TEXT SEARCH CONFIGURATION my_english (COPY = pg_catalog.english);
CREATE TEXT SEARCH DICTIONARY my_simple (TEMPLATE = pg_catalog.simple, STOPWORDS = english);
CREATE TEXT SEARCH PARSER my_parser (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end,
                                     LEXTYPES = prsd_lextype);
CREATE TEXT SEARCH TEMPLATE my_template (INIT = dsimple_init, LEXIZE = dsimple_lexize);
CREATE CONVERSION my_latin1 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
CREATE FUNCTION on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS 'begin end';
CREATE EVENT TRIGGER log_ddl ON ddl_command_end EXECUTE FUNCTION on_ddl();
SET client_min_messages = error;  -- wal_level is not logical: a warning only
CREATE PUBLICATION pub_t FOR TABLE t;
RESET client_min_messages;
CREATE FOREIGN DATA WRAPPER dummy;
CREATE SERVER remote FOREIGN DATA WRAPPER dummy;
CREATE USER MAPPING FOR PUBLIC SERVER remote;
)sql";

// As `export --verbose` and `plan --verbose` list them, sorted by what.
const char* const every_kind_listed =
    "  CLUSTER ON public.t.t_pkey\n"
    "  cast (public.pair AS text)\n"
    "  conversion public.my_latin1\n"
    "  event trigger log_ddl\n"
    "  foreign server remote\n"
    "  foreign-data wrapper dummy\n"
    "  operator public.!!!(NONE, integer)\n"
    "  operator public.~=(numeric, numeric)\n"
    "  operator class public.int4_reverse_ops USING btree\n"
    "  operator family public.loose_ops USING btree\n"
    "  publication pub_t\n"
    "  text search configuration public.my_english\n"
    "  text search dictionary public.my_simple\n"
    "  text search parser public.my_parser\n"
    "  text search template public.my_template\n"
    "  user mapping remote for PUBLIC\n"
    "  view column default public.v.b\n";

}  // namespace

TEST_CASE("unmanaged: export and plan list every kind a rebuild would lack", "[unmanaged][cli]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("unmanaged_kinds");
    cluster.run_sql(db, every_kind);
    std::string dir = make_temp_dir("unmanaged_kinds");

    auto summary = run_reconcile({"export", "-d", cluster.conninfo(db), "-o", dir});
    INFO(summary.out << summary.err);
    REQUIRE(summary.exit_code == 0);
    CHECK(has(summary.err,
              "not exported: 17 objects of kinds reconcile does not manage yet (CLUSTER ON 1, cast 1, "
              "conversion 1, event trigger 1, foreign server 1, foreign-data wrapper 1, operator 2, operator "
              "class 1, operator family 1, publication 1, text search configuration 1, text search dictionary 1, "
              "text search parser 1, text search template 1, user mapping 1, view column default 1; --verbose "
              "lists them)"));

    auto listed = run_reconcile({"export", "-d", cluster.conninfo(db), "-o", dir, "--verbose"});
    INFO(listed.out << listed.err);
    REQUIRE(listed.exit_code == 0);
    // The family CREATE OPERATOR CLASS made for int4_reverse_ops is the
    // class's, as in pg_dump: not listed apart.
    CHECK(has(listed.err,
              std::string("not exported (17 objects of kinds reconcile does not manage yet):\n") + every_kind_listed));

    auto plan = reconcile_on("plan", dir, db, {"--verbose"});
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 0);
    CHECK(has(plan.out, "No changes."));
    CHECK(has(plan.out, std::string("Not managed by reconcile (left alone):\n") + every_kind_listed));
}

TEST_CASE("unmanaged: the database's own objects are listed when they touch the claimed schemas", "[unmanaged][cli]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("unmanaged_scope");
    cluster.run_sql(db, R"sql(
CREATE SCHEMA app;
CREATE SCHEMA elsewhere;
CREATE TABLE app.t (id int);
CREATE TABLE elsewhere.t (id int);
CREATE TYPE app.code AS (v int);
CREATE TYPE elsewhere.code AS (v int);
CREATE CAST (app.code AS int) WITH INOUT;
CREATE CAST (elsewhere.code AS int) WITH INOUT;
CREATE FUNCTION app.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS 'begin end';
CREATE FUNCTION elsewhere.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS 'begin end';
CREATE EVENT TRIGGER app_ddl ON ddl_command_end EXECUTE FUNCTION app.on_ddl();
CREATE EVENT TRIGGER elsewhere_ddl ON ddl_command_end EXECUTE FUNCTION elsewhere.on_ddl();
SET client_min_messages = error;
CREATE PUBLICATION app_pub FOR TABLE app.t;
CREATE PUBLICATION elsewhere_pub FOR TABLE elsewhere.t;
CREATE PUBLICATION everything FOR ALL TABLES;
RESET client_min_messages;
CREATE FOREIGN DATA WRAPPER dummy;
CREATE SERVER remote FOREIGN DATA WRAPPER dummy;
)sql");
    std::string dir = make_temp_dir("unmanaged_scope");
    // Like pg_dump --schema: an export of one schema of a shared database
    // names what that schema's objects take part in, not the database's
    // other objects (the wrapper and its server touch no schema).
    auto app = run_reconcile({"export", "-d", cluster.conninfo(db), "-o", dir, "--schema", "app", "--verbose"});
    INFO(app.out << app.err);
    REQUIRE(app.exit_code == 0);
    CHECK(has(app.err,
              "not exported (4 objects of kinds reconcile does not manage yet):\n"
              "  cast (app.code AS integer)\n"
              "  event trigger app_ddl\n"
              "  publication app_pub\n"
              "  publication everything\n"));

    auto plan = reconcile_on("plan", dir, db, {"--verbose"});
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 0);
    CHECK(has(plan.out, "No changes."));
    CHECK(has(plan.out, "  event trigger app_ddl\n"));
    CHECK_FALSE(has(plan.out, "elsewhere"));
    CHECK_FALSE(has(plan.out, "remote"));

    // The whole database: everything, as pg_dump writes it.
    auto all = run_reconcile({"export", "-d", cluster.conninfo(db), "-o", make_temp_dir("unmanaged_all"), "--verbose"});
    INFO(all.out << all.err);
    REQUIRE(all.exit_code == 0);
    CHECK(has(all.err,
              "not exported (9 objects of kinds reconcile does not manage yet):\n"
              "  cast (app.code AS integer)\n"
              "  cast (elsewhere.code AS integer)\n"
              "  event trigger app_ddl\n"
              "  event trigger elsewhere_ddl\n"
              "  foreign server remote\n"
              "  foreign-data wrapper dummy\n"
              "  publication app_pub\n"
              "  publication elsewhere_pub\n"
              "  publication everything\n"));
}

TEST_CASE("unmanaged: PUBLIC's privileges and undeclared roles' default privileges are listed", "[unmanaged][cli]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("unmanaged_public");
    cluster.run_sql(db, R"sql(
CREATE TABLE t (id int);
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1';
)sql");
    std::string dir = make_temp_dir("unmanaged_public");
    auto exported = run_reconcile({"export", "-d", cluster.conninfo(db), "-o", dir});
    INFO(exported.out << exported.err);
    REQUIRE(exported.exit_code == 0);

    // After the export: PUBLIC given more than PostgreSQL gives it on a
    // table, its built-in EXECUTE taken from a function, and default
    // privileges of a role no manifest declares. None of them is changed,
    // and each is named: a database rebuilt from the manifests would differ.
    cluster.run_sql(db, R"sql(
GRANT SELECT ON t TO PUBLIC;
REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC;
DROP ROLE IF EXISTS unmanaged_public_owner;
CREATE ROLE unmanaged_public_owner;
ALTER DEFAULT PRIVILEGES FOR ROLE unmanaged_public_owner IN SCHEMA public GRANT SELECT ON TABLES TO PUBLIC;
)sql");
    auto plan = reconcile_on("plan", dir, db, {"--verbose"});
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 0);
    CHECK(has(plan.out, "No changes."));
    CHECK(has(plan.out, "privilege public.t (SELECT to PUBLIC, which the manifests do not state)"));
    CHECK(has(plan.out, "privilege public.f() (EXECUTE revoked from PUBLIC, which the manifests do not state)"));
    CHECK(has(plan.out,
              "default privileges unmanaged_public_owner (in schema public: SELECT on new tables to PUBLIC, role not "
              "managed)"));
    cluster.run_sql(db, R"sql(
ALTER DEFAULT PRIVILEGES FOR ROLE unmanaged_public_owner IN SCHEMA public REVOKE SELECT ON TABLES FROM PUBLIC;
DROP ROLE unmanaged_public_owner;
)sql");
}
