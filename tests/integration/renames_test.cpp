// Renames declared with "renamed_from" against a real server, with rows in
// every table: one RENAME step, and everything that hangs on the renamed
// object (rows, indexes, keys, checks, views, privileges, comments) intact
// afterwards; a second plan empty with the declaration still in place.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

constexpr const char* reader_role = "renames_test_reader";

constexpr const char* customers_sql = R"SQL(
CREATE TABLE public.customers (
    id integer PRIMARY KEY,
    email text NOT NULL,
    CONSTRAINT customers_email_key UNIQUE (email),
    CONSTRAINT email_has_at CHECK (position('@' in email) > 1)
);
COMMENT ON COLUMN public.customers.email IS 'where invoices go';
CREATE INDEX customers_email_lower_idx ON public.customers (lower(email)) WHERE email <> 'email';
CREATE TABLE public.invoices (
    id integer PRIMARY KEY,
    customer_email text NOT NULL REFERENCES public.customers (email)
);
CREATE VIEW public.customer_emails AS SELECT id, email FROM public.customers WHERE email LIKE '%@%';
INSERT INTO public.customers VALUES (1, 'ann@example.com'), (2, 'bob@example.com');
INSERT INTO public.invoices VALUES (10, 'ann@example.com'), (11, 'bob@example.com');
GRANT SELECT (email) ON public.customers TO renames_test_reader;
)SQL";

// The same schema with customers.email called email_address. The view
// keeps its output column `email`.
void write_renamed_column(const std::string& dir, const std::string& renamed_from) {
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "roles.json", R"({"external_roles": [")" + std::string(reader_role) + R"("]})");
    write_manifest(dir, "public/customers.json",
                   R"({"table": "customers",
        "columns": [{"name": "id", "type": "integer", "not_null": true},
                    {"name": "email_address", "type": "text", "not_null": true, "comment": "where invoices go",
                     "grants": {")" +
                       std::string(reader_role) + R"(": ["SELECT"]})" + renamed_from + R"j(}],
        "primary_key": {"name": "customers_pkey", "columns": ["id"]},
        "unique": {"customers_email_key": {"columns": ["email_address"]}},
        "checks": {"email_has_at": {"expression": "position('@' in email_address) > 1"}},
        "indexes": {"customers_email_lower_idx": {"keys": [{"expression": "lower(email_address)"}],
                                                  "where": "email_address <> 'email'"}}})j");
    write_manifest(dir, "public/invoices.json", R"({"table": "invoices",
        "columns": [{"name": "id", "type": "integer", "not_null": true},
                    {"name": "customer_email", "type": "text", "not_null": true}],
        "primary_key": {"name": "invoices_pkey", "columns": ["id"]},
        "foreign_keys": {"invoices_customer_email_fkey": {"columns": ["customer_email"],
            "references": {"table": "customers", "columns": ["email_address"]}}}})");
    write_manifest(dir, "public/customer_emails.json",
                   R"({"view": "customer_emails",
        "query": "SELECT id, email_address AS email FROM public.customers WHERE email_address LIKE '%@%'"})");
}

std::vector<std::string> step_kinds(const std::string& plan_json) {
    std::vector<std::string> out;
    auto plan = nlohmann::json::parse(plan_json);
    for (const auto& step : plan["steps"]) out.push_back(step["kind"]);
    return out;
}

}  // namespace

