// Plans whose drops or type changes other objects depend on: a foreign key
// from a schema the manifests do not claim, a view the manifests do not
// declare, a function body, a trigger. PostgreSQL refuses such DROP ... RESTRICT and ALTER
// COLUMN ... TYPE statements halfway through apply; plan must refuse first,
// name each dependent and say why the plan leaves it alone, and change
// nothing.
#include "catalog/introspect/dependents.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "catalog/pg/connection.hpp"
#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile;
using namespace reconcile::testing;

namespace {

// Every relation, column, type, constraint, view and policy outside the
// system schemas: what "the database is unchanged" compares.
std::string catalog_picture(const std::string& db) {
    return query_column(db, R"SQL(
SELECT string_agg(line, E'\n' ORDER BY line) FROM (
  SELECT c.oid::regclass::text || ' ' || c.relkind::text || ' ' || coalesce(a.attname, '') || ' ' ||
         coalesce(pg_catalog.format_type(a.atttypid, a.atttypmod), '') AS line
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  UNION ALL
  SELECT conrelid::regclass::text || ' constraint ' || conname FROM pg_constraint WHERE conrelid <> 0
  UNION ALL
  SELECT t.typname || ' type' FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  UNION ALL
  SELECT polname || ' policy' FROM pg_policy) lines)SQL");
}

// Runs plan and apply with the given flags against db and requires both to
// refuse with every expected text in the message and nothing changed.
void require_refused(const std::string& dir, const std::string& db, const std::vector<std::string>& flags,
                     const std::vector<std::string>& expected) {
    std::string before = catalog_picture(db);
    auto plan = reconcile_on("plan", dir, db, flags);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 1);
    for (const auto& text : expected) CHECK(has(plan.err, text));
    std::vector<std::string> apply_flags = flags;
    apply_flags.insert(apply_flags.end(), {"--yes", "--allow-destructive"});
    auto apply = reconcile_on("apply", dir, db, apply_flags);
    INFO(apply.out << apply.err);
    CHECK(apply.exit_code == 1);
    CHECK(has(apply.err, expected.front()));
    CHECK(catalog_picture(db) == before);
}

const char* const customers_manifest = R"json({"table": "customers", "columns": [
    {"name": "id", "type": "int", "not_null": true}, {"name": "email", "type": "text"}],
  "primary_key": {"columns": ["id"]}})json";

}  // namespace

TEST_CASE("dependents: a pruned table referenced from a schema nobody claims", "[dependents]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("dep_fk");
    cluster.run_sql(db, R"SQL(
CREATE TABLE public.customers (id int PRIMARY KEY, email text);
CREATE TABLE public.legacy (id int PRIMARY KEY);
CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id int, legacy_id int CONSTRAINT invoices_legacy_fkey REFERENCES public.legacy (id));
)SQL");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "customers.json", customers_manifest);

    require_refused(dir, db, {"--prune"},
                    {"drop table public.legacy: constraint invoices_legacy_fkey on billing.invoices uses",
                     "column public.legacy.id", "schema billing is not claimed by the manifests"});

    // Without --prune nothing is dropped, so nothing is in the way.
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 0);

    // Once the foreign key is gone the same plan runs.
    cluster.run_sql(db, "ALTER TABLE billing.invoices DROP CONSTRAINT invoices_legacy_fkey");
    auto applied = reconcile_on("apply", dir, db, {"--prune", "--yes", "--allow-destructive"});
    INFO(applied.out << applied.err);
    CHECK(applied.exit_code == 0);
    CHECK(query_column(db, "SELECT count(*) FROM pg_class WHERE relname = 'legacy'") == "0");
}

