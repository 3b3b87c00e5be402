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

namespace {

constexpr const char* invoices_sql = R"SQL(
CREATE SEQUENCE public.invoice_seq START 100;
CREATE TABLE public.invoices (id bigint NOT NULL DEFAULT nextval('public.invoice_seq'), note text,
                              CONSTRAINT invoices_pkey PRIMARY KEY (id));
ALTER SEQUENCE public.invoice_seq OWNED BY public.invoices.id;
COMMENT ON SEQUENCE public.invoice_seq IS 'invoice numbers';
GRANT USAGE ON SEQUENCE public.invoice_seq TO renames_test_reader;
CREATE VIEW public.invoice_counter AS SELECT last_value FROM public.invoice_seq;
INSERT INTO public.invoices (note) VALUES ('first'), ('second');
)SQL";

// The invoices schema with its sequence called invoice_numbers; the
// default and the view name it so.
void write_renamed_sequence(const std::string& dir, const std::string& renamed_from) {
    write_manifest(dir, "schemas.json", R"j({"schemas": {"public": {"comment": "standard public schema",
        "sequences": {"invoice_numbers": {"start": 100, "owned_by": {"table": "invoices", "column": "id"},
            "comment": "invoice numbers", "grants": {")j" +
                                            std::string(reader_role) + R"j(": ["USAGE"]})j" + renamed_from +
                                            "}}}}}");
    write_manifest(dir, "roles.json", R"j({"external_roles": [")j" + std::string(reader_role) + R"j("]})j");
    write_manifest(dir, "public/invoices.json", R"j({"table": "invoices",
        "columns": [{"name": "id", "type": "bigint", "not_null": true, "default": "nextval('invoice_numbers')"},
                    {"name": "note", "type": "text"}],
        "primary_key": {"name": "invoices_pkey", "columns": ["id"]}})j");
    write_manifest(dir, "public/invoice_counter.json",
                   R"j({"view": "invoice_counter", "query": "SELECT last_value FROM public.invoice_numbers"})j");
}

void create_reader_role(TempCluster& cluster) {
    cluster.run_sql("postgres",
                    "DO $$ BEGIN CREATE ROLE renames_test_reader; EXCEPTION WHEN duplicate_object THEN "
                    "NULL; END $$");
}

}  // namespace

TEST_CASE("renames: a sequence a default draws from keeps counting, its privileges, comment and the view reading it",
          "[renames]") {
    auto& cluster = TempCluster::shared();
    create_reader_role(cluster);
    std::string db = cluster.create_database("renames_sequence");
    cluster.run_sql(db, invoices_sql);
    std::string dir = make_temp_dir("renames-sequence");
    write_renamed_sequence(dir, R"j(, "renamed_from": ["invoice_seq"])j");

    auto plan = reconcile_on("plan", dir, db, {"--format", "json"});
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 2);
    CHECK(step_kinds(plan.out) == std::vector<std::string>{"rename_sequence"});
    auto sql = reconcile_on("plan", dir, db, {"--format", "sql"});
    CHECK(has(sql.out, R"j(ALTER SEQUENCE "public"."invoice_seq" RENAME TO "invoice_numbers")j"));

    apply_and_check_converged(dir, db);

    // nextval goes on from where it was: the default holds the sequence's oid.
    cluster.run_sql(db, "INSERT INTO public.invoices (note) VALUES ('third')");
    CHECK(query_column(db, "SELECT string_agg(id || ':' || note, ',' ORDER BY id) FROM public.invoices") ==
          "100:first,101:second,102:third");
    CHECK(query_column(db, "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = "
                           "'public.invoices'::regclass") == "nextval('invoice_numbers'::regclass)");
    CHECK(query_column(db, "SELECT last_value FROM public.invoice_counter") == "102");
    CHECK(query_column(db, "SELECT obj_description('public.invoice_numbers'::regclass, 'pg_class')") ==
          "invoice numbers");
    CHECK(query_column(db, "SELECT has_sequence_privilege('renames_test_reader', 'public.invoice_numbers', "
                           "'USAGE')") == "t");
    CHECK(query_column(db, "SELECT pg_get_serial_sequence('public.invoices', 'id')") == "public.invoice_numbers");
    CHECK(query_column(db, "SELECT count(*) FROM pg_class WHERE relname = 'invoice_seq'") == "0");
}