TEST_CASE("renames: a column with an index, a key pointing at it, a check, a view and a privilege is one RENAME",
          "[renames]") {
    auto& cluster = TempCluster::shared();
    cluster.run_sql("postgres",
                    "DO $$ BEGIN CREATE ROLE renames_test_reader; EXCEPTION WHEN duplicate_object THEN "
                    "NULL; END $$");
    std::string db = cluster.create_database("renames_column");
    cluster.run_sql(db, customers_sql);
    std::string dir = make_temp_dir("renames-column");
    write_renamed_column(dir, R"(, "renamed_from": ["mail", "email"])");

    auto plan = reconcile_on("plan", dir, db, {"--format", "json"});
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    CHECK(step_kinds(plan.out) == std::vector<std::string>{"rename_column"});
    auto sql = reconcile_on("plan", dir, db, {"--format", "sql"});
    CHECK(has(sql.out, R"(ALTER TABLE "public"."customers" RENAME COLUMN "email" TO "email_address")"));

    auto applied = reconcile_on("apply", dir, db, {"--yes"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);

    // The declaration stays; the old name is simply gone.
    auto again = reconcile_on("plan", dir, db);
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);

    CHECK(query_column(db, "SELECT string_agg(email_address, ',' ORDER BY id) FROM public.customers") ==
          "ann@example.com,bob@example.com");
    CHECK(query_column(db,
                       "SELECT count(*) FROM public.invoices i JOIN public.customers c "
                       "ON c.email_address = i.customer_email") == "2");
    CHECK(query_column(db, "SELECT pg_get_indexdef('public.customers_email_lower_idx'::regclass)") ==
          "CREATE INDEX customers_email_lower_idx ON public.customers USING btree (lower(email_address)) WHERE "
          "(email_address <> 'email'::text)");
    CHECK(query_column(db, "SELECT string_agg(email, ',' ORDER BY id) FROM public.customer_emails") ==
          "ann@example.com,bob@example.com");
    CHECK(query_column(db,
                       "SELECT has_column_privilege('renames_test_reader', 'public.customers', "
                       "'email_address', 'SELECT')") == "t");
    CHECK(query_column(db, "SELECT col_description('public.customers'::regclass, 2)") == "where invoices go");
    // The check still holds the column: a row without '@' is refused.
    CHECK_THROWS(cluster.run_sql(db, "INSERT INTO public.customers VALUES (3, 'nobody')"));
}

TEST_CASE("renames: neither name exists is a create, both existing is an error naming both", "[renames]") {
    auto& cluster = TempCluster::shared();
    cluster.run_sql("postgres",
                    "DO $$ BEGIN CREATE ROLE renames_test_reader; EXCEPTION WHEN duplicate_object THEN "
                    "NULL; END $$");
    std::string db = cluster.create_database("renames_column_both");
    cluster.run_sql(db, customers_sql);
    cluster.run_sql(db, "ALTER TABLE public.customers ADD COLUMN email_address text");
    std::string dir = make_temp_dir("renames-both");
    write_renamed_column(dir, R"(, "renamed_from": ["email"])");
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 1);
    CHECK(has(plan.err, "public.customers.email_address"));
    CHECK(has(plan.err, "public.customers.email"));
    CHECK(has(plan.err, "both exist"));

    std::string fresh = cluster.create_database("renames_column_fresh");
    auto created = reconcile_on("plan", dir, fresh, {"--format", "json"});
    INFO(created.out << created.err);
    CHECK(created.exit_code == 2);
    CHECK(has(created.out, "\"create_table\""));
    CHECK_FALSE(has(created.out, "\"rename_column\""));
}

