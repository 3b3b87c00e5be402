// Behaviour that depends on the server's major version. tests/matrix.sh runs
// the suite against PostgreSQL 13 to 18; each case here checks what its
// version must do and is a no-op on the others.
#include <catch2/catch.hpp>
#include <fstream>

#include "catalog/introspect/introspector.hpp"
#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;
using namespace reconcile::catalog;

namespace {

// (what, identity) pairs, as plan and drift list them.
std::vector<std::pair<std::string, std::string>> unmanaged_listing(const std::vector<UnmanagedObject>& objects) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& object : objects) out.emplace_back(object.what, object.identity());
    return out;
}

const char* const bare_public_schema = R"json({"schemas": {"public": {}}})json";

}  // namespace

TEST_CASE("versions: nulls_not_distinct before PostgreSQL 15 is a planning error", "[versions]") {
    auto& cluster = TempCluster::shared();
    std::string db = cluster.create_database("versions_nnd");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", bare_public_schema);
    write_manifest(dir, "t.json",
                   R"json({"table": "t", "columns": [{"name": "a", "type": "int"}, {"name": "b", "type": "int"}],
        "unique": {"t_a_key": {"columns": ["a"], "nulls_not_distinct": true}},
        "indexes": {"t_b_idx": {"columns": ["b"], "unique": true, "nulls_not_distinct": true}}})json");

    if (cluster.server_version() >= 150000) {
        auto applied = run_reconcile({"apply", "-m", dir, "-d", cluster.conninfo(db), "--yes", "--allow-hazards", "all"});
        INFO(applied.out << applied.err);
        CHECK(applied.exit_code == 0);
        return;
    }
    auto planned = run_reconcile({"plan", "-m", dir, "-d", cluster.conninfo(db)});
    INFO(planned.out << planned.err);
    CHECK(planned.exit_code == 1);
    const std::string running =
        "the target database runs PostgreSQL " + std::to_string(cluster.server_version() / 10000);
    CHECK(has(planned.err,
              "t.json: /unique/t_a_key/nulls_not_distinct: unique constraint t_a_key on public.t: "
              "nulls_not_distinct needs PostgreSQL 15 or later; " +
                  running));
    CHECK(has(planned.err,
              "t.json: /indexes/t_b_idx/nulls_not_distinct: index t_b_idx on public.t: "
              "nulls_not_distinct needs PostgreSQL 15 or later; " +
                  running));
    CHECK_FALSE(has(planned.err, "syntax error"));
}

TEST_CASE("versions: PostgreSQL 18 constraints the model cannot say yet are left out and listed", "[versions]") {
    auto& cluster = TempCluster::shared();
    if (cluster.server_version() < 180000) return;
    std::string db = cluster.create_database("versions_pg18");
    cluster.run_sql(db, R"sql(
CREATE TABLE items (
    id int PRIMARY KEY,
    qty int,
    label text,
    doubled int GENERATED ALWAYS AS (qty * 2) VIRTUAL,
    CONSTRAINT qty_positive CHECK (qty > 0) NOT ENFORCED
);
INSERT INTO items (id, qty, label) VALUES (1, 5, 'one');
ALTER TABLE items ADD CONSTRAINT label_present NOT NULL label NOT VALID;
CREATE TABLE item_refs (item_id int, CONSTRAINT item_refs_item FOREIGN KEY (item_id) REFERENCES items NOT ENFORCED);
CREATE TABLE bookings (room int4range, during tstzrange,
                       CONSTRAINT bookings_pk PRIMARY KEY (room, during WITHOUT OVERLAPS));
)sql");
    auto conn = Connection::open(cluster.conninfo(db));
    Model model = introspect(conn, {"public"});

    const Table* items = model.find_table({"public", "items"});
    REQUIRE(items != nullptr);
    REQUIRE(items->constraints.size() == 1);  // the primary key only
    CHECK(items->constraints[0].name == "items_pkey");
    CHECK_FALSE(items->find_column("label")->not_null);  // NOT VALID: old rows may hold NULLs
    CHECK(items->find_column("id")->not_null);
    CHECK(model.find_table({"public", "item_refs"})->constraints.empty());
    CHECK(model.find_table({"public", "bookings"})->constraints.empty());
    CHECK(model.find_table({"public", "bookings"})->indexes.empty());  // the key's own index

    std::vector<std::pair<std::string, std::string>> expected{
        {"not enforced constraint", "public.item_refs.item_refs_item"},
        {"not enforced constraint", "public.items.qty_positive"},
        {"not valid NOT NULL constraint", "public.items.label_present"},
        {"temporal constraint", "public.bookings.bookings_pk"},
        {"virtual generated column", "public.items.doubled"},
    };
    CHECK(unmanaged_listing(model.unmanaged) == expected);

    // Asking for the column to be NOT NULL validates the constraint.
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", bare_public_schema);
    write_manifest(dir, "items.json", R"json({"table": "items", "columns": [
        {"name": "id", "type": "int", "not_null": true}, {"name": "qty", "type": "int"},
        {"name": "label", "type": "text", "not_null": true}, {"name": "doubled", "type": "int", "generated": "qty * 2"}],
        "primary_key": {"columns": ["id"]}})json");
    write_manifest(dir, "item_refs.json",
                   R"json({"table": "item_refs", "columns": [{"name": "item_id", "type": "int"}]})json");
    write_manifest(dir, "bookings.json",
                   R"json({"table": "bookings", "columns": [{"name": "room", "type": "int4range", "not_null": true},
                                                   {"name": "during", "type": "tstzrange", "not_null": true}]})json");
    auto applied = run_reconcile({"apply", "-m", dir, "-d", cluster.conninfo(db), "--yes", "--allow-hazards", "all"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    CHECK(has(applied.out, "SET NOT NULL"));
    CHECK(query_column(db, "SELECT convalidated FROM pg_constraint WHERE conname = 'label_present'") == "t");
    auto again = run_reconcile({"plan", "-m", dir, "-d", cluster.conninfo(db)});
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);
    CHECK_FALSE(has(again.out, "label_present"));
}
