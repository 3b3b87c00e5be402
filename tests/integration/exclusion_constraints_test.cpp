// Exclusion constraints (EXCLUDE USING gist (...)) as applications declare
// them with btree_gist: read, exported, rebuilt from the export, replaced
// when their definition changes, and enforced after apply.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

// Schema file claiming public with btree_gist in it, as the export writes it.
constexpr const char* schema_with_btree_gist =
    R"json({"schemas": {"public": {"comment": "standard public schema", "extensions": {"btree_gist": {}}}}})json";

// `more` goes after the exclusions: further table keys, comma first.
std::string booking_table(const std::string& exclusions, const std::string& more = "") {
    return R"json({"schema": "public", "table": "booking",
        "columns": [{"name": "id", "type": "bigint", "not_null": true},
                    {"name": "room", "type": "text", "not_null": true},
                    {"name": "during", "type": "tstzrange", "not_null": true},
                    {"name": "cancelled", "type": "boolean", "not_null": true, "default": "false"}],
        "primary_key": {"columns": ["id"]},
        "exclusions": )json" +
           exclusions + more + "}";
}

}  // namespace

// A Rails structure.sql forbids overlapping stays per room; the export
// listed the constraint as not managed and a rebuilt database lacked it.
TEST_CASE("exclusion constraints: round trip through export", "[exclusion][roundtrip]") {
    auto& cluster = TempCluster::shared();
    std::string source = cluster.create_database("exclusion_source");
    cluster.run_sql(source, R"SQL(
CREATE EXTENSION btree_gist;
CREATE TABLE public.booking (id bigint PRIMARY KEY, room text NOT NULL, during tstzrange NOT NULL,
    cancelled boolean NOT NULL DEFAULT false,
    CONSTRAINT booking_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&) WHERE (NOT cancelled),
    CONSTRAINT booking_lower_room EXCLUDE USING gist (lower(room) WITH =, during WITH &&)
        DEFERRABLE INITIALLY DEFERRED);
COMMENT ON CONSTRAINT booking_no_overlap ON public.booking IS 'one stay per room at a time';
)SQL");

    std::string dir = export_and_check_empty_plan(source);
    auto exported = read_file(dir + "/public/booking.json");
    INFO(exported);
    CHECK(has(exported, "\"exclusions\""));
    CHECK(has(exported, "USING gist (room WITH =, during WITH &&) WHERE ((NOT cancelled))"));
    CHECK(has(exported, "\"initially_deferred\": true"));
    CHECK_FALSE(has(exported, "EXCLUDE"));

    auto rebuilt = check_rebuilds_from_export(source, dir);
    CHECK(query_column(rebuilt, "SELECT string_agg(conname || ':' || pg_get_constraintdef(oid), ' | ' ORDER BY conname) "
                                "FROM pg_constraint WHERE conrelid = 'public.booking'::regclass AND contype = 'x'") ==
          query_column(source, "SELECT string_agg(conname || ':' || pg_get_constraintdef(oid), ' | ' ORDER BY conname) "
                               "FROM pg_constraint WHERE conrelid = 'public.booking'::regclass AND contype = 'x'"));
    CHECK(query_column(rebuilt, "SELECT obj_description(oid, 'pg_constraint') FROM pg_constraint "
                                "WHERE conname = 'booking_no_overlap'") == "one stay per room at a time");
}

