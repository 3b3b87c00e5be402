// The acceptance scenarios: production as found (before.sql) reconciled with
// the manifests in examples/ must match the desired state (after.sql), keep
// its rows and behaviour, and plan as empty afterwards.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>

#include "catalog/pg/connection.hpp"
#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

std::string example(const std::string& scenario) {
    return source_dir() + "/examples/" + scenario;
}

// Apply the example to `before`, then require the schema of `after` and an
// empty second plan.
void converge(const std::string& scenario, const ScenarioDatabases& dbs) {
    auto& cluster = TempCluster::shared();
    auto applied = run_reconcile(
        {"apply", "-m", example(scenario), "-d", cluster.conninfo(dbs.before), "--yes", "--allow-hazards", "all"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);

    auto have = read_schemas(dbs.before, {"public"});
    auto want = read_schemas(dbs.after, {"public"});
    CHECK(schema_differences(have, want) == "");

    auto again = run_reconcile({"plan", "-m", example(scenario), "-d", cluster.conninfo(dbs.before)});
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);
    CHECK(again.out.find("No changes.") != std::string::npos);
}

}  // namespace

TEST_CASE("prisma-soft-delete: two columns and two indexes, mixed case kept", "[scenario]") {
    auto dbs = load_scenario("prisma-soft-delete");
    auto& cluster = TempCluster::shared();

    auto drift = run_reconcile({"drift", "-m", example("prisma-soft-delete"), "-d", cluster.conninfo(dbs.before)});
    INFO(drift.out << drift.err);
    CHECK(drift.exit_code == 2);
    for (const char* object : {"Conversation.deletedAt", "Notification.snoozedUntil", "Conversation_deletedAt_idx",
                               "Notification_snoozedUntil_idx"}) {
        CHECK(drift.out.find(object) != std::string::npos);
    }

    auto plan = run_reconcile(
        {"plan", "-m", example("prisma-soft-delete"), "-d", cluster.conninfo(dbs.before), "--format", "json"});
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 2);
    CHECK(plan.out.find("\"steps\": 4") != std::string::npos);
    CHECK(plan.out.find("\\\"Conversation\\\"") != std::string::npos);

    converge("prisma-soft-delete", dbs);

    CHECK(query_column(dbs.before, R"(SELECT count(*) FROM "Conversation")") == "2");
    CHECK(query_column(dbs.before, R"(SELECT count(*) FROM "Message")") == "2");
    CHECK(query_column(dbs.before, R"(SELECT "status"::text FROM "Conversation" ORDER BY id LIMIT 1)") == "ACTIVE");
    auto after_drift =
        run_reconcile({"drift", "-m", example("prisma-soft-delete"), "-d", cluster.conninfo(dbs.before)});
    CHECK(after_drift.exit_code == 0);
}

TEST_CASE("community-reactions: primary key added, foreign key action changed, rows kept", "[scenario]") {
    auto dbs = load_scenario("community-reactions");
    auto& cluster = TempCluster::shared();

    auto plan =
        run_reconcile({"plan", "-m", example("community-reactions"), "-d", cluster.conninfo(dbs.before), "--verbose"});
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 2);
    // The reviewer sees the strong locks and scans before anything runs.
    CHECK(plan.out.find("ACQUIRES_ACCESS_EXCLUSIVE_LOCK") != std::string::npos);
    // The trigger that forbids deletes and its function are managed, and
    // already as the manifests say: nothing to do for them, nothing listed
    // as not managed.
    CHECK(plan.out.find("post_reactions_permanent") == std::string::npos);
    CHECK(plan.out.find("reactions_are_permanent") == std::string::npos);

    converge("community-reactions", dbs);

    CHECK(query_column(dbs.before, "SELECT count(*) FROM post_reactions") == "3");
    CHECK(query_column(dbs.before, "SELECT string_agg(id::text, ',' ORDER BY id) FROM post_reactions") == "1,2,3");
    CHECK(query_column(dbs.before,
                       "SELECT count(*) FROM posts WHERE NOT is_hidden AND moderation_status = 'approved'") == "2");
    // The bug the scenario is about: deleting a post now works, and its
    // reactions stay with a NULL post_id (the trigger still forbids deletes).
    cluster.run_sql(dbs.before, "DELETE FROM posts WHERE id = 2");
    CHECK(query_column(dbs.before, "SELECT count(*) FROM post_reactions WHERE post_id IS NULL") == "2");
    CHECK(query_column(dbs.before, "SELECT count(*) FROM pg_trigger WHERE tgname = 'post_reactions_permanent'") == "1");
    CHECK_THROWS_WITH(cluster.run_sql(dbs.before, "DELETE FROM post_reactions WHERE id = 1"),
                      Catch::Contains("reactions are permanent"));
}

