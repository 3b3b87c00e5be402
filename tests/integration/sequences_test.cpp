// Sequences: pagila's shape (bigint sequences behind integer columns, OWNED
// BY, nextval() defaults), standalone ones with every option, and the
// round trip into an empty database giving the same pg_dump.
#include <catch2/catch.hpp>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

constexpr const char* pagila_like = R"SQL(
CREATE SEQUENCE public.actor_actor_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
CREATE TABLE public.actor (
    actor_id integer DEFAULT nextval('public.actor_actor_id_seq'::regclass) NOT NULL,
    first_name text NOT NULL,
    CONSTRAINT actor_pkey PRIMARY KEY (actor_id)
);
ALTER SEQUENCE public.actor_actor_id_seq OWNED BY public.actor.actor_id;
CREATE SEQUENCE public.ticket_numbers AS integer START 100 INCREMENT 5 MINVALUE 100 MAXVALUE 100000 CACHE 10 CYCLE;
COMMENT ON SEQUENCE public.ticket_numbers IS 'printed on tickets';
CREATE SEQUENCE public.countdown INCREMENT -1;
CREATE TABLE public.payment (
    ticket integer DEFAULT nextval('public.ticket_numbers'::regclass) NOT NULL,
    amount numeric(5,2)
);
CREATE TABLE public.staff (staff_id serial PRIMARY KEY, name text);
SELECT setval('public.ticket_numbers', 500);
)SQL";

}  // namespace

TEST_CASE("sequences: pagila's shapes export, rebuild into an empty database and dump the same",
          "[sequences][roundtrip]") {
    auto& cluster = TempCluster::shared();
    std::string source = cluster.create_database("pagila_seq");
    cluster.run_sql(source, pagila_like);

    std::string dir = export_and_check_empty_plan(source);
    auto schemas = read_file(dir + "/schemas.json");
    INFO(schemas);
    CHECK(has(schemas, "\"actor_actor_id_seq\""));
    CHECK(has(schemas, "\"owned_by\""));
    CHECK(has(schemas, "\"ticket_numbers\""));
    CHECK(has(schemas, "\"increment\": -1"));
    CHECK_FALSE(has(schemas, "staff_staff_id_seq"));  // a serial, declared on its column
    CHECK(has(read_file(dir + "/public/staff.json"), "\"serial\""));
    CHECK(has(read_file(dir + "/public/actor.json"), "nextval('public.actor_actor_id_seq'::regclass)"));

    std::string target = check_rebuilds_from_export(source, dir);
    CHECK(query_column(target,
                       "SELECT format_type(seqtypid, NULL) FROM pg_sequence "
                       "WHERE seqrelid = 'public.actor_actor_id_seq'::regclass") == "bigint");

    // The value is data: moving it is no difference.
    cluster.run_sql(target, "SELECT setval('public.ticket_numbers', 9000)");
    CHECK(reconcile_on("drift", dir, target).exit_code == 0);
}

TEST_CASE("sequences: options change in place, a drop needs --prune and --allow-destructive", "[sequences]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("seq_alter");
    cluster.run_sql(db, "CREATE SEQUENCE public.counter; CREATE SEQUENCE public.old_counter;");
    std::string dir = make_temp_dir("seq-alter");
    write_manifest(dir, "schemas.json", R"json({"schemas": {"public": {"comment": "standard public schema",
        "sequences": {"counter": {"type": "int", "increment": 10, "cache": 5}}}}})json");
    auto plan = reconcile_on("plan", dir, db, {"--prune"});
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 2);
    CHECK(
        has(plan.out, "ALTER SEQUENCE \"public\".\"counter\" AS integer INCREMENT BY 10 MAXVALUE 2147483647 CACHE 5"));
    CHECK(has(plan.out, "drops sequence public.old_counter"));
    auto applied = reconcile_on("apply", dir, db, {"--yes", "--prune", "--allow-destructive"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    CHECK(reconcile_on("plan", dir, db, {"--prune"}).exit_code == 0);
    CHECK(query_column(db, "SELECT relname FROM pg_class WHERE relkind = 'S'") == "counter");
}

// PostgreSQL refuses a MINVALUE above a sequence's current value; the plan
// moves a sequence not past the new minimum up to it first, and leaves one
// past it where it is (found in pg-schema-diff's schema pairs, for an
// identity column).
TEST_CASE("sequences: a MINVALUE raised above the current value", "[sequences]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("seq_minvalue");
    cluster.run_sql(db, R"SQL(
CREATE SEQUENCE public.ticket_no;
CREATE SEQUENCE public.invoice_no;
SELECT nextval('public.invoice_no') FROM generate_series(1, 3);
CREATE SEQUENCE public.order_no;
SELECT setval('public.order_no', 500);
CREATE TABLE public.events (id int GENERATED ALWAYS AS IDENTITY, note text);
INSERT INTO public.events (note) VALUES ('a');
)SQL");
    std::string dir = make_temp_dir("seq-minvalue");
    write_manifest(dir, "schemas.json", R"json({"schemas": {"public": {"comment": "standard public schema",
        "sequences": {"ticket_no": {"min_value": 100, "start": 150}, "invoice_no": {"min_value": 100, "start": 100},
                      "order_no": {"min_value": 100, "start": 100}}}}})json");
    write_manifest(dir, "public/events.json", R"json({"table": "events", "columns": [
        {"name": "id", "type": "int", "not_null": true,
         "identity": {"generated": "always", "min_value": 100, "start": 100}},
        {"name": "note", "type": "text"}]})json");
    auto applied = reconcile_on("apply", dir, db, {"--yes"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    CHECK(reconcile_on("plan", dir, db).exit_code == 0);
    CHECK(query_column(db, "SELECT nextval('public.ticket_no')") == "150");
    CHECK(query_column(db, "SELECT nextval('public.invoice_no')") == "100");
    CHECK(query_column(db, "SELECT nextval('public.order_no')") == "501");
    cluster.run_sql(db, "INSERT INTO public.events (note) VALUES ('b')");
    CHECK(query_column(db, "SELECT id FROM public.events ORDER BY id") == "1\n100");
}
