// Functions, procedures and triggers against a real server: what a change
// plans, that applying it converges, and that export round-trips them.
#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

void apply_and_converge(const std::string& dir, const std::string& db) {
    auto applied = reconcile_on("apply", dir, db, {"--yes"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    auto again = reconcile_on("plan", dir, db);
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);
}

// Renames an argument in an exported public function's file: CREATE OR
// REPLACE refuses that, so the plan drops and creates the function.
void rename_argument(const std::string& dir, const std::string& file, const std::string& from, const std::string& to) {
    std::string text = read_file(dir + "/public/functions/" + file);
    auto at = text.find("\"" + from + "\"");
    REQUIRE(at != std::string::npos);
    write_manifest(dir, "public/functions/" + file, text.replace(at, from.size() + 2, "\"" + to + "\""));
}

// Where part first appears in text; a failed check when it does not.
std::size_t position_in(const std::string& text, const std::string& part) {
    auto found = text.find(part);
    CHECK(found != std::string::npos);
    return found;
}

constexpr const char* app_schema = R"json({"schemas": {"app": {}}})json";

// A table whose default calls a function the same plan creates, a
// set-returning function over that table, a trigger function with a WHEN
// condition, arguments and a disabled state, a procedure, an overload and
// a SQL-standard body.
void write_app(const std::string& dir) {
    write_manifest(dir, "schemas.json", app_schema);
    write_manifest(dir, "app/items.json", R"json({"schema": "app", "table": "items",
      "columns": [{"name": "id", "type": "int", "not_null": true}, {"name": "status", "type": "text"},
                  {"name": "n", "type": "int", "default": "app.next_n(1)"}],
      "primary_key": {"columns": ["id"]},
      "triggers": {
        "items_touch": {"timing": "before", "events": ["update"], "update_of": ["status"],
                        "when": "OLD.status IS DISTINCT FROM NEW.status", "function": "touch",
                        "arguments": ["it's", "x"], "enabled": "disabled", "comment": "touch"},
        "items_stmt": {"timing": "after", "events": ["insert", "truncate"], "level": "statement",
                       "function": "app.touch"}}})json");
    write_manifest(dir, "app/functions/touch.json", R"json({"schema": "app", "function": "touch",
      "returns": "trigger", "language": "plpgsql", "body_file": "touch.sql",
      "set": {"search_path": "app, pg_temp"}, "security_definer": true})json");
    write_manifest(dir, "app/functions/touch.sql", "\nBEGIN\n  RETURN NEW;\nEND;\n");
    write_manifest(dir, "app/functions/next_n.json", R"json({"schema": "app", "function": "next_n",
      "arguments": [{"name": "step", "type": "int", "default": "1"}], "returns": "int", "language": "sql",
      "volatility": "immutable", "parallel": "safe", "strict": true, "body": "SELECT step + 1"})json");
    write_manifest(dir, "app/functions/next_n_text.json", R"json({"schema": "app", "function": "next_n",
      "arguments": [{"name": "step", "type": "text"}], "returns": "text", "language": "sql",
      "body": "SELECT step || '+'", "comment": "an overload"})json");
    write_manifest(dir, "app/functions/list_items.json", R"json({"schema": "app", "function": "list_items",
      "arguments": [{"name": "p_status", "type": "varchar(20)"}, {"name": "p_limit", "type": "int", "default": "10"}],
      "returns": "SETOF app.items", "language": "sql", "volatility": "stable", "rows": 50,
      "body": "SELECT * FROM app.items WHERE status = p_status LIMIT p_limit"})json");
    write_manifest(dir, "app/functions/pairs.json", R"json({"schema": "app", "function": "pairs",
      "returns": "TABLE(a int, b text)", "language": "sql", "body": "SELECT 1, 'x'::text"})json");
    write_manifest(dir, "app/functions/do_it.json", R"json({"schema": "app", "procedure": "do_it",
      "arguments": [{"name": "x", "type": "int", "mode": "inout"}], "language": "plpgsql",
      "body": "BEGIN x := x + 1; END"})json");
}

}  // namespace