TEST_CASE("dependents: a dropped column used by a view, a policy and a function body", "[dependents]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("dep_column");
    cluster.run_sql(db, R"SQL(
CREATE TABLE public.customers (id int PRIMARY KEY, email text, phone text, region text, score int);
CREATE VIEW public.customer_phones AS SELECT id, phone FROM public.customers;
ALTER TABLE public.customers ENABLE ROW LEVEL SECURITY;
CREATE POLICY by_region ON public.customers USING (region = current_user);
CREATE FUNCTION public.add_score(a int, b int) RETURNS int LANGUAGE sql AS 'SELECT a + b';
)SQL");
    bool sql_bodies = cluster.server_version() >= 140000;
    if (sql_bodies) {
        cluster.run_sql(db,
                        "CREATE FUNCTION public.top_score() RETURNS int LANGUAGE sql "
                        "BEGIN ATOMIC SELECT max(score) FROM public.customers; END");
    }
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "customers.json", customers_manifest);

    // The policy is the table's and not in its manifest: the plan drops it
    // first. The view is not in the manifests either, but only --prune
    // drops views.
    std::vector<std::string> expected = {
        "drop column public.customers.phone: view public.customer_phones uses column public.customers.phone "
        "(the plan keeps it: the manifests declare it, or --prune was not given)"};
    if (sql_bodies) {
        expected.push_back(
            "drop column public.customers.score: function public.top_score() uses column public.customers.score "
            "(the plan keeps it: the manifests declare it, or --prune was not given)");
    }
    require_refused(dir, db, {}, expected);
}

TEST_CASE("dependents: a type change under a view or a trigger", "[dependents]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("dep_retype");
    cluster.run_sql(db, R"SQL(
CREATE TABLE public.customers (id int PRIMARY KEY, email varchar(50), score int);
CREATE VIEW public.emails AS SELECT email FROM public.customers;
CREATE FUNCTION public.noop() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
CREATE TRIGGER on_score BEFORE UPDATE OF score ON public.customers FOR EACH ROW EXECUTE FUNCTION public.noop();
)SQL");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "customers.json", R"json({"table": "customers", "columns": [
        {"name": "id", "type": "int", "not_null": true}, {"name": "email", "type": "text"},
        {"name": "score", "type": "bigint"}],
      "primary_key": {"columns": ["id"]}})json");

    require_refused(dir, db, {},
                    {"change the type of column public.customers.email: view public.emails uses column "
                     "public.customers.email (the plan keeps it: the manifests declare it, or --prune was not given)",
                     "change the type of column public.customers.score: trigger on_score on public.customers uses "
                     "column public.customers.score (the plan keeps it: the manifests declare it, or --prune was not "
                     "given)"});

    // The view's other columns are no obstacle: without the two changes the
    // plan is empty.
    cluster.run_sql(db, "DROP VIEW public.emails; DROP TRIGGER on_score ON public.customers");
    auto applied = reconcile_on("apply", dir, db, {"--yes", "--allow-destructive"});
    INFO(applied.out << applied.err);
    CHECK(applied.exit_code == 0);
}

TEST_CASE("dependents: a type change in a table whose row type another table stores", "[dependents]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("dep_rowtype");
    cluster.run_sql(db, R"SQL(
CREATE TABLE public.points (x int, y int);
CREATE SCHEMA archive;
CREATE TABLE archive.snapshots (taken date, points public.points[]);
)SQL");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "points.json", R"json({"table": "points", "columns": [
        {"name": "x", "type": "bigint"}, {"name": "y", "type": "int"}]})json");
    require_refused(dir, db, {},
                    {"change the type of column public.points.x: column archive.snapshots.points uses type "
                     "public.points[] (schema archive is not claimed by the manifests"});
}

TEST_CASE("dependents: a dropped unique key, a pruned enum, a pruned table's owned sequence", "[dependents]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("dep_misc");
    cluster.run_sql(db, R"SQL(
CREATE TYPE public.mood AS ENUM ('ok', 'sad');
CREATE TABLE public.customers (id int PRIMARY KEY, email text CONSTRAINT customers_email_key UNIQUE);
CREATE TABLE public.counters (id serial PRIMARY KEY);
CREATE SCHEMA crm;
CREATE TABLE crm.contacts (email text REFERENCES public.customers (email), moods public.mood[]);
CREATE TABLE crm.tickets (n int DEFAULT nextval('public.counters_id_seq'));
)SQL");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "customers.json", customers_manifest);

    require_refused(dir, db, {"--prune"},
                    {"drop constraint public.customers.customers_email_key: constraint contacts_email_fkey on "
                     "crm.contacts uses",
                     "drop enum public.mood: column crm.contacts.moods uses type public.mood[] (schema crm is not "
                     "claimed by the manifests",
                     "drop table public.counters: the default of column crm.tickets.n uses sequence "
                     "public.counters_id_seq"});
}