TEST_CASE("analytics-storage: tables created, GIN opclass kept, other team's schema untouched", "[scenario]") {
    auto dbs = load_scenario("analytics-storage");
    auto& cluster = TempCluster::shared();

    auto plan = run_reconcile(
        {"plan", "-m", example("analytics-storage"), "-d", cluster.conninfo(dbs.before), "--prune", "--format", "sql"});
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 2);
    CHECK(plan.out.find("reporting") == std::string::npos);
    CHECK(plan.out.find("jsonb_path_ops") != std::string::npos);

    converge("analytics-storage", dbs);

    CHECK(query_column(dbs.before, "SELECT profile_data->>'name' FROM connector_profiles") == "Test SQL Server");
    CHECK(query_column(dbs.before, "SELECT count(*) FROM reporting.daily_rollups") == "0");
    CHECK(read_schemas(dbs.before, {"reporting"}) == read_schemas(dbs.after, {"reporting"}));
}

TEST_CASE("supabase-meta-hub: RLS and a policy calling auth.uid(); the platform's schema and role untouched",
          "[scenario]") {
    auto dbs = load_scenario("supabase-meta-hub");
    auto& cluster = TempCluster::shared();

    auto plan = run_reconcile(
        {"plan", "-m", example("supabase-meta-hub"), "-d", cluster.conninfo(dbs.before), "--prune", "--format", "sql"});
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 2);
    CHECK(has(plan.out, R"(ENABLE ROW LEVEL SECURITY)"));
    CHECK(has(plan.out, R"(CREATE POLICY "users_access_own_saved_views")"));
    // The broken function keeps its signature: replaced in place, not dropped.
    CHECK(has(plan.out, R"(CREATE OR REPLACE FUNCTION "public"."apply_workspace_token_delta")"));
    CHECK_FALSE(has(plan.out, R"(DROP FUNCTION)"));
    CHECK(has(plan.out, R"(GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE "public"."wa_saved_views" TO "authenticated")"));
    // auth and the platform's role are referenced (a foreign key, the
    // policy's call, a grant), never changed.
    for (const char* forbidden : {R"(TABLE "auth")", R"(SCHEMA "auth")", "ROLE", R"(FUNCTION "auth")"}) {
        CHECK_FALSE(has(plan.out, forbidden));
    }

    auto applied =
        run_reconcile({"apply", "-m", example("supabase-meta-hub"), "-d", cluster.conninfo(dbs.before), "--yes",
                       "--allow-hazards", "all"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    // The policy expression, the RLS flags and the function bodies do not
    // drift on re-read.
    auto again = run_reconcile({"plan", "-m", example("supabase-meta-hub"), "-d", cluster.conninfo(dbs.before)});
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);
    CHECK(has(again.out, "No changes."));
    auto got = read_schemas(dbs.before, {"public"});
    auto want = read_schemas(dbs.after, {"public"});
    CHECK(got.tables == want.tables);
    CHECK(got.functions == want.functions);
    CHECK(query_column(dbs.before, "SELECT value::text FROM workspace_entitlements") == R"({"tier": "beta"})");
    CHECK(query_column(dbs.before, "SELECT has_table_privilege('authenticated', 'public.wa_saved_views', "
                                   "'SELECT, INSERT, UPDATE, DELETE')::text") == "true");

    // The functions at work. The token delta no longer trips on an ambiguous
    // column; the rate limiter lets two calls through a cap of 2 and refuses
    // the third; the outbox claim takes queued rows once.
    cluster.run_sql(dbs.before, R"SQL(
INSERT INTO public.outbox_messages (workspace_id, idempotency_key) VALUES
  ('10000000-0000-0000-0000-000000000001', 'a'), ('10000000-0000-0000-0000-000000000001', 'b');
)SQL");
    CHECK(query_column(dbs.before, "SELECT balance::text FROM public.apply_workspace_token_delta("
                                   "'10000000-0000-0000-0000-000000000001', 5)") == "50005");
    CHECK(query_column(dbs.before, "SELECT string_agg(public.take_rate_limit_slot('k', 2, 3600)::text, ',') "
                                   "FROM generate_series(1, 3)") == "true,true,false");
    CHECK(query_column(dbs.before, "SELECT count(*)::text FROM public.claim_outbox(10, 'w1')") == "2");
    CHECK(query_column(dbs.before, "SELECT count(*)::text FROM public.claim_outbox(10, 'w2')") == "0");
    CHECK(query_column(dbs.before, "SELECT string_agg(DISTINCT status || ':' || claimed_by, ',') "
                                   "FROM public.outbox_messages") == "sending:w1");

    // The policy at work: each user sees only their own saved views. What
    // the platform grants its role (Supabase does it for every project) is
    // set up here.
    cluster.run_sql(dbs.before, R"SQL(
GRANT USAGE ON SCHEMA auth, public TO authenticated;
GRANT SELECT ON public.workspace_memberships TO authenticated;
INSERT INTO auth.users (id) VALUES ('00000000-0000-0000-0000-000000000002');
INSERT INTO public.workspace_memberships VALUES
  ('10000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002', 'member');
INSERT INTO public.wa_saved_views (workspace_id, user_id, name) VALUES
  ('10000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001', 'mine'),
  ('10000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002', 'theirs');
)SQL");
    // A session as the platform's API opens it: role authenticated, the
    // user's id in the JWT claim auth.uid() reads.
    auto seen_by = [&](const std::string& user) {
        auto conn = reconcile::catalog::Connection::open(
            cluster.conninfo(dbs.before) + " options='-c role=authenticated -c request.jwt.claim.sub=" + user + "'");
        std::string out;
        for (auto row : conn.query("SELECT name FROM public.wa_saved_views ORDER BY name")) {
            out += std::string(out.empty() ? "" : ",") + std::string(row[0].value_or(""));
        }
        return out;
    };
    CHECK(seen_by("00000000-0000-0000-0000-000000000001") == "mine");
    CHECK(seen_by("00000000-0000-0000-0000-000000000002") == "theirs");
    CHECK(seen_by("00000000-0000-0000-0000-000000000003") == "");
}

TEST_CASE("round trip: export then plan is empty on every scenario's desired state", "[roundtrip]") {
    auto& cluster = TempCluster::shared();
    for (const char* scenario :
         {"pecr-consent", "prisma-soft-delete", "community-reactions", "supabase-meta-hub", "analytics-storage"}) {
        SECTION(scenario) {
            std::string db = load_scenario_file(scenario, "after.sql");
            std::string dir = export_and_check_empty_plan(db);

            // Exporting again changes no file.
            std::string again = make_temp_dir("reconcile-export");
            REQUIRE(run_reconcile({"export", "-d", cluster.conninfo(db), "-o", again}).exit_code == 0);
            auto listing = [](const std::string& root) {
                std::map<std::string, std::string> files;
                for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
                    if (entry.is_regular_file()) {
                        files[std::filesystem::relative(entry.path(), root).string()] =
                            read_file(entry.path().string());
                    }
                }
                return files;
            };
            CHECK(listing(dir) == listing(again));
        }
    }
}
