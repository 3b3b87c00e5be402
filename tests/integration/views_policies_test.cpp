// Views, materialized views, row-level security and policies against a real
// server: re-creation order, the canonical forms converging, and objects in
// schemas the manifests do not claim left alone.
#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

constexpr const char* schema_sql = R"SQL(
CREATE SCHEMA reporting;
CREATE TABLE public.orders (id bigint PRIMARY KEY, customer text NOT NULL, total numeric(10,2) NOT NULL,
                            owner name NOT NULL DEFAULT current_user);
INSERT INTO public.orders VALUES (1, 'ann', 10, 'postgres'), (2, 'bob', 20, 'postgres'), (3, 'ann', 5, 'postgres');
CREATE VIEW public.order_totals AS SELECT customer, sum(total) AS total FROM public.orders GROUP BY customer;
CREATE VIEW public.big_customers WITH (security_barrier) AS
  SELECT customer FROM public.order_totals WHERE total > 10;
COMMENT ON VIEW public.big_customers IS 'customers worth a call';
CREATE MATERIALIZED VIEW public.customer_count AS SELECT count(DISTINCT customer) AS n FROM public.orders;
CREATE UNIQUE INDEX customer_count_n_idx ON public.customer_count (n);
CREATE VIEW reporting.order_ids AS SELECT id FROM public.orders;
ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.orders FORCE ROW LEVEL SECURITY;
CREATE POLICY own_orders ON public.orders AS RESTRICTIVE FOR SELECT TO PUBLIC USING (owner = current_user);
CREATE POLICY everyone ON public.orders USING (true) WITH CHECK (total >= 0);
COMMENT ON POLICY everyone ON public.orders IS 'the permissive one';
)SQL";

std::string exported_public(const std::string& db) {
    std::string dir = make_temp_dir("reconcile-views");
    auto exported =
        run_reconcile({"export", "-d", TempCluster::shared().conninfo(db), "-o", dir, "--schema", "public"});
    INFO(exported.out << exported.err);
    REQUIRE(exported.exit_code == 0);
    return dir;
}

}  // namespace

