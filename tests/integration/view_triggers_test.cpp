// Triggers on views (INSTEAD OF row triggers, statement triggers) against a
// real server: read and exported with their view, created after the view
// and the function, re-created with a view that is dropped and created
// again, and firing after apply.
#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

// The trigger upper-cases the name, so a row inserted through the view
// shows that the trigger ran rather than the view's automatic update.
constexpr const char* schema_sql = R"sql(
CREATE TABLE public.items (id int PRIMARY KEY, name text NOT NULL);
CREATE VIEW public.item_names AS SELECT i.id, i.name FROM public.items i;
CREATE FUNCTION public.item_names_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO public.items VALUES (NEW.id, upper(NEW.name));
  RETURN NEW;
END
$$;
CREATE FUNCTION public.note_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NULL;
END
$$;
CREATE TRIGGER item_names_insert INSTEAD OF INSERT ON public.item_names
  FOR EACH ROW EXECUTE FUNCTION public.item_names_insert();
CREATE TRIGGER item_names_noted AFTER UPDATE OR DELETE ON public.item_names
  FOR EACH STATEMENT EXECUTE FUNCTION public.note_statement('a', 'b');
COMMENT ON TRIGGER item_names_insert ON public.item_names IS 'upper-cases names';
)sql";

void apply_and_converge(const std::string& dir, const std::string& db) {
    auto applied = reconcile_on("apply", dir, db, {"--yes"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    auto again = reconcile_on("plan", dir, db);
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);
    CHECK(has(again.out, "No changes."));
}

std::string view_with_trigger(const std::string& query) {
    return R"json({"view": "item_names", "query": ")json" + query + R"json(",
        "triggers": {"item_names_insert": {"timing": "instead of", "events": ["insert"],
                                           "function": "item_names_insert", "comment": "upper-cases names"}}})json";
}

void write_base(const std::string& dir) {
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "items.json", R"json({"table": "items", "columns": [
        {"name": "id", "type": "int", "not_null": true}, {"name": "name", "type": "text", "not_null": true}],
        "primary_key": {"columns": ["id"]}})json");
    write_manifest(dir, "item_names_insert.json", R"json({"function": "item_names_insert", "returns": "trigger",
        "language": "plpgsql",
        "body": "BEGIN INSERT INTO public.items VALUES (NEW.id, upper(NEW.name)); RETURN NEW; END"})json");
}

}  // namespace

TEST_CASE("a view's triggers round-trip through export and fire in the rebuilt database", "[views][triggers]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("view_triggers");
    cluster.run_sql(db, schema_sql);
    std::string exported = export_and_check_empty_plan(db);
    auto view_file = read_file(exported + "/public/item_names.json");
    CHECK(has(view_file, R"("triggers")"));
    CHECK(has(view_file, R"("timing": "instead of")"));
    auto listing = reconcile_on("plan", exported, db, {"--verbose"});
    INFO(listing.out << listing.err);
    CHECK(!has(listing.out, "item_names_insert"));

    std::string rebuilt = check_rebuilds_from_export(db, exported);
    cluster.run_sql(rebuilt, "INSERT INTO public.item_names VALUES (1, 'ann')");
    CHECK(query_column(rebuilt, "SELECT name FROM public.items") == "ANN");
    CHECK(query_column(rebuilt,
                       "SELECT obj_description(oid, 'pg_trigger') FROM pg_trigger "
                       "WHERE tgname = 'item_names_insert'") == "upper-cases names");
}

TEST_CASE("a view's trigger comes after the view and its function, and again after the view is re-created",
          "[views][triggers]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("view_triggers_order");
    std::string dir = make_temp_dir("manifests");
    write_base(dir);
    write_manifest(dir, "item_names.json", view_with_trigger("SELECT i.id, i.name FROM public.items i"));
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    auto at = [&](const std::string& text) { return plan.out.find(text); };
    CHECK(at("create view public.item_names") < at("create trigger public.item_names.item_names_insert"));
    CHECK(at("create function public.item_names_insert()") < at("create trigger public.item_names.item_names_insert"));
    apply_and_converge(dir, db);
    cluster.run_sql(db, "INSERT INTO public.item_names VALUES (1, 'ann')");
    CHECK(query_column(db, "SELECT name FROM public.items") == "ANN");

    SECTION("a view created again takes its trigger back") {
        // A column's type changes: no CREATE OR REPLACE VIEW.
        write_manifest(dir, "item_names.json",
                       view_with_trigger("SELECT i.id::bigint AS id, i.name FROM public.items i"));
        auto change = reconcile_on("plan", dir, db);
        INFO(change.out << change.err);
        REQUIRE(change.exit_code == 2);
        auto pos = [&](const std::string& text) { return change.out.find(text); };
        CHECK(pos("re-create view public.item_names") < pos("create trigger public.item_names.item_names_insert"));
        apply_and_converge(dir, db);
        cluster.run_sql(db, "INSERT INTO public.item_names VALUES (2, 'bob')");
        CHECK(query_column(db, "SELECT name FROM public.items ORDER BY id") == "ANN\nBOB");
    }
    SECTION("a view replaced in place keeps its trigger; a changed trigger is replaced") {
        write_manifest(dir, "item_names.json",
                       R"json({"view": "item_names", "query": "SELECT i.id, i.name, 1 AS one FROM public.items i",
            "triggers": {"item_names_insert": {"timing": "instead of", "events": ["insert", "update"],
                                               "function": "item_names_insert"}}})json");
        auto change = reconcile_on("plan", dir, db, {"--format", "json"});
        INFO(change.out << change.err);
        REQUIRE(change.exit_code == 2);
        CHECK(has(change.out, "\"replace_view\""));
        CHECK(has(change.out, "\"replace_trigger\""));
        CHECK(!has(change.out, "\"drop_view\""));
        apply_and_converge(dir, db);
        cluster.run_sql(db, "INSERT INTO public.item_names VALUES (3, 'cy')");
        CHECK(query_column(db, "SELECT name FROM public.items WHERE id = 3") == "CY");
    }
}

TEST_CASE("a view's triggers are checked before any database is involved", "[views][triggers]") {
    std::string dir = make_temp_dir("manifests");
    write_base(dir);
    write_manifest(dir, "item_names.json", R"json({"view": "item_names", "query": "SELECT 1 AS id",
        "triggers": {"a": {"timing": "before", "events": ["insert"], "function": "item_names_insert"},
                     "b": {"timing": "instead of", "events": ["truncate"], "level": "statement",
                           "function": "item_names_insert"},
                     "c": {"timing": "instead of", "events": ["insert"], "function": "item_names_insert",
                           "enabled": "disabled"}}})json");
    write_manifest(dir, "counts.json", R"json({"materialized_view": "counts", "query": "SELECT 1 AS n",
        "triggers": {"d": {"timing": "after", "events": ["insert"], "function": "item_names_insert"}}})json");
    auto result = run_reconcile({"validate", "-m", dir});
    INFO(result.out << result.err);
    CHECK(result.exit_code == 1);
    CHECK(has(result.err, "item_names.json: /triggers/a/timing: a row-level trigger on a view is INSTEAD OF"));
    CHECK(has(result.err, "/triggers/b/level: an INSTEAD OF trigger is FOR EACH ROW"));
    CHECK(has(result.err, "/triggers/b/events: a view has no TRUNCATE triggers"));
    CHECK(has(result.err, "/triggers/c/enabled: a trigger on a view is always enabled"));
    CHECK(has(result.err, "counts.json: /triggers: a materialized view cannot have triggers"));
}