TEST_CASE("functions, procedures and triggers are created in order and converge", "[functions]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("fn_create");
    std::string dir = make_temp_dir("manifests");
    write_app(dir);
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    // The default's function before the table, the row-type function after it.
    auto at = [&](const std::string& text) { return plan.out.find(text); };
    CHECK(at("create function app.next_n(integer)") < at("create table app.items"));
    CHECK(at("create table app.items") < at("create function app.list_items(character varying, integer)"));
    CHECK(at("create function app.touch()") < at("create trigger app.items.items_touch"));
    apply_and_converge(dir, db);

    CHECK(query_column(db, "SELECT n FROM (SELECT app.next_n(1) AS n) s") == "2");
    CHECK(query_column(db, "SELECT tgenabled FROM pg_trigger WHERE tgname = 'items_touch'") == "D");
    CHECK(query_column(db, "SELECT obj_description('app.next_n(text)'::regprocedure)") == "an overload");
    cluster.run_sql(db, "CALL app.do_it(1)");

    // Round trip: the export plans empty, and applied to an empty database
    // it builds the same schema.
    std::string exported = export_and_check_empty_plan(db);
    CHECK(std::filesystem::exists(std::filesystem::path(exported) / "app/functions/touch.sql"));
    if (cluster.has_pg_dump()) {
        std::string copy = cluster.create_database("fn_copy");
        apply_and_converge(exported, copy);
        CHECK(cluster.dump_schema(copy) == cluster.dump_schema(db));
    }
}

TEST_CASE("a function whose body alone changes is replaced in one step", "[functions]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("fn_body");
    cluster.run_sql(db,
                    "CREATE FUNCTION public.add_one(x integer) RETURNS integer LANGUAGE sql AS 'SELECT x + 1';"
                    "CREATE TABLE t (id int PRIMARY KEY, n int DEFAULT public.add_one(1));"
                    "COMMENT ON FUNCTION public.add_one(integer) IS 'kept'");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "t.json", R"json({"table": "t", "columns": [{"name": "id", "type": "int"},
        {"name": "n", "type": "int", "default": "add_one(1)"}], "primary_key": {"columns": ["id"]}})json");
    write_manifest(dir, "add_one.json", R"json({"function": "add_one", "arguments": [{"name": "x", "type": "int"}],
        "returns": "int", "language": "sql", "body": "SELECT x + 2", "comment": "kept"})json");
    auto plan = reconcile_on("plan", dir, db, {"--format", "json"});
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    CHECK(has(plan.out, "\"replace_function\""));
    CHECK(!has(plan.out, "\"drop_function\""));
    CHECK(!has(plan.out, "\"create_function\""));
    auto text = reconcile_on("plan", dir, db);
    CHECK(has(text.out, "Plan: 1 step"));
    apply_and_converge(dir, db);
    CHECK(query_column(db, "SELECT public.add_one(1)") == "3");
    // CREATE OR REPLACE keeps what uses the function.
    CHECK(query_column(db, "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef") == "add_one(1)");
}

TEST_CASE("a function whose result type changes is dropped and created", "[functions]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("fn_returns");
    cluster.run_sql(db, "CREATE FUNCTION public.answer() RETURNS integer LANGUAGE sql AS 'SELECT 42'");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "answer.json", R"json({"function": "answer", "returns": "bigint", "language": "sql",
        "body": "SELECT 42"})json");
    auto plan = reconcile_on("plan", dir, db, {"--format", "json"});
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    CHECK(has(plan.out, "\"drop_function\""));
    CHECK(has(plan.out, "\"create_function\""));
    CHECK(plan.out.find("\"drop_function\"") < plan.out.find("\"create_function\""));
    apply_and_converge(dir, db);
    CHECK(query_column(db, "SELECT pg_typeof(public.answer())::text") == "bigint");
}

TEST_CASE("a trigger's enabled state changes in place; a changed event re-creates it", "[functions][triggers]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("trg_change");
    cluster.run_sql(db,
                    "CREATE TABLE t (id int PRIMARY KEY, v text);"
                    "CREATE FUNCTION public.no_delete() RETURNS trigger LANGUAGE plpgsql AS "
                    "$$BEGIN RAISE EXCEPTION 'no deletes on %', TG_ARGV[0]; END$$;"
                    "CREATE TRIGGER t_guard BEFORE DELETE ON t FOR EACH ROW WHEN (OLD.v IS NOT NULL) "
                    "EXECUTE FUNCTION public.no_delete('t');"
                    "INSERT INTO t VALUES (1, 'a')");
    std::string dir = export_and_check_empty_plan(db);
    // Disable it: one ALTER TABLE, nothing re-created.
    std::string manifest = read_file(dir + "/public/t.json");
    auto replace = [](std::string text, const std::string& from, const std::string& to) {
        auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        return text.replace(at, from.size(), to);
    };
    write_manifest(dir, "public/t.json",
                   replace(manifest, "\"level\": \"row\",", "\"level\": \"row\", \"enabled\": \"disabled\","));
    auto plan = reconcile_on("plan", dir, db, {"--format", "sql"});
    INFO(plan.out << plan.err);
    CHECK(has(plan.out, "DISABLE TRIGGER \"t_guard\""));
    CHECK(!has(plan.out, "DROP TRIGGER"));
    // Back to enabled and on UPDATE too: dropped and created in one step.
    write_manifest(dir, "public/t.json", replace(manifest, "\"delete\"", "\"update\", \"delete\""));
    plan = reconcile_on("plan", dir, db, {"--format", "sql"});
    CHECK(has(plan.out, "DROP TRIGGER \"t_guard\""));
    CHECK(has(plan.out, "BEFORE UPDATE OR DELETE"));
    apply_and_converge(dir, db);
    CHECK_THROWS_WITH(cluster.run_sql(db, "DELETE FROM t"), Catch::Contains("no deletes on t"));
}

