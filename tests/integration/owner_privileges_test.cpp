// An owner that revoked some of its own privileges ("owner_privileges"):
// an audit table whose owner keeps only INSERT and SELECT. What is proven
// is what the owner can do afterwards, by doing it under SET ROLE; that a
// second plan is empty, also after the owner changes (ALTER ... OWNER TO
// hands the entry over) and after the restriction is lifted; that drift by
// hand is put back; and that export writes it, so a database rebuilt from
// the export gives the same pg_dump.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

std::string as_role(const std::string& db, const std::string& role, const std::string& sql) {
    try {
        TempCluster::shared().run_sql(db, "SET ROLE " + role + ";\n" + sql);
        return "";
    } catch (const std::exception& error) {
        return error.what();
    }
}

void write_manifests(const std::string& dir, const std::string& roles, const std::string& owner,
                     const std::string& owner_privileges) {
    write_manifest(dir, "roles.json", R"({"roles": {)" + roles + "}}");
    write_manifest(dir, "schemas.json", public_schema);
    std::string stated = owner_privileges.empty() ? "" : R"(, "owner_privileges": )" + owner_privileges;
    write_manifest(dir, "public/audit_entries.json",
                   R"({"table": "audit_entries", "owner": ")" + owner + "\"" + stated + R"(,
        "columns": [{"name": "id", "type": "bigint", "not_null": true}, {"name": "payload", "type": "json"}],
        "primary_key": {"columns": ["id"]}})");
}

}  // namespace

TEST_CASE("an owner that keeps only INSERT and SELECT on its audit table cannot DELETE, and it converges",
          "[roles][privileges][owner]") {
    auto& cluster = TempCluster::shared();
    const std::string suffix = std::to_string(getpid());
    const std::string auth = "own_auth_" + suffix, service = "own_service_" + suffix;
    const std::string roles = "\"" + auth + "\": {}, \"" + service + "\": {}";
    auto db = cluster.create_database("owner_privileges");
    auto dir = make_temp_dir("owner-privileges");
    write_manifests(dir, roles, auth, R"(["INSERT", "SELECT"])");

    auto plan = reconcile_on("plan", dir, db, {"--format", "sql"});
    INFO(plan.out << plan.err);
    CHECK(has(plan.out, R"(REVOKE ALL ON TABLE "public"."audit_entries" FROM ")" + auth + "\""));
    CHECK(has(plan.out, R"(GRANT INSERT, SELECT ON TABLE "public"."audit_entries" TO ")" + auth + "\""));
    apply_and_check_converged(dir, db);

    CHECK(as_role(db, auth, "INSERT INTO public.audit_entries VALUES (1, '{}');") == "");
    CHECK(as_role(db, auth, "SELECT count(*) FROM public.audit_entries;") == "");
    CHECK(has(as_role(db, auth, "DELETE FROM public.audit_entries;"), "permission denied"));
    CHECK(has(as_role(db, auth, "UPDATE public.audit_entries SET payload = '[]';"), "permission denied"));
    CHECK(has(as_role(db, auth, "TRUNCATE public.audit_entries;"), "permission denied"));
    CHECK(query_column(db, "SELECT count(*) FROM public.audit_entries") == "1");

    // Export writes the owner's entry; rebuilt from it, the database dumps the same.
    auto exported = export_and_check_empty_plan(db);
    auto table_file = read_file(exported + "/public/audit_entries.json");
    CHECK(has(table_file, R"("owner_privileges": ["INSERT", "SELECT"])"));
    auto rebuilt = check_rebuilds_from_export(db, exported);

    // Drift by hand (the owner gives itself DELETE back) is reported and put back.
    cluster.run_sql(db, "GRANT DELETE ON public.audit_entries TO " + auth + ";");
    auto drifted = reconcile_on("plan", dir, db, {"--format", "sql"});
    INFO(drifted.out << drifted.err);
    CHECK(drifted.exit_code == 2);
    CHECK(has(drifted.out, R"(REVOKE DELETE ON TABLE "public"."audit_entries" FROM ")" + auth + "\""));
    apply_and_check_converged(dir, db);
    CHECK(has(as_role(db, auth, "DELETE FROM public.audit_entries;"), "permission denied"));

    // A new owner takes the entry along; the plan makes it what the
    // manifest says after the owner change.
    write_manifests(dir, roles, service, R"(["SELECT"])");
    auto moved = apply_and_check_converged(dir, db);
    INFO(moved.out);
    CHECK(query_column(db,
                       "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'public.audit_entries'::regclass") ==
          service);
    CHECK(as_role(db, service, "SELECT count(*) FROM public.audit_entries;") == "");
    CHECK(has(as_role(db, service, "INSERT INTO public.audit_entries VALUES (2, '{}');"), "permission denied"));
    CHECK(has(as_role(db, auth, "SELECT count(*) FROM public.audit_entries;"), "permission denied"));

    // Without "owner_privileges" the owner holds every privilege again.
    write_manifests(dir, roles, service, "");
    auto lifted = reconcile_on("plan", dir, db, {"--format", "sql"});
    INFO(lifted.out << lifted.err);
    CHECK(has(lifted.out, R"(GRANT ALL ON TABLE "public"."audit_entries" TO ")" + service + "\""));
    apply_and_check_converged(dir, db);
    CHECK(as_role(db, service, "DELETE FROM public.audit_entries;") == "");
    // And the ACL is PostgreSQL's default entry again: export writes nothing.
    CHECK_FALSE(has(read_file(export_and_check_empty_plan(db) + "/public/audit_entries.json"), "owner_privileges"));

    cluster.run_sql(rebuilt, "DROP OWNED BY " + auth + ";");
    cluster.run_sql(
        db, "DROP OWNED BY " + auth + "; DROP OWNED BY " + service + "; DROP ROLE " + auth + ", " + service + ";");
}

