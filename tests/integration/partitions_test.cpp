// Partitioned tables: pagila's payment (by month) round trip, and each kind
// of change between two versions converging and re-planning empty. A case
// builds the wanted database from SQL, exports it, and applies that export
// to a database built from the starting SQL.
#include <catch2/catch.hpp>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/scoped_env.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

// Shaped after pagila: payment partitioned by month on a timestamptz, a
// primary key and a foreign key on the parent, a partition's own index,
// and other partitionings beside it (LIST with a DEFAULT partition and a
// sub-partitioned partition, HASH on an expression).
constexpr const char* pagila_payment = R"SQL(
SET TimeZone = 'UTC';
CREATE TABLE public.customer (customer_id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE public.payment (
    payment_id serial NOT NULL,
    customer_id integer NOT NULL,
    amount numeric(5,2) NOT NULL,
    payment_date timestamp with time zone NOT NULL,
    CONSTRAINT payment_pkey PRIMARY KEY (payment_date, payment_id)
) PARTITION BY RANGE (payment_date);
COMMENT ON TABLE public.payment IS 'by month';
CREATE TABLE public.payment_p2022_01 PARTITION OF public.payment
    FOR VALUES FROM ('2022-01-01 00:00:00+00') TO ('2022-02-01 00:00:00+00');
CREATE TABLE public.payment_p2022_02 PARTITION OF public.payment
    FOR VALUES FROM ('2022-02-01 00:00:00+00') TO ('2022-03-01 00:00:00+00');
CREATE TABLE public.payment_p2022_03 PARTITION OF public.payment
    FOR VALUES FROM ('2022-03-01 00:00:00+00') TO ('2022-04-01 00:00:00+00');
ALTER TABLE public.payment ADD CONSTRAINT payment_customer_id_fkey
    FOREIGN KEY (customer_id) REFERENCES public.customer (customer_id);
CREATE INDEX idx_fk_payment_p2022_01_customer_id ON public.payment_p2022_01 (customer_id);
CREATE INDEX payment_amount_idx ON public.payment (amount);
INSERT INTO public.customer (name) VALUES ('a');
INSERT INTO public.payment (customer_id, amount, payment_date) VALUES (1, 9.99, '2022-01-15'), (1, 1.5, '2022-03-02');

CREATE TABLE public.orders (id bigint NOT NULL, region text NOT NULL, placed date NOT NULL) PARTITION BY LIST (region);
CREATE TABLE public.orders_eu PARTITION OF public.orders FOR VALUES IN ('de', 'fr') PARTITION BY RANGE (placed);
CREATE TABLE public.orders_eu_2024 PARTITION OF public.orders_eu FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE public.orders_other PARTITION OF public.orders DEFAULT;
ALTER TABLE public.orders_other ADD CONSTRAINT orders_other_id_positive CHECK (id > 0);

CREATE TABLE public.events (id bigint NOT NULL, kind text NOT NULL) PARTITION BY HASH (lower(kind));
CREATE TABLE public.events_0 PARTITION OF public.events FOR VALUES WITH (modulus 2, remainder 0);
CREATE TABLE public.events_1 PARTITION OF public.events FOR VALUES WITH (modulus 2, remainder 1);
)SQL";

std::string dump_or_empty(const std::string& db) {
    auto& cluster = TempCluster::shared();
    return cluster.has_pg_dump() ? cluster.dump_schema(db) : "";
}

// Applies the export of `after` to a database built from `before`; the
// result plans empty and dumps as `after` does.
struct Converged {
    std::string plan;  // the first plan's output
    std::string db;
};
Converged converge(const std::string& name, const std::string& before, const std::string& after,
                   const std::vector<std::string>& extra = {}) {
    auto& cluster = TempCluster::shared();
    std::string wanted = cluster.create_database(name + "_want");
    cluster.run_sql(wanted, after);
    std::string dir = export_and_check_empty_plan(wanted);
    std::string db = cluster.create_database(name);
    cluster.run_sql(db, before);
    auto plan = reconcile_on("plan", dir, db, extra);
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 2);
    std::vector<std::string> args = {"--yes"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto applied = reconcile_on("apply", dir, db, args);
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    auto again = reconcile_on("plan", dir, db, extra);
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);
    CHECK(dump_or_empty(db) == dump_or_empty(wanted));
    return {plan.out, db};
}

}  // namespace