TEST_CASE("renames: a table referenced by two others is renamed and moved to another schema in one step", "[renames]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("renames_table");
    cluster.run_sql(db, R"SQL(
CREATE SCHEMA billing;
CREATE TABLE public.accounts (id integer PRIMARY KEY, name text NOT NULL);
COMMENT ON TABLE public.accounts IS 'who pays';
CREATE TABLE public.orders (id integer PRIMARY KEY, account_id integer NOT NULL REFERENCES public.accounts (id));
CREATE TABLE public.payments (id integer PRIMARY KEY, account_id integer REFERENCES public.accounts (id));
CREATE VIEW public.account_names AS SELECT id, name FROM public.accounts;
INSERT INTO public.accounts VALUES (1, 'ann'), (2, 'bob');
INSERT INTO public.orders VALUES (1, 1), (2, 2);
INSERT INTO public.payments VALUES (1, 2);
)SQL");
    std::string dir = make_temp_dir("renames-table");
    auto tables = [&](const std::string& schema, const std::string& name, const std::string& renamed_from) {
        write_manifest(dir, "schemas.json",
                       R"({"schemas": {"public": {"comment": "standard public schema"}, "billing": {}}})");
        write_manifest(dir, "public/accounts.json",
                       R"({"schema": ")" + schema + R"(", "table": ")" + name + R"(", "comment": "who pays",
            "columns": [{"name": "id", "type": "integer", "not_null": true},
                        {"name": "name", "type": "text", "not_null": true}],
            "primary_key": {"name": "accounts_pkey", "columns": ["id"]})" +
                           renamed_from + "}");
        for (std::string referencing : {"orders", "payments"}) {
            std::string not_null = referencing == "orders" ? R"(, "not_null": true)" : "";
            write_manifest(dir, "public/" + referencing + ".json",
                           R"({"table": ")" + referencing + R"(",
                "columns": [{"name": "id", "type": "integer", "not_null": true},
                            {"name": "account_id", "type": "integer")" +
                               not_null + R"(}],
                "primary_key": {"name": ")" +
                               referencing + R"(_pkey", "columns": ["id"]},
                "foreign_keys": {")" +
                               referencing + R"(_account_id_fkey": {"columns": ["account_id"],
                    "references": {"schema": ")" +
                               schema + R"(", "table": ")" + name + R"(", "columns": ["id"]}}}})");
        }
        write_manifest(dir, "public/account_names.json",
                       R"({"view": "account_names",
            "query": "SELECT id, name FROM )" +
                           schema + "." + name + R"("})");
    };

    SECTION("renamed in its schema") {
        tables("public", "customers", R"(, "renamed_from": ["accounts"])");
        auto plan = reconcile_on("plan", dir, db, {"--format", "json"});
        INFO(plan.out << plan.err);
        REQUIRE(plan.exit_code == 2);
        CHECK(step_kinds(plan.out) == std::vector<std::string>{"rename_table"});
        auto applied = reconcile_on("apply", dir, db, {"--yes"});
        INFO(applied.out << applied.err);
        REQUIRE(applied.exit_code == 0);
        auto again = reconcile_on("plan", dir, db);
        INFO(again.out << again.err);
        CHECK(again.exit_code == 0);
        CHECK(query_column(db, "SELECT count(*) FROM public.customers") == "2");
        CHECK(query_column(db, "SELECT obj_description('public.customers'::regclass)") == "who pays");
        CHECK(query_column(db,
                           "SELECT string_agg(confrelid::regclass::text, ',' ORDER BY conname) FROM "
                           "pg_constraint WHERE contype = 'f'") == "customers,customers");
        CHECK(query_column(db, "SELECT string_agg(name, ',' ORDER BY id) FROM public.account_names") == "ann,bob");
    }
    SECTION("moved to another claimed schema and renamed") {
        tables("billing", "customers", R"(, "renamed_from": ["public.accounts"])");
        auto plan = reconcile_on("plan", dir, db, {"--format", "json"});
        INFO(plan.out << plan.err);
        REQUIRE(plan.exit_code == 2);
        CHECK(step_kinds(plan.out) == std::vector<std::string>{"rename_table"});
        auto sql = reconcile_on("plan", dir, db, {"--format", "sql"});
        CHECK(has(sql.out, R"(ALTER TABLE "public"."accounts" SET SCHEMA "billing")"));
        CHECK(has(sql.out, R"(ALTER TABLE "billing"."accounts" RENAME TO "customers")"));
        auto applied = reconcile_on("apply", dir, db, {"--yes"});
        INFO(applied.out << applied.err);
        REQUIRE(applied.exit_code == 0);
        auto again = reconcile_on("plan", dir, db);
        INFO(again.out << again.err);
        CHECK(again.exit_code == 0);
        CHECK(query_column(db, "SELECT count(*) FROM billing.customers") == "2");
        CHECK(query_column(db,
                           "SELECT count(*) FROM public.orders o JOIN billing.customers c ON c.id = "
                           "o.account_id") == "2");
        CHECK(query_column(db, "SELECT string_agg(name, ',' ORDER BY id) FROM public.account_names") == "ann,bob");
    }
}

