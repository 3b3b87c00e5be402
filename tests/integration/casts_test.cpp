// Column type changes the server has no cast for. Without `using`, a type
// change renders as `USING col::newtype`; where PostgreSQL has no such cast
// apply used to fail with "cannot cast type ...". plan must refuse first,
// name the column and both types, ask for `using`, and change nothing.
#include "catalog/introspect/casts.hpp"

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

std::string column_types(const std::string& db) {
    return query_column(db,
                        "SELECT string_agg(attname || ' ' || pg_catalog.format_type(atttypid, atttypmod), ', ' "
                        "ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'public.events'::regclass AND attnum > 0 "
                        "AND NOT attisdropped");
}

const char* const schemas_manifest = R"json({"schemas": {"public": {"enums": {
    "mood": {"values": ["ok", "sad"]}, "feeling": {"values": ["ok", "sad"]},
    "level": {"values": ["low", "high"]}}}}})json";

// The columns of public.events with `using` on the ones named in `with_using`.
std::string events_manifest(bool with_using) {
    std::string at = with_using ? R"x(, "using": "to_timestamp(at)")x" : "";
    std::string mood = with_using ? R"x(, "using": "mood::text::public.feeling")x" : "";
    std::string rank =
        with_using ? R"x(, "using": "CASE WHEN rank > 1 THEN 'high' ELSE 'low' END::public.level")x" : "";
    return R"json({"table": "events", "columns": [
        {"name": "id", "type": "int", "not_null": true},
        {"name": "at", "type": "timestamp")json" +
           at + R"json(},
        {"name": "mood", "type": "feeling")json" +
           mood + R"json(},
        {"name": "rank", "type": "level")json" +
           rank + R"json(},
        {"name": "label", "type": "level"},
        {"name": "size", "type": "bigint"}],
      "primary_key": {"columns": ["id"]}})json";
}

}  // namespace

TEST_CASE("casts: a type change with no cast is refused and asks for using", "[casts]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("casts_refused");
    // label (text -> a new enum) and size (int -> bigint) have casts; the
    // other three do not.
    cluster.run_sql(db, R"SQL(
CREATE TYPE public.mood AS ENUM ('ok', 'sad');
CREATE TYPE public.feeling AS ENUM ('ok', 'sad');
CREATE TABLE public.events (id int PRIMARY KEY, at bigint, mood public.mood, rank int, label text, size int);
INSERT INTO public.events VALUES (1, 1700000000, 'sad', 2, 'low', 5);
)SQL");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", schemas_manifest);
    write_manifest(dir, "events.json", events_manifest(false));
    std::string before = column_types(db);

    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 1);
    CHECK(has(plan.err, "column public.events.at: bigint -> timestamp without time zone"));
    CHECK(has(plan.err, "column public.events.mood: public.mood -> public.feeling"));
    CHECK(has(plan.err, "column public.events.rank: integer -> public.level"));
    CHECK(has(plan.err, "\"using\""));
    CHECK_FALSE(has(plan.err, "events.label"));
    CHECK_FALSE(has(plan.err, "events.size"));

    auto refused = reconcile_on("apply", dir, db, {"--yes", "--allow-destructive"});
    INFO(refused.out << refused.err);
    CHECK(refused.exit_code == 1);
    CHECK(has(refused.err, "public.events.at"));
    CHECK(column_types(db) == before);

    // With `using` the same changes plan and apply.
    write_manifest(dir, "events.json", events_manifest(true));
    auto applied = reconcile_on("apply", dir, db, {"--yes", "--allow-destructive"});
    INFO(applied.out << applied.err);
    CHECK(applied.exit_code == 0);
    CHECK(
        query_column(db, "SELECT (at IS NOT NULL) || ' ' || mood || ' ' || rank || ' ' || label FROM public.events") ==
        "true sad high low");
}

TEST_CASE("casts: the catalog query agrees with the server on pairs of types", "[casts]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("casts_pairs");
    cluster.run_sql(db, R"SQL(
CREATE TYPE public.mood AS ENUM ('a');
CREATE TYPE public.other_mood AS ENUM ('a');
CREATE DOMAIN public.positive AS integer CHECK (VALUE > 0);
CREATE DOMAIN public.small_positive AS public.positive;
CREATE DOMAIN public.note AS text;
)SQL");
    const std::vector<std::string> types = {"integer",
                                            "bigint",
                                            "smallint",
                                            "numeric(10,2)",
                                            "real",
                                            "text",
                                            "character varying(10)",
                                            "character(3)",
                                            "\"char\"",
                                            "name",
                                            "boolean",
                                            "timestamp without time zone",
                                            "timestamp with time zone",
                                            "date",
                                            "interval",
                                            "jsonb",
                                            "json",
                                            "uuid",
                                            "bytea",
                                            "inet",
                                            "cidr",
                                            "money",
                                            "oid",
                                            "regclass",
                                            "bit(3)",
                                            "int4range",
                                            "integer[]",
                                            "bigint[]",
                                            "text[]",
                                            "public.mood",
                                            "public.other_mood",
                                            "public.mood[]",
                                            "public.positive",
                                            "public.small_positive",
                                            "public.positive[]",
                                            "public.note",
                                            "int2vector",
                                            "oidvector"};
    std::vector<catalog::CastQuestion> questions;
    for (const auto& from : types) {
        for (const auto& to : types) {
            if (from == to) continue;
            questions.push_back({from, to, catalog::NewTarget::no});
            // The same question as if the plan created the target enum.
            if (to == "public.mood") questions.push_back({from, to, catalog::NewTarget::enum_type});
            if (to == "public.mood[]") questions.push_back({from, to, catalog::NewTarget::enum_array});
        }
    }
    auto conn = catalog::Connection::open(cluster.conninfo(db));
    auto before = conn.round_trips();
    auto verdicts = catalog::read_cast_verdicts(conn, questions);
    CHECK(conn.round_trips() == before + 3);  // BEGIN, the query, COMMIT
    REQUIRE(verdicts.size() == questions.size());

    for (std::size_t i = 0; i < questions.size(); ++i) {
        const auto& q = questions[i];
        bool server_casts = true;
        try {
            conn.query("SELECT NULL::" + q.from + "::" + q.to);
        } catch (const catalog::QueryError& error) {
            server_casts = false;
            INFO(error.what());
            CHECK(error.sqlstate == "42846");  // cannot_coerce
        }
        INFO(q.from << " -> " << q.to << " (new target: " << static_cast<int>(q.new_target) << ")");
        CHECK(verdicts[i] == (server_casts ? catalog::CastVerdict::exists : catalog::CastVerdict::missing));
    }
}

TEST_CASE("casts: one run names missing casts and outside dependents together", "[casts][dependents]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("casts_both");
    cluster.run_sql(db, R"SQL(
CREATE TABLE public.events (id int PRIMARY KEY, at bigint, note text);
CREATE VIEW public.notes AS SELECT note FROM public.events;
)SQL");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", R"json({"schemas": {"public": {"comment": "standard public schema"}}})json");
    write_manifest(dir, "events.json", R"json({"table": "events", "columns": [
        {"name": "id", "type": "int", "not_null": true}, {"name": "at", "type": "timestamp"}],
      "primary_key": {"columns": ["id"]}})json");
    auto plan = reconcile_on("plan", dir, db, {"--allow-destructive"});
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 1);
    CHECK(has(plan.err, "column public.events.at: bigint -> timestamp without time zone"));
    CHECK(has(plan.err, "drop column public.events.note: view public.notes uses column public.events.note"));
}