TEST_CASE("partitions: pagila's payment exports, rebuilds into an empty database and dumps the same",
          "[partitions][roundtrip]") {
    auto& cluster = TempCluster::shared();
    std::string source = cluster.create_database("pagila_payment");
    cluster.run_sql(source, pagila_payment);

    std::string dir = export_and_check_empty_plan(source);
    auto parent = read_file(dir + "/public/payment.json");
    INFO(parent);
    CHECK(has(parent, "\"partition_by\": \"RANGE (payment_date)\""));
    CHECK(has(parent, "payment_customer_id_fkey"));
    auto partition = read_file(dir + "/public/payment_p2022_01.json");
    INFO(partition);
    CHECK(has(partition, "\"partition_of\""));
    CHECK(has(partition, "FOR VALUES FROM ('2022-01-01 00:00:00+00') TO ('2022-02-01 00:00:00+00')"));
    // Its columns, key, foreign key and the parent's index are the parent's.
    CHECK_FALSE(has(partition, "\"name\": \"amount\""));
    CHECK_FALSE(has(partition, "payment_p2022_01_pkey"));
    CHECK_FALSE(has(partition, "fkey"));
    CHECK_FALSE(has(partition, "amount_idx"));
    CHECK(has(partition, "idx_fk_payment_p2022_01_customer_id"));
    CHECK(has(read_file(dir + "/public/orders_other.json"), "\"bound\": \"DEFAULT\""));
    CHECK(has(read_file(dir + "/public/orders_other.json"), "orders_other_id_positive"));
    CHECK(has(read_file(dir + "/public/orders_eu.json"), "\"partition_by\": \"RANGE (placed)\""));
    CHECK(has(read_file(dir + "/public/events.json"), "HASH (lower(kind))"));

    // Partitions are managed now, so nothing is left "not managed".
    auto plan = reconcile_on("plan", dir, source);
    INFO(plan.out << plan.err);
    CHECK_FALSE(has(plan.out, "partition"));

    std::string target = check_rebuilds_from_export(source, dir);

    // A client in another time zone reads the bounds as export wrote them:
    // reconcile's sessions run in UTC, whatever PGTZ says.
    ScopedEnv zone("PGTZ", "America/New_York");
    auto elsewhere = reconcile_on("plan", dir, target);
    INFO(elsewhere.out << elsewhere.err);
    CHECK(elsewhere.exit_code == 0);
    CHECK(has(elsewhere.out, "No changes"));
}

TEST_CASE("partitions: adding a partition converges", "[partitions]") {
    auto [out, db] = converge("part_add", pagila_payment,
                              std::string(pagila_payment) +
                                  "CREATE TABLE public.payment_p2022_04 PARTITION OF public.payment "
                                  "FOR VALUES FROM ('2022-04-01 00:00:00+00') TO ('2022-05-01 00:00:00+00');");
    CHECK(has(out, "PARTITION OF \"public\".\"payment\" FOR VALUES FROM"));
}

TEST_CASE("partitions: detaching a partition keeps its rows", "[partitions]") {
    auto [out, db] =
        converge("part_detach", pagila_payment,
                 std::string(pagila_payment) + "ALTER TABLE public.payment DETACH PARTITION public.payment_p2022_01;");
    CHECK(has(out, "DETACH PARTITION \"public\".\"payment_p2022_01\""));
    CHECK_FALSE(has(out, "DELETES_DATA"));
    CHECK(query_column(db, "SELECT count(*) FROM public.payment_p2022_01") == "1");
}