TEST_CASE("renames: a view another view reads, and a materialized view moved to another schema", "[renames]") {
    auto& cluster = TempCluster::shared();
    create_reader_role(cluster);
    std::string db = cluster.create_database("renames_view");
    cluster.run_sql(db, R"SQL(
CREATE SCHEMA reports;
CREATE TABLE public.users (id integer PRIMARY KEY, name text NOT NULL, active boolean NOT NULL);
INSERT INTO public.users VALUES (1, 'ann', true), (2, 'bob', false), (3, 'cy', true);
CREATE VIEW public.live_users AS SELECT id, name FROM public.users WHERE active;
COMMENT ON VIEW public.live_users IS 'who is active';
GRANT SELECT ON public.live_users TO renames_test_reader;
CREATE VIEW public.live_names AS SELECT name FROM public.live_users;
CREATE MATERIALIZED VIEW public.user_counts AS SELECT count(*) AS n FROM public.users;
CREATE INDEX user_counts_n_idx ON public.user_counts (n);
)SQL");
    // A row added after the refresh: a materialized view that kept its
    // rows still counts 3.
    cluster.run_sql(db, "INSERT INTO public.users VALUES (4, 'dee', true)");
    std::string dir = make_temp_dir("renames-view");
    auto write = [&](const std::string& view_renamed_from, const std::string& counts_renamed_from) {
        write_manifest(dir, "schemas.json",
                       R"j({"schemas": {"public": {"comment": "standard public schema"}, "reports": {}}})j");
        write_manifest(dir, "roles.json", R"j({"external_roles": [")j" + std::string(reader_role) + R"j("]})j");
        write_manifest(dir, "public/users.json", R"j({"table": "users",
            "columns": [{"name": "id", "type": "integer", "not_null": true},
                        {"name": "name", "type": "text", "not_null": true},
                        {"name": "active", "type": "boolean", "not_null": true}],
            "primary_key": {"name": "users_pkey", "columns": ["id"]}})j");
        write_manifest(dir, "public/active_users.json",
                       R"j({"view": "active_users", "query": "SELECT id, name FROM public.users WHERE active",
            "comment": "who is active", "grants": {")j" +
                           std::string(reader_role) + R"j(": ["SELECT"]})j" + view_renamed_from + "}");
        write_manifest(dir, "public/live_names.json",
                       R"j({"view": "live_names", "query": "SELECT name FROM public.active_users"})j");
        write_manifest(dir, "reports/user_totals.json",
                       R"j({"schema": "reports", "materialized_view": "user_totals",
            "query": "SELECT count(*) AS n FROM public.users",
            "indexes": {"user_counts_n_idx": {"columns": ["n"]}})j" +
                           counts_renamed_from + "}");
    };

    SECTION("renamed, and moved, in place") {
        write(R"j(, "renamed_from": ["live_users"])j", R"j(, "renamed_from": ["public.user_counts"])j");
        auto plan = reconcile_on("plan", dir, db, {"--format", "json"});
        INFO(plan.out << plan.err);
        REQUIRE(plan.exit_code == 2);
        CHECK(step_kinds(plan.out) == std::vector<std::string>{"rename_view", "rename_view"});
        auto sql = reconcile_on("plan", dir, db, {"--format", "sql"});
        CHECK(has(sql.out, R"j(ALTER VIEW "public"."live_users" RENAME TO "active_users")j"));
        CHECK(has(sql.out, R"j(ALTER MATERIALIZED VIEW "public"."user_counts" SET SCHEMA "reports")j"));
        CHECK(has(sql.out, R"j(ALTER MATERIALIZED VIEW "reports"."user_counts" RENAME TO "user_totals")j"));

        apply_and_check_converged(dir, db);

        CHECK(query_column(db, "SELECT string_agg(name, ',' ORDER BY name) FROM public.live_names") == "ann,cy,dee");
        CHECK(has(query_column(db, "SELECT pg_get_viewdef('public.live_names'::regclass)"), "active_users"));
        CHECK(query_column(db, "SELECT obj_description('public.active_users'::regclass, 'pg_class')") ==
              "who is active");
        CHECK(query_column(db, "SELECT has_table_privilege('renames_test_reader', 'public.active_users', "
                               "'SELECT')") == "t");
        CHECK(query_column(db, "SELECT n FROM reports.user_totals") == "3");
        CHECK(query_column(db, "SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = "
                               "'reports.user_totals'::regclass") == "reports.user_counts_n_idx");
    }
    SECTION("both names existing is an error naming both; neither is a create") {
        cluster.run_sql(db, "CREATE VIEW public.active_users AS SELECT 1 AS id");
        write(R"j(, "renamed_from": ["live_users"])j", "");
        auto plan = reconcile_on("plan", dir, db);
        INFO(plan.out << plan.err);
        CHECK(plan.exit_code == 1);
        CHECK(has(plan.err, "view public.active_users is declared renamed_from public.live_users, but both exist"));

        std::string fresh = cluster.create_database("renames_view_fresh");
        auto created = reconcile_on("plan", dir, fresh, {"--format", "json"});
        INFO(created.out << created.err);
        CHECK(created.exit_code == 2);
        CHECK(has(created.out, "\"create_view\""));
        CHECK_FALSE(has(created.out, "\"rename_view\""));
    }
}

