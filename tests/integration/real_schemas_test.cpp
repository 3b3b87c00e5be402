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
