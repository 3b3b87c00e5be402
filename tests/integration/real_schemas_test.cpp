// The round-trip law on shapes met in real applications' schemas (written
// here in our own words, never copied): each case is the smallest schema
// that broke export, plan or apply when a public application's schema was
// loaded, exported and rebuilt into an empty database.
#include <catch2/catch.hpp>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

// An API schema's login function returns a composite type declared in
// another schema, and RPC functions take domains: creating the function in
// scratch needs those types, which an empty database does not have yet.
TEST_CASE("round trip: functions whose signatures name declared composite types, domains and range types",
          "[roundtrip][functions][real-schemas]") {
    auto& cluster = TempCluster::shared();
    std::string source = cluster.create_database("signature_types");
    cluster.run_sql(source, R"SQL(
CREATE SCHEMA api;
CREATE TYPE public.session_token AS (token text, expires timestamptz);
CREATE DOMAIN api."text/csv" AS text;
CREATE TYPE api.hours AS RANGE (subtype = integer);
CREATE FUNCTION api.sign_in(who text) RETURNS public.session_token LANGUAGE sql STABLE AS $$
    SELECT ROW(who, now())::public.session_token
$$;
CREATE FUNCTION api.as_csv(body api."text/csv", during api.hours) RETURNS SETOF api."text/csv"
    LANGUAGE sql IMMUTABLE AS $$ SELECT body $$;
)SQL");

    std::string dir = export_and_check_empty_plan(source);
    auto rebuilt = check_rebuilds_from_export(source, dir);
    CHECK(query_column(rebuilt, "SELECT (api.sign_in('ana')).token") == "ana");
}

// A documented demo database comments every output column of its views;
// export dropped those comments and a plan never saw them missing.
TEST_CASE("round trip: comments on the output columns of views and materialized views",
          "[roundtrip][views][real-schemas]") {
    auto& cluster = TempCluster::shared();
    std::string source = cluster.create_database("view_column_comments");
    cluster.run_sql(source, R"SQL(
CREATE TABLE public.flight (id integer PRIMARY KEY, departs timestamptz NOT NULL, lands timestamptz NOT NULL);
CREATE VIEW public.flight_times AS SELECT id, lands - departs AS duration FROM public.flight;
COMMENT ON VIEW public.flight_times IS 'Flights with durations';
COMMENT ON COLUMN public.flight_times.duration IS 'Scheduled flight duration';
CREATE MATERIALIZED VIEW public.daily AS SELECT departs::date AS day, count(*) AS flights FROM public.flight
    GROUP BY 1 WITH NO DATA;
COMMENT ON COLUMN public.daily.flights IS 'Flights that day, ''all'' of them';
)SQL");

    std::string dir = export_and_check_empty_plan(source);
    CHECK(has(read_file(dir + "/public/flight_times.json"), "\"column_comments\""));
    check_rebuilds_from_export(source, dir);

    // A comment changed, one added, one removed: one step each, then nothing.
    write_manifest(dir, "public/flight_times.json", R"json({"schema": "public", "view": "flight_times",
        "query": "SELECT id, lands - departs AS duration FROM public.flight",
        "comment": "Flights with durations", "column_comments": {"id": "Flight", "duration": "Hours in the air"}})json");
    write_manifest(dir, "public/daily.json", R"json({"schema": "public", "materialized_view": "daily",
        "query": "SELECT departs::date AS day, count(*) AS flights FROM public.flight GROUP BY 1",
        "with_no_data": true})json");
    auto applied = reconcile_on("apply", dir, source, {"--yes"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    CHECK(has(applied.out, "Applied 3 steps."));
    CHECK(query_column(source,
                       "SELECT coalesce(col_description('public.flight_times'::regclass, 1), '-') || '/' || "
                       "col_description('public.flight_times'::regclass, 2) || '/' || "
                       "coalesce(col_description('public.daily'::regclass, 2), '-')") == "Flight/Hours in the air/-");

    // A column the view does not have is named before anything runs.
    write_manifest(dir, "public/flight_times.json", R"json({"schema": "public", "view": "flight_times",
        "query": "SELECT id, lands - departs AS duration FROM public.flight",
        "column_comments": {"speed": "km/h"}})json");
    auto wrong = reconcile_on("plan", dir, source);
    CHECK(wrong.exit_code == 1);
    CHECK(has(wrong.err, "flight_times.json"));
    CHECK(has(wrong.err, "has no column \"speed\""));
}

namespace {

// How many statements of a SQL plan are created with their body unchecked.
std::size_t unchecked_bodies(const std::string& plan) {
    std::size_t count = 0;
    for (std::size_t at = 0; (at = plan.find("SET check_function_bodies = off", at)) != std::string::npos; ++at) {
        ++count;
    }
    return count;
}

}  // namespace