TEST_CASE("renames: without renamed_from the plan hints at a rename and still refuses the drop", "[renames]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("renames_hint");
    cluster.run_sql(db, "CREATE TABLE public.t (id integer, email text); INSERT INTO public.t VALUES (1, 'a@b')");
    std::string dir = make_temp_dir("renames-hint");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "t.json", R"({"table": "t", "columns": [{"name": "id", "type": "integer"},
        {"name": "mail", "type": "text"}]})");
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 2);
    CHECK(has(plan.out, R"(possible rename: column public.t.email -> public.t.mail: add "renamed_from": ["email"])"));
    auto refused = reconcile_on("apply", dir, db, {"--yes"});
    CHECK(refused.exit_code == 1);
    CHECK(query_column(db, "SELECT email FROM public.t") == "a@b");
}

TEST_CASE("renames: an enum, one of its values, an index, a constraint and a policy, each in place", "[renames]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("renames_members");
    cluster.run_sql(db, R"SQL(
CREATE TYPE public.order_status AS ENUM ('new', 'payed');
CREATE TABLE public.orders (id integer CONSTRAINT orders_id_key PRIMARY KEY, status public.order_status NOT NULL,
                            total integer CONSTRAINT total_check CHECK (total >= 0));
CREATE INDEX orders_status ON public.orders (status);
ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone ON public.orders USING (true);
INSERT INTO public.orders VALUES (1, 'new', 5), (2, 'payed', 7);
)SQL");
    std::string dir = make_temp_dir("renames-members");
    write_manifest(dir, "schemas.json", R"json({"schemas": {"public": {"comment": "standard public schema",
        "enums": {"order_state": {"values": ["new", "paid", "sent"], "renamed_from": ["order_status"],
                                  "renamed_values": {"paid": ["payed"]}}}}}})json");
    write_manifest(dir, "public/orders.json", R"json({"table": "orders", "columns": [
        {"name": "id", "type": "integer", "not_null": true},
        {"name": "status", "type": "order_state", "not_null": true},
        {"name": "total", "type": "integer"}],
      "primary_key": {"name": "orders_pkey", "columns": ["id"], "renamed_from": ["orders_id_key"]},
      "checks": {"orders_total_check": {"expression": "total >= 0", "renamed_from": ["total_check"]}},
      "indexes": {"orders_status_idx": {"columns": ["status"], "renamed_from": ["orders_status"]}},
      "row_level_security": true,
      "policies": {"all_rows": {"using": "true", "renamed_from": ["everyone"]}}})json");

    auto plan = reconcile_on("plan", dir, db, {"--format", "json"});
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    auto kinds = step_kinds(plan.out);
    std::sort(kinds.begin(), kinds.end());
    CHECK(kinds == std::vector<std::string>{"add_enum_value", "rename_constraint", "rename_constraint", "rename_enum",
                                            "rename_enum_value", "rename_index", "rename_policy"});
    auto applied = reconcile_on("apply", dir, db, {"--yes"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    auto again = reconcile_on("plan", dir, db);
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);
    CHECK(query_column(db, "SELECT string_agg(status::text, ',' ORDER BY id) FROM public.orders") == "new,paid");
    CHECK(query_column(db,
                       // PostgreSQL 18 also stores NOT NULL as pg_constraint rows (contype 'n'); they are
                       // not what was renamed here.
                       "SELECT string_agg(conname, ',' ORDER BY conname) FROM pg_constraint WHERE conrelid = "
                       "'public.orders'::regclass AND contype <> 'n'") == "orders_pkey,orders_total_check");
    CHECK(query_column(db,
                       "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relkind = 'i' "
                       "AND relnamespace = 'public'::regnamespace") == "orders_pkey,orders_status_idx");
}