TEST_CASE("a function re-created under a view outside the plan is refused before apply", "[functions][dependents]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("fn_dependents");
    cluster.run_sql(db,
                    "CREATE FUNCTION public.answer() RETURNS integer LANGUAGE sql AS 'SELECT 42';"
                    "CREATE VIEW public.answers AS SELECT public.answer() AS a");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "answer.json", R"json({"function": "answer", "returns": "bigint", "language": "sql",
        "body": "SELECT 42"})json");
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 1);
    CHECK(has(plan.err, "drop function public.answer(): view public.answers uses function public.answer()"));
    CHECK(query_column(db, "SELECT pg_typeof(public.answer())::text") == "integer");
}

TEST_CASE("a trigger not in the manifests is kept, and dropped with --prune before its function",
          "[functions][triggers]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("trg_prune");
    cluster.run_sql(db,
                    "CREATE TABLE t (id int PRIMARY KEY);"
                    "CREATE FUNCTION public.stop() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$;"
                    "CREATE TRIGGER t_stop BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION public.stop()");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "t.json", R"json({"table": "t", "columns": [{"name": "id", "type": "int"}],
        "primary_key": {"columns": ["id"]}})json");
    auto plan = reconcile_on("plan", dir, db, {"--verbose"});
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 0);
    CHECK(has(plan.out, "public.t.t_stop"));
    auto applied = reconcile_on("apply", dir, db, {"--prune", "--yes", "--allow-destructive"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    CHECK(query_column(db, "SELECT count(*) FROM pg_trigger WHERE tgname = 't_stop'") == "0");
    CHECK(query_column(db, "SELECT count(*) FROM pg_proc WHERE proname = 'stop'") == "0");
}

TEST_CASE("SQL-standard bodies compare in the server's deparsed form", "[functions]") {
    auto& cluster = TempCluster::shared();
    if (cluster.server_version() < 140000) return;  // PostgreSQL 14 added them
    std::string db = cluster.create_database("fn_standard");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "t.json", R"json({"table": "t", "columns": [{"name": "id", "type": "int"}]})json");
    write_manifest(dir, "plus.json", R"json({"function": "plus", "arguments": [{"name": "x", "type": "int"}],
        "returns": "int", "language": "sql", "volatility": "immutable", "body": "return x+1"})json");
    write_manifest(dir, "total.json", R"json({"function": "total", "returns": "bigint", "language": "sql",
        "body": "begin atomic select count(*) from t; end"})json");
    apply_and_converge(dir, db);
    CHECK(query_column(db, "SELECT public.plus(1)") == "2");
    CHECK(query_column(db, "SELECT public.total()") == "0");
    // Export writes the deparsed form, which plans empty too.
    export_and_check_empty_plan(db);
}

TEST_CASE("a trigger may call an extension's function, which is never managed", "[functions][triggers]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("trg_extension");
    try {
        cluster.run_sql(db, "CREATE EXTENSION moddatetime");
    } catch (const std::exception& error) {
        WARN("moddatetime is not installed with this server: " << error.what());
        return;
    }
    cluster.run_sql(db,
                    "CREATE TABLE t (id int PRIMARY KEY, updated_at timestamptz);"
                    "CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION moddatetime(updated_at)");
    std::string dir = export_and_check_empty_plan(db);
    CHECK(!std::filesystem::exists(std::filesystem::path(dir) / "public/functions"));
    CHECK(has(read_file(dir + "/public/t.json"), "\"function\": \"moddatetime\""));
}