// Found on LedgerSMB, whose export did not apply to an empty database:
// CREATE FUNCTION checks a SQL body's relations and a PL/pgSQL body's
// DECLARE types against what exists then, and a signature names row types.
TEST_CASE("round trip: functions whose signature or body uses a view", "[roundtrip][functions][views][real-schemas]") {
    auto& cluster = TempCluster::shared();
    std::string source = cluster.create_database("functions_use_views");
    cluster.run_sql(source, R"SQL(
CREATE TABLE public.ticket (id integer PRIMARY KEY, status text NOT NULL);
INSERT INTO public.ticket VALUES (1, 'open'), (2, 'closed'), (3, 'open');
CREATE VIEW public.open_ticket AS SELECT id FROM public.ticket WHERE status = 'open';
CREATE FUNCTION public.open_count() RETURNS bigint LANGUAGE sql STABLE
    AS $$ SELECT count(*) FROM public.open_ticket $$;
CREATE FUNCTION public.open_after(first_id integer) RETURNS SETOF public.open_ticket LANGUAGE sql STABLE
    AS $$ SELECT * FROM public.open_ticket WHERE id > first_id $$;
CREATE FUNCTION public.first_open() RETURNS integer LANGUAGE plpgsql STABLE AS $$
DECLARE
    found public.open_ticket;
BEGIN
    SELECT * INTO found FROM public.open_ticket ORDER BY id LIMIT 1;
    RETURN found.id;
END $$;
-- A view calling a SQL function whose body reads that view: no order
-- creates both with the body checked (the CASE keeps it from recursing).
CREATE FUNCTION public.label(t_id integer) RETURNS text LANGUAGE sql STABLE
    AS $$ SELECT 'ticket ' || t_id $$;
CREATE VIEW public.labelled AS SELECT id, public.label(id) AS label FROM public.ticket;
CREATE OR REPLACE FUNCTION public.label(t_id integer) RETURNS text LANGUAGE sql STABLE
    AS $$ SELECT CASE WHEN t_id < 0 THEN (SELECT min(label) FROM public.labelled) ELSE 'ticket ' || t_id END $$;
-- A table whose default calls a SQL function that reads the table.
CREATE TABLE public.note (id integer PRIMARY KEY, body text);
CREATE FUNCTION public.next_note_id() RETURNS integer LANGUAGE sql
    AS $$ SELECT coalesce(max(id), 0) + 1 FROM public.note $$;
ALTER TABLE public.note ALTER COLUMN id SET DEFAULT public.next_note_id();
)SQL");

    std::string dir = export_and_check_empty_plan(source);
    auto rebuilt = check_rebuilds_from_export(source, dir);
    cluster.run_sql(rebuilt, "INSERT INTO public.ticket VALUES (1, 'open'), (2, 'closed'), (3, 'open')");
    CHECK(query_column(rebuilt, "SELECT public.open_count()") == "2");
    CHECK(query_column(rebuilt, "SELECT string_agg(id::text, ',') FROM public.open_after(1)") == "3");
    CHECK(query_column(rebuilt, "SELECT public.first_open()") == "1");
    CHECK(query_column(rebuilt, "SELECT label FROM public.labelled WHERE id = 2") == "ticket 2");
    cluster.run_sql(rebuilt, "INSERT INTO public.note (body) VALUES ('a')");
    cluster.run_sql(rebuilt, "INSERT INTO public.note (body) VALUES ('b')");
    CHECK(query_column(rebuilt, "SELECT string_agg(id::text, ',' ORDER BY id) FROM public.note") == "1,2");
    // Only the functions on a cycle go unchecked.
    std::string empty = cluster.create_database("functions_use_views_plan");
    auto plan = reconcile_on("plan", dir, empty, {"--format", "sql"});
    CHECK(plan.exit_code == 2);
    CHECK(unchecked_bodies(plan.out) == 2);
}

// Helpers written in SQL that call each other load from a dump (which turns
// check_function_bodies off), but CREATE FUNCTION checks a SQL body, and
// ordering each after the functions it calls is a cycle: apply stopped.
TEST_CASE("round trip: SQL functions that call each other", "[roundtrip][functions][real-schemas]") {
    auto& cluster = TempCluster::shared();
    std::string source = cluster.create_database("sql_call_cycle");
    cluster.run_sql(source, R"SQL(
SET check_function_bodies = off;
CREATE FUNCTION public.is_even(n integer) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT n = 0 OR public.is_odd(n - 1) $$;
CREATE FUNCTION public.is_odd(n integer) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT n <> 0 AND public.is_even(n - 1) $$;
CREATE FUNCTION public.parity(n integer) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN public.is_even(n) THEN 'even' ELSE 'odd' END $$;
)SQL");

    std::string dir = export_and_check_empty_plan(source);
    auto rebuilt = check_rebuilds_from_export(source, dir);
    CHECK(query_column(rebuilt, "SELECT public.parity(4) || ' ' || public.parity(7)") == "even odd");
    // Only the two in the cycle go unchecked, and the setting comes back.
    std::string empty = cluster.create_database("sql_call_cycle_plan");
    auto plan = reconcile_on("plan", dir, empty, {"--format", "sql"});
    CHECK(plan.exit_code == 2);
    CHECK(unchecked_bodies(plan.out) == 2);
    CHECK(has(plan.out, "RESET check_function_bodies"));
}
