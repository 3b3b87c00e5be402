// Saved plans: plan -o plan.json, then apply --plan plan.json runs exactly
// the saved steps when what they touch is unchanged, leaves drift elsewhere
// alone, and refuses (changing nothing) when a touched table moved, when
// the manifests changed, or when the file is not a saved plan.
#include <catch2/catch.hpp>
#include <string>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

void write_tables(const std::string& dir, const std::string& accounts_extra) {
    write_manifest(dir, "schemas.json", R"({"schemas": {"public": {"comment": "standard public schema"}}})");
    write_manifest(dir, "public/accounts.json", R"({"table": "accounts", "columns": [
        {"name": "id", "type": "integer", "not_null": true}, {"name": "email", "type": "text"})" +
                                                    accounts_extra + R"(],
        "primary_key": {"columns": ["id"]}})");
    write_manifest(dir, "public/notes.json", R"({"table": "notes", "columns": [
        {"name": "id", "type": "integer", "not_null": true}], "primary_key": {"columns": ["id"]}})");
}

std::string columns_of(const std::string& db, const std::string& table) {
    return query_column(db, "SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute WHERE attrelid = "
                            "'public." + table + "'::regclass AND attnum > 0 AND NOT attisdropped");
}

}  // namespace

TEST_CASE("a saved plan runs its own steps, ignores drift elsewhere, and is refused once a touched table moved",
          "[apply][saved-plan]") {
    auto& cluster = TempCluster::shared();
    auto db = cluster.create_database("saved_plan");
    cluster.run_sql(db, "CREATE TABLE public.accounts (id integer PRIMARY KEY, email text);"
                        "CREATE TABLE public.notes (id integer PRIMARY KEY);"
                        "INSERT INTO public.accounts VALUES (1, 'a@example.com');");
    auto dir = make_temp_dir("saved-plan");
    write_tables(dir, R"(, {"name": "nickname", "type": "text"})");
    auto saved = make_temp_dir("saved-plan-file") + "/plan.json";

    auto planned = reconcile_on("plan", dir, db, {"-o", saved});
    INFO(planned.out << planned.err);
    REQUIRE(planned.exit_code == 2);
    auto file = read_file(saved);
    CHECK(has(file, R"("saved")"));
    CHECK(has(file, R"("manifests_digest")"));
    CHECK(has(file, "public/accounts.json"));

    // Drift on a table the plan does not touch: the saved plan still runs,
    // and only its own step.
    cluster.run_sql(db, "ALTER TABLE public.notes ADD COLUMN stray integer;");
    auto applied = reconcile_on("apply", dir, db, {"--plan", saved, "--yes"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    CHECK(has(applied.out, "Applied 1 step."));
    CHECK(has(applied.out, "not run"));
    CHECK(columns_of(db, "accounts") == "id,email,nickname");
    CHECK(columns_of(db, "notes") == "id,stray");

    // A new saved plan; then someone changes the table it touches.
    write_tables(dir, R"(, {"name": "nickname", "type": "text"}, {"name": "plan_tier", "type": "text"})");
    REQUIRE(reconcile_on("plan", dir, db, {"-o", saved}).exit_code == 2);
    cluster.run_sql(db, "ALTER TABLE public.accounts ADD COLUMN added_by_hand integer;");
    auto stale = reconcile_on("apply", dir, db, {"--plan", saved, "--yes"});
    INFO(stale.out << stale.err);
    CHECK(stale.exit_code == 1);
    CHECK(has(stale.err, "stale"));
    CHECK(has(stale.err, "column public.accounts.plan_tier"));
    CHECK(columns_of(db, "accounts") == "id,email,nickname,added_by_hand");

    // The manifests changed after the plan was saved: refused.
    cluster.run_sql(db, "ALTER TABLE public.accounts DROP COLUMN added_by_hand;");
    REQUIRE(reconcile_on("plan", dir, db, {"-o", saved}).exit_code == 2);
    write_tables(dir, R"j(, {"name": "nickname", "type": "text"}, {"name": "plan_tier", "type": "varchar(20)"})j");
    auto edited = reconcile_on("apply", dir, db, {"--plan", saved, "--yes"});
    INFO(edited.out << edited.err);
    CHECK(edited.exit_code == 1);
    CHECK(has(edited.err, "manifests"));
    CHECK(columns_of(db, "accounts") == "id,email,nickname");

    // Not a saved plan.
    auto text_plan = make_temp_dir("text-plan") + "/plan.txt";
    REQUIRE(reconcile_on("plan", dir, db, {"-o", text_plan}).exit_code == 2);
    auto refused = reconcile_on("apply", dir, db, {"--plan", text_plan, "--yes"});
    CHECK(refused.exit_code == 1);
    CHECK(has(refused.err, "not JSON"));
    CHECK(columns_of(db, "accounts") == "id,email,nickname");
}