TEST_CASE("partitions: an index on the parent reaches every partition", "[partitions]") {
    auto [out, db] =
        converge("part_index", pagila_payment,
                 std::string(pagila_payment) + "CREATE INDEX payment_customer_idx ON public.payment (customer_id);");
    CHECK(has(out, "CREATE INDEX \"payment_customer_idx\" ON \"public\".\"payment\""));
    // One index per partition under it; payment_p2022_01's own one, just
    // like it, is adopted rather than dropped.
    CHECK(query_column(
              db, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'public.payment_customer_idx'::regclass") == "3");
    CHECK(query_column(db, "SELECT count(*) FROM pg_class WHERE relname = 'idx_fk_payment_p2022_01_customer_id'") ==
          "1");
}

TEST_CASE("partitions: a foreign key referencing a partitioned table", "[partitions]") {
    const std::string refund =
        "CREATE TABLE public.refund (id int PRIMARY KEY, payment_date timestamptz NOT NULL, payment_id int NOT NULL);";
    converge("part_fk", std::string(pagila_payment) + refund,
             std::string(pagila_payment) + refund +
                 "ALTER TABLE public.refund ADD CONSTRAINT refund_payment_fkey FOREIGN KEY (payment_date, payment_id) "
                 "REFERENCES public.payment (payment_date, payment_id);");
}

// DROP TABLE refuses a partition that a foreign key references through its
// parent; the dependents check refused it too, counting the key's copy for
// that partition as something outside the plan.
TEST_CASE("partitions: dropping a partition a foreign key references through its parent", "[partitions]") {
    const std::string refund =
        "CREATE TABLE public.refund (id int PRIMARY KEY, payment_date timestamptz NOT NULL, payment_id int NOT NULL, "
        "FOREIGN KEY (payment_date, payment_id) REFERENCES public.payment (payment_date, payment_id));";
    const std::string rows =
        "INSERT INTO public.payment (payment_id, customer_id, amount, payment_date) "
        "VALUES (1, 1, 5, '2022-02-10 00:00:00+00');"
        "INSERT INTO public.refund VALUES (1, '2022-02-10 00:00:00+00', 1);";
    auto [plan, db] = converge("part_fk_drop", std::string(pagila_payment) + refund + rows,
                               std::string(pagila_payment) + refund +
                                   "ALTER TABLE public.payment DETACH PARTITION public.payment_p2022_03;"
                                   "DROP TABLE public.payment_p2022_03;",
                               {"--prune", "--allow-destructive"});
    CHECK(has(plan, "DETACH PARTITION \"public\".\"payment_p2022_03\""));
    CHECK(query_column(db, "SELECT count(*) FROM public.refund") == "1");
}

// Found in GitLab's structure.sql: an index created ON ONLY the parent is
// INVALID until each partition has one attached (pg_dump's own output in
// between, or a migration building the partitions' indexes one by one). It
// read as left by a failed concurrent build, and a plan against the very
// database exported rebuilt it across every partition.
TEST_CASE("partitions: an index on the parent only, not yet on every partition, is not rebuilt", "[partitions]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("part_on_only_index");
    cluster.run_sql(db, R"SQL(
CREATE TABLE public.p (k int NOT NULL, v int) PARTITION BY LIST (k);
CREATE TABLE public.p_1 PARTITION OF public.p FOR VALUES IN (1);
CREATE INDEX p_v_idx ON ONLY public.p USING btree (v);
)SQL");
    std::string dir = export_and_check_empty_plan(db);
    CHECK(query_column(db, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'public.p_v_idx'::regclass") == "f");
}

TEST_CASE("partitions: moving a partition to another bound, attaching a table", "[partitions]") {
    const std::string standalone =
        "CREATE TABLE public.payment_old (LIKE public.payment INCLUDING DEFAULTS INCLUDING CONSTRAINTS);";
    converge("part_attach", std::string(pagila_payment) + standalone,
             std::string(pagila_payment) + standalone +
                 "ALTER TABLE public.payment ATTACH PARTITION public.payment_old "
                 "FOR VALUES FROM ('2021-01-01 00:00:00+00') TO ('2022-01-01 00:00:00+00');"
                 "ALTER TABLE public.payment DETACH PARTITION public.payment_p2022_03;"
                 "ALTER TABLE public.payment ATTACH PARTITION public.payment_p2022_03 "
                 "FOR VALUES FROM ('2022-03-01 00:00:00+00') TO ('2022-05-01 00:00:00+00');");
}

TEST_CASE("partitions: a manifest naming an undeclared parent is refused", "[partitions]") {
    std::string dir = make_temp_dir("part-bad");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "public/p.json",
                   R"json({"table": "p", "partition_of": {"table": "paymnt", "bound": "DEFAULT"}})json");
    write_manifest(
        dir, "public/payment.json",
        R"json({"table": "payment", "partition_by": "LIST (a)", "columns": [{"name": "a", "type": "int"}]})json");
    auto result = run_reconcile({"validate", "-m", dir});
    INFO(result.out << result.err);
    CHECK(result.exit_code == 1);
    CHECK(has(result.err, "/partition_of/table"));
    CHECK(has(result.err, "payment"));
}

TEST_CASE("partitions: a partition manager's partitions matching a declared pattern are left alone", "[partitions]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("part_alone");
    cluster.run_sql(db, pagila_payment);
    std::string dir = export_and_check_empty_plan(db);
    // The nightly job adds a month and a sub-partitioned one; an old month
    // is not in the manifests either.
    cluster.run_sql(
        db,
        "SET TimeZone = 'UTC';"
        "CREATE TABLE public.payment_p2022_04 PARTITION OF public.payment "
        "FOR VALUES FROM ('2022-04-01 00:00:00+00') TO ('2022-05-01 00:00:00+00');"
        "CREATE TABLE public.payment_p2022_05 PARTITION OF public.payment "
        "FOR VALUES FROM ('2022-05-01 00:00:00+00') TO ('2022-06-01 00:00:00+00') PARTITION BY HASH (payment_id);"
        "CREATE TABLE public.payment_p2022_05_h0 PARTITION OF public.payment_p2022_05 "
        "FOR VALUES WITH (modulus 1, remainder 0);"
        "CREATE TABLE public.payment_extra PARTITION OF public.payment "
        "FOR VALUES FROM ('2021-01-01 00:00:00+00') TO ('2022-01-01 00:00:00+00');");
    auto drift = reconcile_on("drift", dir, db);
    INFO(drift.out << drift.err);
    CHECK(drift.exit_code != 0);
    CHECK(has(drift.out, "payment_p2022_04"));

    auto parent = read_file(dir + "/public/payment.json");
    parent.insert(parent.rfind('}'), ", \"partitions_left_alone\": [\"payment_p20*\"]");
    write_manifest(dir, "public/payment.json", parent);
    drift = reconcile_on("drift", dir, db);
    INFO(drift.out << drift.err);
    CHECK_FALSE(has(drift.out, "payment_p2022_04"));
    CHECK_FALSE(has(drift.out, "payment_p2022_05"));
    CHECK(has(drift.out, "payment_extra"));  // not matched: still reported

    // Never dropped by --prune either; the unmatched one is.
    auto applied = reconcile_on("apply", dir, db, {"--yes", "--prune", "--allow-destructive"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    CHECK(query_column(db,
                       "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class "
                       "WHERE relname LIKE 'payment_%' AND relkind IN ('r', 'p')") ==
          "payment_p2022_01,payment_p2022_02,payment_p2022_03,payment_p2022_04,payment_p2022_05,payment_p2022_05_h0");
    CHECK(reconcile_on("plan", dir, db).exit_code == 0);
}