TEST_CASE("dependents: a pruned domain, composite type, range type and aggregate used outside the claim",
          "[dependents]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("dep_types");
    cluster.run_sql(db, R"SQL(
CREATE FUNCTION public.acc(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
CREATE AGGREGATE public.total(int) (SFUNC = public.acc, STYPE = int, INITCOND = '0');
CREATE DOMAIN public.positive AS int CONSTRAINT positive_check CHECK (VALUE > 0);
CREATE TYPE public.pair AS (a int, b int);
CREATE TYPE public.span AS RANGE (subtype = int);
CREATE SCHEMA crm;
CREATE TABLE crm.scores (v public.positive, p public.pair, s public.span);
CREATE VIEW crm.totals AS SELECT public.total(v) FROM crm.scores;
)SQL");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "customers.json", customers_manifest);

    // The aggregate goes in the same plan, so acc is free; the rest is used
    // from crm, which the manifests do not claim.
    require_refused(
        dir, db, {"--prune"},
        {"drop aggregate public.total(integer): view crm.totals uses aggregate public.total(integer) (schema crm is "
         "not claimed",
         "drop domain public.positive: column crm.scores.v uses type public.positive (schema crm",
         "drop composite type public.pair: column crm.scores.p uses type public.pair (schema crm",
         "drop range type public.span: column crm.scores.s uses type public.span (schema crm"});
    auto plan = reconcile_on("plan", dir, db, {"--prune"});
    CHECK(!has(plan.err, "drop function public.acc"));
}

TEST_CASE("dependents: a domain check on a function the plan re-creates is named as managed", "[dependents]") {
    auto& cluster = TempCluster::shared();
    // The manifests give ok's argument a name, which only DROP and CREATE
    // can do.
    const std::string domain = "CREATE DOMAIN public.word AS text CONSTRAINT word_check CHECK (public.ok(VALUE));";
    const std::string body = " RETURNS boolean LANGUAGE sql IMMUTABLE AS $$SELECT $1 <> ''$$;";
    std::string source = cluster.create_database("dep_domain_check_src");
    cluster.run_sql(source, "CREATE FUNCTION public.ok(v text)" + body + domain);
    std::string dir = export_and_check_empty_plan(source);
    std::string db = cluster.create_database("dep_domain_check");
    cluster.run_sql(db, "CREATE FUNCTION public.ok(text)" + body + domain);

    require_refused(dir, db, {},
                    {"drop function public.ok(text): domain constraint word_check on public.word uses function "
                     "public.ok(pg_catalog.text) (the plan keeps it"});
}

TEST_CASE("dependents: the sequence of a column that stops being serial or identity", "[dependents]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("dep_sequence");
    cluster.run_sql(db, R"SQL(
CREATE TABLE public.customers (id serial PRIMARY KEY);
CREATE TABLE public.items (id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY);
CREATE SCHEMA ext;
CREATE TABLE ext.log (customer_no int DEFAULT nextval('public.customers_id_seq'));
CREATE VIEW public.next_item AS SELECT nextval('public.items_id_seq');
)SQL");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "customers.json", R"json({"table": "customers", "columns": [
        {"name": "id", "type": "int", "not_null": true}], "primary_key": {"columns": ["id"]}})json");
    write_manifest(dir, "items.json", R"json({"table": "items", "columns": [
        {"name": "id", "type": "int", "not_null": true}], "primary_key": {"columns": ["id"]}})json");

    require_refused(dir, db, {},
                    {"drop the sequence of column public.customers.id: the default of column ext.log.customer_no "
                     "uses sequence public.customers_id_seq (schema ext is not claimed by the manifests",
                     "drop the sequence of column public.items.id: view public.next_item uses sequence "
                     "public.items_id_seq (the plan keeps it: the manifests declare it, or --prune was not given)"});

    // Without the outside users, the same plan runs.
    cluster.run_sql(db, "DROP TABLE ext.log; DROP VIEW public.next_item");
    auto applied = reconcile_on("apply", dir, db, {"--yes", "--allow-destructive"});
    INFO(applied.out << applied.err);
    CHECK(applied.exit_code == 0);
}