TEST_CASE("exclusion constraints: created, enforced, replaced when changed, dropped", "[exclusion]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("exclusion_apply");
    auto dir = make_temp_dir("exclusion_manifests");
    write_manifest(dir, "schema.json", schema_with_btree_gist);
    write_manifest(dir, "public/booking.json",
                   booking_table(R"json({"booking_no_overlap": {"definition": "using GIST (room with =, during with &&)"}})json"));

    auto created = reconcile_on("apply", dir, db, {"--yes"});
    INFO(created.out << created.err);
    REQUIRE(created.exit_code == 0);
    auto again = reconcile_on("plan", dir, db);
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);
    CHECK(has(again.out, "No changes"));

    cluster.run_sql(db, "INSERT INTO public.booking VALUES (1, 'a', '[2026-01-01,2026-01-05)', false)");
    cluster.run_sql(db, "INSERT INTO public.booking VALUES (2, 'b', '[2026-01-01,2026-01-05)', false)");
    CHECK_THROWS_WITH(cluster.run_sql(db, "INSERT INTO public.booking VALUES (3, 'a', '[2026-01-04,2026-01-06)', false)"),
                      Catch::Contains("booking_no_overlap"));

    // Cancelled stays no longer count: drop and add in one ALTER TABLE.
    write_manifest(dir, "public/booking.json",
                   booking_table(R"json({"booking_no_overlap":
                       {"definition": "USING gist (room WITH =, during WITH &&) WHERE (NOT cancelled)"}})json"));
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 2);
    CHECK(has(plan.out, "replace exclusion constraint public.booking.booking_no_overlap"));
    CHECK(has(plan.out, "ACQUIRES_ACCESS_EXCLUSIVE_LOCK"));
    CHECK(has(plan.out, "INDEX_BUILD"));
    auto sql = reconcile_on("plan", dir, db, {"--format", "sql"});
    CHECK(has(sql.out, R"(DROP CONSTRAINT "booking_no_overlap", ADD CONSTRAINT "booking_no_overlap" EXCLUDE USING gist)"));
    auto replaced = reconcile_on("apply", dir, db, {"--yes"});
    INFO(replaced.out << replaced.err);
    REQUIRE(replaced.exit_code == 0);
    CHECK(reconcile_on("plan", dir, db).exit_code == 0);
    cluster.run_sql(db, "INSERT INTO public.booking VALUES (3, 'a', '[2026-01-04,2026-01-06)', true)");
    CHECK_THROWS(cluster.run_sql(db, "INSERT INTO public.booking VALUES (4, 'a', '[2026-01-04,2026-01-06)', false)"));

    // A new constraint the rows already break: the build fails, nothing changes.
    write_manifest(dir, "public/booking.json",
                   booking_table(R"json({"booking_no_overlap":
                       {"definition": "USING gist (room WITH =, during WITH &&) WHERE (NOT cancelled)"},
                       "booking_any_overlap": {"definition": "USING gist (during WITH &&)"}})json"));
    auto conflicting = reconcile_on("apply", dir, db, {"--yes"});
    CHECK(conflicting.exit_code != 0);
    CHECK(query_column(db, "SELECT count(*) FROM pg_constraint WHERE conname = 'booking_any_overlap'") == "0");

    // Declared no more in the table's manifest: dropped.
    write_manifest(dir, "public/booking.json", booking_table("{}"));
    auto dropped = reconcile_on("apply", dir, db, {"--yes", "--allow-destructive"});
    INFO(dropped.out << dropped.err);
    REQUIRE(dropped.exit_code == 0);
    CHECK(query_column(db, "SELECT count(*) FROM pg_constraint WHERE contype = 'x'") == "0");
    cluster.run_sql(db, "INSERT INTO public.booking VALUES (4, 'a', '[2026-01-04,2026-01-06)', false)");
}