TEST_CASE("views and policies: export, then plan is empty; applied to an empty database, the same dump",
          "[views][roundtrip]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("views_roundtrip");
    cluster.run_sql(db, schema_sql);
    std::string dir = exported_public(db);
    // Long queries are .sql files beside their manifests, reviewed as code.
    CHECK(has(read_file(dir + "/public/order_totals.sql"), "FROM public.orders"));
    CHECK(has(read_file(dir + "/public/big_customers.json"), R"("query_file": "big_customers.sql")"));
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 0);
    CHECK(has(plan.out, "No changes."));

    std::string empty = cluster.create_database("views_roundtrip_copy");
    cluster.run_sql(empty, "CREATE SCHEMA reporting;");
    auto applied = reconcile_on("apply", dir, empty, {"--yes", "--allow-hazards", "all"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    CHECK(reconcile_on("plan", dir, empty).exit_code == 0);
    cluster.run_sql(db, "DROP VIEW reporting.order_ids;");
    if (cluster.has_pg_dump()) CHECK(cluster.dump_schema(empty) == cluster.dump_schema(db));
}

TEST_CASE("views: changing a view another view reads re-creates both, in order; a policy changes in place", "[views]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("views_change");
    cluster.run_sql(db, schema_sql);
    std::string dir = exported_public(db);
    // order_totals renames its column: CREATE OR REPLACE cannot, and
    // big_customers reads it.
    write_manifest(dir, "public/order_totals.sql",
                   "SELECT customer, sum(total) AS amount FROM orders GROUP BY customer;\n");
    write_manifest(dir, "public/big_customers.sql", "SELECT customer FROM order_totals WHERE amount > 10\n");
    // Only the expression: ALTER POLICY.
    write_manifest(dir, "public/orders.json", [&] {
        std::string text = read_file(dir + "/public/orders.json");
        auto at = text.find("\"(total >= (0)::numeric)\"");
        REQUIRE(at != std::string::npos);
        return text.replace(at, 25, "\"total > 0\"");
    }());
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    auto at = [&](const std::string& step) {
        auto found = plan.out.find(step);
        CHECK(found != std::string::npos);
        return found;
    };
    CHECK(at("drop view public.big_customers") < at("drop view public.order_totals"));
    CHECK(at("drop view public.order_totals") < at("re-create view public.order_totals"));
    CHECK(at("re-create view public.order_totals") < at("re-create view public.big_customers"));
    CHECK(has(plan.out, "alter policy public.orders.everyone"));
    CHECK_FALSE(has(plan.out, "customer_count"));
    CHECK_FALSE(has(plan.out, "reporting"));

    auto applied = reconcile_on("apply", dir, db, {"--yes", "--allow-hazards", "all"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    auto again = reconcile_on("plan", dir, db);
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);
    CHECK(query_column(db, "SELECT string_agg(customer, ',' ORDER BY customer) FROM public.big_customers") ==
          "ann,bob");
    CHECK(query_column(db, "SELECT obj_description('public.big_customers'::regclass)") == "customers worth a call");
    CHECK(query_column(db, "SELECT pg_get_expr(polwithcheck, polrelid) FROM pg_policy WHERE polname = 'everyone'") ==
          "(total > (0)::numeric)");
    // The view in the schema the manifests do not claim still reads orders.
    CHECK(query_column(db, "SELECT count(*) FROM reporting.order_ids") == "3");
}

TEST_CASE("materialized views: a changed query re-creates it, says it repopulates, and its index comes back",
          "[views]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("matview_change");
    cluster.run_sql(db, schema_sql);
    std::string dir = exported_public(db);
    write_manifest(dir, "public/customer_count.sql", "SELECT count(*) AS n FROM public.orders\n");
    auto plan = reconcile_on("plan", dir, db, {"--format", "json"});
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    CHECK(has(plan.out, "REPOPULATES_MATERIALIZED_VIEW"));
    auto applied = reconcile_on("apply", dir, db, {"--yes", "--allow-hazards", "all"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    CHECK(query_column(db, "SELECT n FROM public.customer_count") == "3");
    CHECK(query_column(db, "SELECT count(*) FROM pg_indexes WHERE indexname = 'customer_count_n_idx'") == "1");
    CHECK(reconcile_on("plan", dir, db).exit_code == 0);
}

// Found exporting a materialized view WITH (fillfactor=50): the export had
// no storage parameters and the copy was created without them, silently.
TEST_CASE("materialized views: storage parameters are exported, changed in place, and kept by a re-creation",
          "[views]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("matview_storage");
    cluster.run_sql(db, R"SQL(
CREATE TABLE public.t (id int PRIMARY KEY, n bigint);
INSERT INTO public.t VALUES (1, 10), (2, 20);
CREATE MATERIALIZED VIEW public.mv WITH (fillfactor = 50) AS SELECT id, n FROM public.t;
CREATE UNIQUE INDEX mv_id_idx ON public.mv (id);
)SQL");
    std::string dir = exported_public(db);
    CHECK(has(read_file(dir + "/public/mv.json"), R"("storage_parameters": {)"));
    REQUIRE(reconcile_on("plan", dir, db).exit_code == 0);
    auto reloptions = [&] {
        return query_column(db,
                            "SELECT array_to_string(ARRAY(SELECT unnest(reloptions) ORDER BY 1), ',') "
                            "FROM pg_class WHERE relname = 'mv'");
    };
    auto relation = [&] { return query_column(db, "SELECT oid::text FROM pg_class WHERE relname = 'mv'"); };
    const std::string before = relation();
    auto manifest = [&](const std::string& storage, const std::string& query) {
        write_manifest(dir, "public/mv.json",
                       R"({"materialized_view": "mv", "query": ")" + query + R"(",)" + storage +
                           R"( "indexes": {"mv_id_idx": {"columns": ["id"], "unique": true}}})");
    };

    // SET one, add one: ALTER MATERIALIZED VIEW, the same relation, rows kept.
    manifest(R"( "storage_parameters": {"fillfactor": 70, "autovacuum_enabled": false},)",
             "SELECT id, n FROM public.t");
    auto plan = reconcile_on("plan", dir, db, {"--format", "json"});
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    CHECK(has(plan.out, R"("kind": "set_view_storage")"));
    CHECK(has(plan.out, "ACQUIRES_ACCESS_EXCLUSIVE_LOCK"));
    CHECK_FALSE(has(plan.out, "drop_view"));
    CHECK_FALSE(has(plan.out, "REPOPULATES_MATERIALIZED_VIEW"));
    plan = reconcile_on("plan", dir, db, {"--format", "sql"});
    CHECK(has(plan.out, R"(ALTER MATERIALIZED VIEW "public"."mv" SET (autovacuum_enabled='false', fillfactor='70'))"));
    auto applied = reconcile_on("apply", dir, db, {"--yes", "--allow-hazards", "all"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    CHECK(reloptions() == "autovacuum_enabled=false,fillfactor=70");
    CHECK(relation() == before);
    CHECK(query_column(db, "SELECT count(*) FROM public.mv") == "2");
    CHECK(reconcile_on("plan", dir, db).exit_code == 0);

    // A new query re-creates it: CREATE ... WITH keeps the parameters.
    manifest(R"( "storage_parameters": {"fillfactor": 70, "autovacuum_enabled": false},)",
             "SELECT id, n, n * 2 AS twice FROM public.t");
    applied = reconcile_on("apply", dir, db, {"--yes", "--allow-hazards", "all"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    CHECK(relation() != before);
    CHECK(reloptions() == "autovacuum_enabled=false,fillfactor=70");
    CHECK(reconcile_on("plan", dir, db).exit_code == 0);

    // The key gone: RESET to the server's defaults.
    manifest("", "SELECT id, n, n * 2 AS twice FROM public.t");
    plan = reconcile_on("plan", dir, db, {"--format", "sql"});
    INFO(plan.out << plan.err);
    CHECK(has(plan.out, R"(ALTER MATERIALIZED VIEW "public"."mv" RESET (autovacuum_enabled, fillfactor))"));
    applied = reconcile_on("apply", dir, db, {"--yes", "--allow-hazards", "all"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    CHECK(reloptions() == "");
    CHECK(reconcile_on("plan", dir, db).exit_code == 0);
}

TEST_CASE("views and policies outside the manifests: listed, dropped only with --prune, never outside the claim",
          "[views]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("views_prune");
    cluster.run_sql(db, schema_sql);
    std::string dir = exported_public(db);
    std::filesystem::remove(dir + "/public/big_customers.json");
    std::filesystem::remove(dir + "/public/big_customers.sql");
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 0);
    CHECK(has(plan.out, "public.big_customers"));

    auto pruned = reconcile_on("apply", dir, db, {"--prune", "--yes", "--allow-hazards", "all"});
    INFO(pruned.out << pruned.err);
    REQUIRE(pruned.exit_code == 0);
    CHECK(has(pruned.out, "drop view public.big_customers"));
    CHECK_FALSE(has(pruned.out, "reporting"));
    CHECK(query_column(db, "SELECT count(*) FROM pg_views WHERE viewname IN ('big_customers', 'order_ids')") == "1");
}

TEST_CASE("security_invoker on a server before PostgreSQL 15 is a manifest error naming the key", "[views]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("views_invoker");
    std::string dir = make_temp_dir("reconcile-invoker");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "v.json", R"({"view": "v", "query": "SELECT 1 AS one", "security_invoker": true})");
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    if (cluster.server_version() >= 150000) {
        CHECK(plan.exit_code == 2);
        auto applied = reconcile_on("apply", dir, db, {"--yes", "--allow-hazards", "all"});
        REQUIRE(applied.exit_code == 0);
        CHECK(query_column(db, "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'v'") ==
              "security_invoker=true");
        CHECK(reconcile_on("plan", dir, db).exit_code == 0);
    } else {
        CHECK(plan.exit_code == 1);
        CHECK(has(plan.err, "v.json: /security_invoker: view public.v: security_invoker needs PostgreSQL 15"));
    }
}

TEST_CASE("a function whose result type changes is re-created with the view that calls it", "[views][functions]") {
    auto& cluster = TempCluster::shared();
    auto db = cluster.create_database("function_view");
    cluster.run_sql(db,
                    "CREATE TABLE public.items (id integer PRIMARY KEY, price integer NOT NULL);"
                    "INSERT INTO public.items VALUES (1, 10), (2, 20);");
    auto dir = make_temp_dir("function-view");
    auto write = [&](const std::string& returns) {
        write_manifest(dir, "schemas.json", R"({"schemas": {"public": {"comment": "standard public schema"}}})");
        write_manifest(dir, "public/items.json", R"({"table": "items", "columns": [
            {"name": "id", "type": "integer", "not_null": true}, {"name": "price", "type": "integer", "not_null": true}],
            "primary_key": {"columns": ["id"]}})");
        write_manifest(
            dir, "public/with_tax.json", R"({"function": "with_tax", "arguments": [{"name": "p", "type": "integer"}],
            "returns": ")" + returns + R"(", "language": "sql", "volatility": "immutable", "body": "SELECT p * 2"})");
        write_manifest(
            dir, "public/priced.json",
            R"({"view": "priced", "query": "SELECT id, public.with_tax(price) AS gross FROM public.items"})");
    };
    write("integer");
    REQUIRE(reconcile_on("apply", dir, db, {"--yes"}).exit_code == 0);

    write("bigint");
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 2);
    // The view goes before the function and comes back after it.
    auto drop_view = plan.out.find("drop view public.priced");
    auto drop_function = plan.out.find("drop function public.with_tax");
    auto create_function = plan.out.find("create function public.with_tax");
    auto create_view = plan.out.find("re-create view public.priced");
    REQUIRE(drop_view != std::string::npos);
    REQUIRE(create_view != std::string::npos);
    CHECK(drop_view < drop_function);
    CHECK(drop_function < create_function);
    CHECK(create_function < create_view);

    auto applied = reconcile_on("apply", dir, db, {"--yes"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    CHECK(has(reconcile_on("plan", dir, db).out, "No changes."));
    CHECK(query_column(db,
                       "SELECT format_type(atttypid, NULL) FROM pg_attribute "
                       "WHERE attrelid = 'public.priced'::regclass AND attname = 'gross'") == "bigint");
    CHECK(query_column(db, "SELECT sum(gross)::text FROM public.priced") == "60");
}