TEST_CASE("dependents: what goes with a drop is no obstacle", "[dependents]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("dep_none");
    // Dropped together: the owned sequence, the table's own trigger and
    // policy, indexes and checks on the column, a foreign key between two
    // pruned tables.
    cluster.run_sql(db, R"SQL(
CREATE TABLE public.customers (id int PRIMARY KEY, email text, old serial, CHECK (old > 0));
CREATE INDEX ON public.customers (old);
CREATE TABLE public.parent (id int PRIMARY KEY);
CREATE TABLE public.child (parent_id int REFERENCES public.parent (id));
CREATE FUNCTION public.noop() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
CREATE TRIGGER t BEFORE INSERT ON public.parent FOR EACH ROW EXECUTE FUNCTION public.noop();
ALTER TABLE public.parent ENABLE ROW LEVEL SECURITY;
CREATE POLICY p ON public.parent USING (id > 0);
)SQL");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "customers.json", customers_manifest);

    auto applied = reconcile_on("apply", dir, db, {"--prune", "--yes", "--allow-destructive"});
    INFO(applied.out << applied.err);
    CHECK(applied.exit_code == 0);
    CHECK(query_column(db, "SELECT count(*) FROM pg_class WHERE relname IN ('parent', 'child', 'customers_old_seq')") ==
          "0");
}

TEST_CASE("dependents: drift reports the difference instead of refusing", "[dependents]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("dep_drift");
    cluster.run_sql(db, R"SQL(
CREATE TABLE public.customers (id int PRIMARY KEY, email text, phone text);
CREATE VIEW public.customer_phones AS SELECT phone FROM public.customers;
)SQL");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "customers.json", customers_manifest);
    auto drift = reconcile_on("drift", dir, db);
    INFO(drift.out << drift.err);
    CHECK(drift.exit_code == 2);
    CHECK(has(drift.out, "phone"));
}

TEST_CASE("dependents: one query for the whole plan, none for an empty one", "[dependents]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("dep_round_trips");
    std::string sql = "CREATE SCHEMA other;";
    std::vector<catalog::PlannedChange> changes;
    for (int i = 0; i < 200; ++i) {
        std::string table = "t" + std::to_string(i);
        sql += "CREATE TABLE public." + table + " (id int PRIMARY KEY, a int);";
        sql += "CREATE TABLE other.r" + std::to_string(i) + " (id int REFERENCES public." + table + ");";
        changes.push_back({catalog::PlannedAction::drop, catalog::table_id({"public", table})});
        changes.push_back({catalog::PlannedAction::retype, catalog::column_id({"public", table}, "a")});
    }
    cluster.run_sql(db, sql);
    auto conn = catalog::Connection::open(cluster.conninfo(db));

    auto before = conn.round_trips();
    CHECK(catalog::read_blocking_dependents(conn, {}).empty());
    CHECK(conn.round_trips() == before);

    auto found = catalog::read_blocking_dependents(conn, changes);
    CHECK(conn.round_trips() == before + 3);  // BEGIN, the query, COMMIT
    REQUIRE(found.size() == 200);
    CHECK(found.front().change == 0);
    CHECK(found.front().identity == "r0_id_fkey on other.r0");
    CHECK(found.front().uses == std::vector<std::string>{"index public.t0_pkey", "table column public.t0.id"});
}