// PostgreSQL refuses DROP FUNCTION while a default, a check or a trigger's
// WHEN condition calls it; the plan takes those down before the drop and
// puts them back after the create.
TEST_CASE("a function dropped and created takes the defaults, checks and triggers that call it along",
          "[functions][dependents]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("fn_recreated_users");
    cluster.run_sql(db, R"sql(
CREATE TABLE public.audit (id int);
CREATE FUNCTION public.code_for(kind text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT upper($1)';
CREATE FUNCTION public.is_positive(v integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 > 0';
CREATE FUNCTION public.worth_logging(v integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 > 10';
CREATE FUNCTION public.log_row() RETURNS trigger LANGUAGE plpgsql AS
  $$BEGIN INSERT INTO public.audit VALUES (NEW.id); RETURN NEW; END$$;
CREATE TABLE public.t (id int PRIMARY KEY, code text DEFAULT public.code_for('a'),
                       n int CONSTRAINT n_positive CHECK (public.is_positive(n)));
COMMENT ON CONSTRAINT n_positive ON public.t IS 'positive';
CREATE TRIGGER t_log AFTER INSERT ON public.t FOR EACH ROW WHEN (public.worth_logging(NEW.n))
  EXECUTE FUNCTION public.log_row();
COMMENT ON TRIGGER t_log ON public.t IS 'logs big ones';
)sql");
    std::string dir = export_and_check_empty_plan(db);
    rename_argument(dir, "code_for.json", "kind", "k");
    rename_argument(dir, "is_positive.json", "v", "val");
    rename_argument(dir, "worth_logging.json", "v", "x");

    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    auto at = [&](const std::string& part) { return position_in(plan.out, part); };
    CHECK(at("drop default of public.t.code") < at("drop function public.code_for(text)"));
    CHECK(at("create function public.code_for(text)") < at("set default of public.t.code"));
    CHECK(at("drop check constraint public.t.n_positive") < at("drop function public.is_positive(integer)"));
    CHECK(at("create function public.is_positive(integer)") < at("add check constraint public.t.n_positive"));
    CHECK(at("drop trigger public.t.t_log") < at("drop function public.worth_logging(integer)"));
    CHECK(at("create function public.worth_logging(integer)") < at("create trigger public.t.t_log"));
    apply_and_converge(dir, db);

    cluster.run_sql(db, "INSERT INTO public.t (id, n) VALUES (1, 20), (2, 5)");
    CHECK(query_column(db, "SELECT code FROM public.t ORDER BY id") == "A\nA");
    CHECK(query_column(db, "SELECT id FROM public.audit") == "1");
    CHECK_THROWS_WITH(cluster.run_sql(db, "INSERT INTO public.t (id, n) VALUES (3, -1)"),
                      Catch::Contains("n_positive"));
    CHECK(query_column(db,
                       "SELECT obj_description(oid, 'pg_constraint') FROM pg_constraint "
                       "WHERE conname = 'n_positive'") == "positive");
    CHECK(query_column(db, "SELECT obj_description(oid, 'pg_trigger') FROM pg_trigger WHERE tgname = 't_log'") ==
          "logs big ones");
}

// Before, the dependents check refused the plan: an index expression and a
// policy calling a function the plan drops and creates were not re-created.
TEST_CASE("a function dropped and created takes the indexes and policies that call it along",
          "[functions][dependents]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("fn_recreated_index_policy");
    cluster.run_sql(db, R"sql(
CREATE FUNCTION public.norm(t text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT lower($1)';
CREATE TABLE public.account (id int PRIMARY KEY, email text, owner text);
CREATE INDEX account_email_idx ON public.account (public.norm(email)) WHERE public.norm(email) <> '';
COMMENT ON INDEX public.account_email_idx IS 'lookups';
ALTER TABLE public.account ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON public.account USING (public.norm(owner) = public.norm(current_user::text));
COMMENT ON POLICY own_rows ON public.account IS 'only yours';
INSERT INTO public.account VALUES (1, 'A@x', 'postgres');
)sql");
    std::string dir = export_and_check_empty_plan(db);
    rename_argument(dir, "norm.json", "t", "value");

    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    auto position = [&](const std::string& part) { return position_in(plan.out, part); };
    CHECK(position("drop index public.account.account_email_idx") < position("drop function public.norm(text)"));
    CHECK(position("drop policy public.account.own_rows") < position("drop function public.norm(text)"));
    CHECK(position("create function public.norm(text)") < position("create index public.account.account_email_idx"));
    CHECK(position("create function public.norm(text)") < position("create policy public.account.own_rows"));
    apply_and_converge(dir, db);
    CHECK(query_column(db, "SELECT obj_description('public.account_email_idx'::regclass)") == "lookups");
    CHECK(query_column(db, "SELECT obj_description(oid, 'pg_policy') FROM pg_policy") == "only yours");
    CHECK(query_column(db,
                       "SELECT count(*) FROM pg_index WHERE indexrelid = 'public.account_email_idx'::regclass "
                       "AND indisvalid") == "1");
}