TEST_CASE("renames: a sequence under both names is an error naming both; under neither, a create", "[renames]") {
    auto& cluster = TempCluster::shared();
    create_reader_role(cluster);
    std::string db = cluster.create_database("renames_sequence_both");
    cluster.run_sql(db, invoices_sql);
    cluster.run_sql(db, "CREATE SEQUENCE public.invoice_numbers");
    std::string dir = make_temp_dir("renames-sequence-both");
    write_renamed_sequence(dir, R"j(, "renamed_from": ["invoice_seq"])j");
    auto plan = reconcile_on("plan", dir, db);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 1);
    CHECK(has(plan.err, "sequence public.invoice_numbers is declared renamed_from public.invoice_seq, but both exist"));
    CHECK(query_column(db, "SELECT count(*) FROM public.invoices") == "2");

    std::string fresh = cluster.create_database("renames_sequence_fresh");
    auto created = reconcile_on("plan", dir, fresh, {"--format", "json"});
    INFO(created.out << created.err);
    CHECK(created.exit_code == 2);
    CHECK(has(created.out, "\"create_sequence\""));
    CHECK_FALSE(has(created.out, "\"rename_sequence\""));
}

TEST_CASE("renames: functions a default, a check, a view and a trigger call are renamed in place", "[renames]") {
    auto& cluster = TempCluster::shared();
    create_reader_role(cluster);
    std::string db = cluster.create_database("renames_function");
    cluster.run_sql(db, R"SQL(
CREATE FUNCTION public.make_code() RETURNS text LANGUAGE sql AS $$SELECT 'c-' || 7$$;
CREATE FUNCTION public.is_code(c text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$SELECT c LIKE 'c-%'$$;
CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.touched := true; RETURN NEW; END$$;
COMMENT ON FUNCTION public.make_code() IS 'item codes';
GRANT EXECUTE ON FUNCTION public.make_code() TO renames_test_reader;
CREATE TABLE public.items (id integer PRIMARY KEY, code text NOT NULL DEFAULT public.make_code(),
                           touched boolean NOT NULL DEFAULT false, CONSTRAINT items_code_check CHECK (public.is_code(code)));
CREATE TRIGGER items_touch BEFORE UPDATE ON public.items FOR EACH ROW EXECUTE FUNCTION public.touch();
CREATE VIEW public.item_codes AS SELECT id, public.is_code(code) AS valid FROM public.items;
INSERT INTO public.items (id) VALUES (1), (2);
)SQL");
    std::string dir = make_temp_dir("renames-function");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "roles.json", R"j({"external_roles": [")j" + std::string(reader_role) + R"j("]})j");
    write_manifest(dir, "functions/make_item_code.json",
                   R"j({"function": "make_item_code", "returns": "text", "language": "sql",
        "body": "SELECT 'c-' || 7", "comment": "item codes", "grants": {")j" +
                       std::string(reader_role) + R"j(": ["EXECUTE"]}, "renamed_from": ["make_code"]})j");
    write_manifest(dir, "functions/valid_code.json",
                   R"j({"function": "valid_code", "arguments": [{"name": "c", "type": "text"}], "returns": "boolean",
        "language": "sql", "volatility": "immutable", "body": "SELECT c LIKE 'c-%'",
        "renamed_from": ["public.is_code"]})j");
    write_manifest(dir, "functions/touch_item.json",
                   R"j({"function": "touch_item", "returns": "trigger", "language": "plpgsql",
        "body": "BEGIN NEW.touched := true; RETURN NEW; END", "renamed_from": ["touch"]})j");
    write_manifest(dir, "public/items.json", R"j({"table": "items",
        "columns": [{"name": "id", "type": "integer", "not_null": true},
                    {"name": "code", "type": "text", "not_null": true, "default": "make_item_code()"},
                    {"name": "touched", "type": "boolean", "not_null": true, "default": "false"}],
        "primary_key": {"name": "items_pkey", "columns": ["id"]},
        "checks": {"items_code_check": {"expression": "valid_code(code)"}},
        "triggers": {"items_touch": {"timing": "before", "events": ["update"], "function": "touch_item"}}})j");
    write_manifest(dir, "public/item_codes.json",
                   R"j({"view": "item_codes", "query": "SELECT id, valid_code(code) AS valid FROM public.items"})j");

    SECTION("one step each; data, privileges, comment and callers intact") {
        auto plan = reconcile_on("plan", dir, db, {"--format", "json"});
        INFO(plan.out << plan.err);
        REQUIRE(plan.exit_code == 2);
        CHECK(step_kinds(plan.out) ==
              std::vector<std::string>{"rename_function", "rename_function", "rename_function"});
        auto sql = reconcile_on("plan", dir, db, {"--format", "sql"});
        CHECK(has(sql.out, R"j(ALTER FUNCTION "public"."is_code"(text) RENAME TO "valid_code")j"));
        CHECK(has(sql.out, R"j(ALTER FUNCTION "public"."make_code"() RENAME TO "make_item_code")j"));

        apply_and_check_converged(dir, db);

        cluster.run_sql(db, "INSERT INTO public.items (id) VALUES (3); UPDATE public.items SET id = id WHERE id = 1");
        CHECK(query_column(db, "SELECT string_agg(id || code || touched, ',' ORDER BY id) FROM public.items") ==
              "1c-7true,2c-7false,3c-7false");
        CHECK_THROWS(cluster.run_sql(db, "INSERT INTO public.items VALUES (4, 'nope')"));
        CHECK(query_column(db, "SELECT bool_and(valid)::text FROM public.item_codes") == "true");
        CHECK(query_column(db, "SELECT obj_description('public.make_item_code()'::regprocedure, 'pg_proc')") ==
              "item codes");
        CHECK(query_column(db, "SELECT has_function_privilege('renames_test_reader', 'public.make_item_code()', "
                               "'EXECUTE')") == "t");
        CHECK(query_column(db, "SELECT tgfoid::regproc::text FROM pg_trigger WHERE tgname = 'items_touch'") ==
              "touch_item");
        CHECK(query_column(db, "SELECT count(*) FROM pg_proc WHERE proname IN ('make_code', 'is_code', 'touch')") ==
              "0");
    }
    SECTION("both names existing is an error naming both") {
        cluster.run_sql(db, "CREATE FUNCTION public.touch_item() RETURNS trigger LANGUAGE plpgsql AS "
                            "$$BEGIN RETURN NEW; END$$");
        auto both = reconcile_on("plan", dir, db);
        INFO(both.out << both.err);
        CHECK(both.exit_code == 1);
        CHECK(has(both.err, "function public.touch_item() is declared renamed_from public.touch(), but both exist"));
    }
}
