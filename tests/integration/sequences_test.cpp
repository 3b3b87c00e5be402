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