// PostgreSQL has no NOT VALID exclusion constraint and no ADD ... USING
// INDEX for one: --online must leave the add in the transaction, as one
// statement building the index under ACCESS EXCLUSIVE, and say so, instead
// of splitting it like a check (which the server would refuse).
TEST_CASE("exclusion constraints: --online adds them in the transaction, never NOT VALID", "[exclusion][online]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("exclusion_online");
    auto dir = make_temp_dir("exclusion_online");
    write_manifest(dir, "schema.json", schema_with_btree_gist);
    write_manifest(dir, "public/booking.json", booking_table("{}"));
    auto created = reconcile_on("apply", dir, db, {"--yes"});
    INFO(created.out << created.err);
    REQUIRE(created.exit_code == 0);
    cluster.run_sql(db, "INSERT INTO public.booking SELECT g, 'room ' || g, tstzrange(now(), now() + interval '1 day'), "
                        "false FROM generate_series(1, 100) g");

    write_manifest(dir, "public/booking.json",
                   booking_table(R"json({"booking_no_overlap": {"definition": "USING gist (room WITH =, during WITH &&)"}})json"));
    auto plan = reconcile_on("plan", dir, db, {"--online", "--format", "json"});
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    auto steps = nlohmann::json::parse(plan.out)["steps"];
    REQUIRE(steps.size() == 1);
    CHECK(steps[0]["kind"] == "add_constraint");
    CHECK(steps[0]["transactional"] == true);
    CHECK_FALSE(steps[0].contains("own_transaction"));
    CHECK_FALSE(has(steps[0]["sql"][0].get<std::string>(), "NOT VALID"));
    std::set<std::string> hazards;
    for (const auto& hazard : steps[0]["hazards"]) hazards.insert(hazard.get<std::string>());
    CHECK(hazards == std::set<std::string>{"ACQUIRES_ACCESS_EXCLUSIVE_LOCK", "INDEX_BUILD", "CORRECTNESS"});

    auto applied = reconcile_on("apply", dir, db, {"--yes", "--online"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    CHECK(query_column(db, "SELECT convalidated FROM pg_constraint WHERE conname = 'booking_no_overlap'") == "t");
    CHECK(reconcile_on("plan", dir, db, {"--online"}).exit_code == 0);

    // Replaced by a check of the same name: the check is split (dropping the
    // exclusion constraint drops its index, and the plan says so).
    write_manifest(dir, "public/booking.json",
                   booking_table("{}", R"json(, "checks": {"booking_no_overlap": {"expression": "NOT isempty(during)"}})json"));
    auto swap = reconcile_on("plan", dir, db, {"--online", "--format", "json"});
    INFO(swap.out << swap.err);
    REQUIRE(swap.exit_code == 2);
    auto swap_steps = nlohmann::json::parse(swap.out)["steps"];
    REQUIRE(swap_steps.size() == 2);
    CHECK(swap_steps[0]["kind"] == "replace_constraint");
    std::set<std::string> swap_hazards;
    for (const auto& hazard : swap_steps[0]["hazards"]) swap_hazards.insert(hazard.get<std::string>());
    CHECK(swap_hazards == std::set<std::string>{"ACQUIRES_ACCESS_EXCLUSIVE_LOCK", "INDEX_DROPPED"});
    CHECK(swap_steps[1]["kind"] == "validate_constraint");
    auto swapped = reconcile_on("apply", dir, db, {"--yes", "--online"});
    INFO(swapped.out << swapped.err);
    REQUIRE(swapped.exit_code == 0);
    CHECK(query_column(db, "SELECT contype::text || convalidated::text FROM pg_constraint "
                           "WHERE conname = 'booking_no_overlap'") == "ctrue");
}

TEST_CASE("exclusion constraints: bad manifests name the file and pointer", "[exclusion][validation]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("exclusion_invalid");
    auto dir = make_temp_dir("exclusion_invalid");
    write_manifest(dir, "schema.json", schema_with_btree_gist);

    write_manifest(dir, "public/booking.json", booking_table(R"json({"x": {"definition": "USING gist (room WITH =)",
                                                                         "using": "gist"}})json"));
    auto unknown = run_reconcile({"validate", "-m", dir});
    CHECK(unknown.exit_code == 1);
    CHECK(has(unknown.err, "booking.json"));
    CHECK(has(unknown.err, "/exclusions/x/using"));

    write_manifest(dir, "public/booking.json", booking_table(R"json({"x": {}})json"));
    auto missing = run_reconcile({"validate", "-m", dir});
    CHECK(missing.exit_code == 1);
    CHECK(has(missing.err, "/exclusions/x"));
    CHECK(has(missing.err, "definition"));

    write_manifest(dir, "public/booking.json",
                   booking_table(R"json({"x": {"definition": "EXCLUDE USING gist (room WITH =)"}})json"));
    auto keyword = run_reconcile({"validate", "-m", dir});
    CHECK(keyword.exit_code == 1);
    CHECK(has(keyword.err, "/exclusions/x/definition"));

    // The server rejects the text while canonicalizing: the plan names the
    // constraint and changes nothing.
    write_manifest(dir, "public/booking.json",
                   booking_table(R"json({"x": {"definition": "USING gist (room WITH <%>)"}})json"));
    auto rejected = reconcile_on("plan", dir, db);
    CHECK(rejected.exit_code == 1);
    CHECK(has(rejected.err, "booking"));
    CHECK(query_column(db, "SELECT count(*) FROM pg_class WHERE relname = 'booking'") == "0");
}
