// Type changes that keep the data: a `using` expression converts, and a
// type change to an enum first counts the rows whose value it would not
// convert, so apply refuses before changing anything.
#include <catch2/catch.hpp>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

void write_orders(const std::string& dir) {
    write_manifest(dir, "schemas.json", R"json({"schemas": {"public": {"comment": "standard public schema",
        "enums": {"order_status": {"values": ["new", "paid", "shipped"]}}}}})json");
    write_manifest(dir, "public/orders.json", R"json({"table": "orders", "columns": [
        {"name": "id", "type": "integer", "not_null": true},
        {"name": "status", "type": "order_status", "not_null": true,
         "using": "lower(status)::public.order_status"}],
      "primary_key": {"name": "orders_pkey", "columns": ["id"]}})json");
}

}  // namespace

TEST_CASE("conversions: varchar(20) to an enum with using converts; a value outside it is counted and refused",
          "[conversions]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("conversions_enum");
    cluster.run_sql(db, R"SQL(
CREATE TABLE public.orders (id integer PRIMARY KEY, status varchar(20) NOT NULL);
INSERT INTO public.orders VALUES (1, 'NEW'), (2, 'paid'), (3, 'Shipped');
)SQL");
    std::string dir = make_temp_dir("conversions");
    write_orders(dir);

    // A type change that could reject values is destructive; the guard
    // decides whether it can run at all.
    SECTION("every value converts") {
        auto plan = reconcile_on("plan", dir, db);
        INFO(plan.out << plan.err);
        CHECK(plan.exit_code == 2);
        CHECK(has(plan.out, "USING lower(status)::public.order_status"));
        auto applied = reconcile_on("apply", dir, db, {"--yes", "--allow-destructive"});
        INFO(applied.out << applied.err);
        REQUIRE(applied.exit_code == 0);
        CHECK(query_column(db, "SELECT string_agg(status::text, ',' ORDER BY id) FROM public.orders") ==
              "new,paid,shipped");
        CHECK(reconcile_on("plan", dir, db).exit_code == 0);
    }
    SECTION("a value not in the enum: the plan says how many, apply changes nothing, even when allowed") {
        cluster.run_sql(db, "INSERT INTO public.orders VALUES (4, 'lost'), (5, 'LOST'), (6, 'void')");
        auto plan = reconcile_on("plan", dir, db);
        INFO(plan.out << plan.err);
        CHECK(has(plan.out, "rows of public.orders whose status is not a value of"));
        CHECK(has(plan.out, ": 3 (e.g. lost, void)"));
        auto applied = reconcile_on("apply", dir, db, {"--yes", "--allow-destructive"});
        INFO(applied.out << applied.err);
        CHECK(applied.exit_code == 1);
        CHECK(query_column(db,
                           "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                           "'public.orders'::regclass AND attname = 'status'") == "character varying(20)");
        CHECK(query_column(db, "SELECT count(*) FROM pg_type WHERE typname = 'order_status'") == "0");
    }
}

TEST_CASE("conversions: an unused enum value removed and the rest reordered; a used one is counted and refused",
          "[conversions]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("conversions_enum_rebuild");
    cluster.run_sql(db, R"SQL(
CREATE TYPE public.level AS ENUM ('low', 'unused', 'mid', 'high');
CREATE TABLE public.tasks (id integer PRIMARY KEY, level public.level NOT NULL DEFAULT 'low',
                           history public.level[]);
CREATE INDEX tasks_level_idx ON public.tasks (level);
INSERT INTO public.tasks VALUES (1, 'low', '{low,mid}'), (2, 'high', NULL), (3, 'mid', '{high}');
)SQL");
    std::string dir = make_temp_dir("conversions-rebuild");
    write_manifest(dir, "schemas.json", R"json({"schemas": {"public": {"comment": "standard public schema",
        "enums": {"level": {"values": ["high", "mid", "low"]}}}}})json");
    write_manifest(dir, "public/tasks.json", R"json({"table": "tasks", "columns": [
        {"name": "id", "type": "integer", "not_null": true},
        {"name": "level", "type": "level", "not_null": true, "default": "'low'"},
        {"name": "history", "type": "level[]"}],
      "primary_key": {"name": "tasks_pkey", "columns": ["id"]},
      "indexes": {"tasks_level_idx": {"columns": ["level"]}}})json");

    SECTION("unused: converted, the rows keep their values in the new order") {
        auto applied = reconcile_on("apply", dir, db, {"--yes"});
        INFO(applied.out << applied.err);
        REQUIRE(applied.exit_code == 0);
        CHECK(query_column(db,
                           "SELECT string_agg(level::text || ':' || coalesce(history::text, '-'), ',' "
                           "ORDER BY level) FROM public.tasks") == "high:-,mid:{high},low:{low,mid}");
        CHECK(query_column(db, "SELECT enum_range(NULL::public.level)::text") == "{high,mid,low}");
        auto again = reconcile_on("plan", dir, db);
        INFO(again.out << again.err);
        CHECK(again.exit_code == 0);
    }
    SECTION("a row holds the removed value: refused with the count, nothing changed") {
        cluster.run_sql(db, "INSERT INTO public.tasks VALUES (4, 'unused', '{unused}'), (5, 'unused', NULL)");
        auto plan = reconcile_on("plan", dir, db);
        INFO(plan.out << plan.err);
        CHECK(has(plan.out, "holds a value removed from public.level (unused): 2"));
        auto applied = reconcile_on("apply", dir, db, {"--yes", "--allow-destructive"});
        CHECK(applied.exit_code == 1);
        CHECK(query_column(db, "SELECT enum_range(NULL::public.level)::text") == "{low,unused,mid,high}");
    }
}