TEST_CASE("owner_privileges on a schema, a sequence and a function converge", "[roles][privileges][owner]") {
    auto& cluster = TempCluster::shared();
    const std::string owner = "own_kinds_" + std::to_string(getpid());
    auto db = cluster.create_database("owner_privileges_kinds");
    auto dir = make_temp_dir("owner-privileges-kinds");
    write_manifest(dir, "roles.json", R"({"roles": {")" + owner + R"(": {}}})");
    write_manifest(dir, "schemas.json",
                   R"({"schemas": {"public": {"comment": "standard public schema"},
        "audit": {"owner": ")" +
                       owner + R"(", "owner_privileges": ["USAGE"],
          "sequences": {"entry_seq": {"owner": ")" +
                       owner + R"(", "owner_privileges": ["USAGE", "SELECT"]}}}}})");
    write_manifest(dir, "audit/stamp.json",
                   R"({"function": "stamp", "schema": "audit", "returns": "integer", "language": "sql",
        "body": "SELECT 1", "owner": ")" +
                       owner + R"(", "owner_privileges": [], "grants": {"public": []}})");
    apply_and_check_converged(dir, db);
    auto can = [&](const std::string& check) { return query_column(db, "SELECT " + check); };
    CHECK(can("has_schema_privilege('" + owner + "', 'audit', 'CREATE')") == "f");
    CHECK(can("has_schema_privilege('" + owner + "', 'audit', 'USAGE')") == "t");
    CHECK(can("has_sequence_privilege('" + owner + "', 'audit.entry_seq', 'UPDATE')") == "f");
    CHECK(can("has_sequence_privilege('" + owner + "', 'audit.entry_seq', 'SELECT')") == "t");
    CHECK(can("has_function_privilege('" + owner + "', 'audit.stamp()', 'EXECUTE')") == "f");
    auto exported = export_and_check_empty_plan(db);
    CHECK(has(read_file(exported + "/audit/functions/stamp.json"), R"("owner_privileges": [])"));
    auto rebuilt = check_rebuilds_from_export(db, exported);
    cluster.run_sql(rebuilt, "DROP OWNED BY " + owner + ";");
    cluster.run_sql(db, "DROP OWNED BY " + owner + "; DROP ROLE " + owner + ";");
}
