// Grants and owners on the kinds beyond tables: views, functions,
// standalone sequences, enums and domains. What is proven here is what a
// role can do afterwards (has_*_privilege, a call under SET ROLE), that a
// view or function the plan drops and creates gets its grants back, and
// that PUBLIC's built-in EXECUTE on a function is revoked when a manifest
// says "public": [], also right after the function is created.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "catalog/pg/connection.hpp"
#include "tests/integration/scenario_support.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

// The manifests, with OWNER and READER standing for this run's role names
// and RETURNS, VIEW_QUERY for what the second round changes.
struct Manifests {
    std::string owner, reader;

    void write(const std::string& dir, const std::string& returns, const std::string& view_query) const {
        auto put = [&](const std::string& file, std::string text) {
            text = replace_all(std::move(text), "OWNER", owner);
            text = replace_all(std::move(text), "READER", reader);
            text = replace_all(std::move(text), "RETURNS", returns);
            write_manifest(dir, file, replace_all(std::move(text), "VIEW_QUERY", view_query));
        };
        put("roles.json", R"({"roles": {"OWNER": {}, "READER": {"login": true}}})");
        put("schemas.json", R"({"schemas": {"public": {"comment": "standard public schema",
            "grants": {"READER": ["USAGE"]},
            "sequences": {"ticket_seq": {"owner": "OWNER", "grants": {"READER": ["USAGE"]}}},
            "enums": {"mood": {"values": ["ok", "sad"], "owner": "OWNER", "grants": {"READER": ["USAGE"]}}},
            "domains": {"posint": {"type": "integer", "checks": {"posint_check": {"expression": "VALUE > 0"}},
                                   "owner": "OWNER", "grants": {"public": [], "READER": ["USAGE"]}}}}}})");
        put("public/t.json", R"({"table": "t", "owner": "OWNER",
            "columns": [{"name": "id", "type": "integer", "not_null": true}, {"name": "note", "type": "text"}],
            "primary_key": {"columns": ["id"]}})");
        put("public/v.json", R"({"view": "v", "query": "VIEW_QUERY", "owner": "OWNER",
            "grants": {"READER": ["SELECT"]}})");
        // "int", not "integer": the grants follow the identity the server spells.
        put("public/bump.json", R"({"function": "bump", "arguments": [{"name": "n", "type": "int"}],
            "returns": "RETURNS", "language": "sql", "body": "SELECT n + 1", "owner": "OWNER",
            "grants": {"public": [], "READER": ["EXECUTE"]}})");
    }
};

}  // namespace

TEST_CASE("grants and owners on views, functions, sequences and types converge and survive re-creation",
          "[roles][privileges][roundtrip]") {
    auto& cluster = TempCluster::shared();
    const std::string suffix = std::to_string(getpid());
    const Manifests manifests{"op_owner_" + suffix, "op_reader_" + suffix};
    const auto& reader = manifests.reader;
    auto db = cluster.create_database("object_privileges");
    auto dir = make_temp_dir("object-privileges");
    manifests.write(dir, "integer", "SELECT id, note FROM public.t");

    auto plan = reconcile_on("plan", dir, db, {"--format", "sql"});
    INFO(plan.out << plan.err);
    CHECK(has(plan.out, R"(REVOKE EXECUTE ON FUNCTION "public"."bump"(integer) FROM PUBLIC)"));
    CHECK(has(plan.out, R"(GRANT EXECUTE ON FUNCTION "public"."bump"(integer) TO ")" + reader + "\""));
    CHECK(has(plan.out, R"(GRANT SELECT ON TABLE "public"."v" TO ")" + reader + "\""));
    CHECK(has(plan.out, R"(REVOKE USAGE ON DOMAIN "public"."posint" FROM PUBLIC)"));

    auto applied = reconcile_on("apply", dir, db, {"--yes"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    auto again = reconcile_on("plan", dir, db);
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);
    CHECK(has(again.out, "No changes."));

    auto can = [&](const std::string& check) { return query_column(db, "SELECT " + check); };
    CHECK(can("has_function_privilege('public', 'public.bump(integer)', 'EXECUTE')") == "f");
    CHECK(can("has_function_privilege('" + reader + "', 'public.bump(integer)', 'EXECUTE')") == "t");
    CHECK(can("has_table_privilege('" + reader + "', 'public.v', 'SELECT')") == "t");
    CHECK(can("has_sequence_privilege('" + reader + "', 'public.ticket_seq', 'USAGE')") == "t");
    CHECK(can("has_type_privilege('" + reader + "', 'public.mood', 'USAGE')") == "t");
    CHECK(can("has_type_privilege('public', 'public.posint', 'USAGE')") == "f");
    CHECK(can("pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'public.v'::regclass") == manifests.owner);
    CHECK(can("pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'public.ticket_seq'::regclass") ==
          manifests.owner);
    CHECK(can("pg_get_userbyid(proowner) FROM pg_proc WHERE oid = 'public.bump(integer)'::regprocedure") ==
          manifests.owner);
    CHECK(can("pg_get_userbyid(typowner) FROM pg_type WHERE oid = 'public.posint'::regtype") == manifests.owner);
    cluster.run_sql(db, "INSERT INTO public.t VALUES (1, 'one');");
    {
        // As the reader: EXECUTE and USAGE on the schema are all it needs.
        auto conn = reconcile::catalog::Connection::open(cluster.conninfo(db) + " options='-c role=" + reader + "'");
        std::string result;
        for (auto row : conn.query("SELECT public.bump(1)")) result = std::string(row[0].value_or(""));
        CHECK(result == "2");
    }

    // Drift by hand is put back: a revoked grant, PUBLIC's EXECUTE granted again.
    cluster.run_sql(db, "REVOKE SELECT ON public.v FROM " + reader +
                            "; GRANT EXECUTE ON FUNCTION public.bump(integer) TO PUBLIC;");
    auto drifted = reconcile_on("plan", dir, db, {"--format", "sql"});
    INFO(drifted.out << drifted.err);
    CHECK(drifted.exit_code == 2);
    CHECK(has(drifted.out, R"(GRANT SELECT ON TABLE "public"."v" TO ")" + reader + "\""));
    CHECK(has(drifted.out, R"(REVOKE EXECUTE ON FUNCTION "public"."bump"(integer) FROM PUBLIC)"));
    REQUIRE(reconcile_on("apply", dir, db, {"--yes"}).exit_code == 0);

    // The view's columns change order and the function's result type
    // changes: both are dropped and created, and get grants and owner back.
    manifests.write(dir, "bigint", "SELECT note, id FROM public.t");
    auto recreated = reconcile_on("apply", dir, db, {"--yes"});
    INFO(recreated.out << recreated.err);
    REQUIRE(recreated.exit_code == 0);
    CHECK(has(recreated.out, "drop function"));
    auto settled = reconcile_on("plan", dir, db);
    INFO(settled.out << settled.err);
    CHECK(has(settled.out, "No changes."));
    CHECK(can("has_table_privilege('" + reader + "', 'public.v', 'SELECT')") == "t");
    CHECK(can("has_function_privilege('" + reader + "', 'public.bump(integer)', 'EXECUTE')") == "t");
    CHECK(can("has_function_privilege('public', 'public.bump(integer)', 'EXECUTE')") == "f");
    CHECK(can("pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'public.v'::regclass") == manifests.owner);

    // Export writes the grants, PUBLIC's revoked EXECUTE as [], and plans empty.
    auto exported = export_and_check_empty_plan(db);
    auto function_file = read_file(exported + "/public/functions/bump.json");
    CHECK(has(function_file, R"("public": [])"));
    CHECK(has(function_file, "EXECUTE"));
    CHECK(has(read_file(exported + "/public/v.json"), "\"owner\": \"" + manifests.owner + "\""));

    cluster.run_sql(db, "DROP OWNED BY " + manifests.owner + "; DROP OWNED BY " + reader + "; DROP ROLE " +
                            manifests.owner + ", " + reader + ";");
}

TEST_CASE("database grants apply to the target database whatever its name, and converge",
          "[roles][privileges]") {
    auto& cluster = TempCluster::shared();
    const std::string suffix = std::to_string(getpid());
    const std::string reader = "dbg_reader_" + suffix, stranger = "dbg_stranger_" + suffix;
    cluster.run_sql("postgres", "CREATE ROLE " + stranger);
    auto dir = make_temp_dir("database-grants");
    write_manifest(dir, "schemas.json", public_schema);
    // PUBLIC keeps CONNECT only: its built-in TEMPORARY is revoked.
    write_manifest(dir, "roles.json",
                   R"({"roles": {")" + reader + R"(": {"login": true}},
                       "database_grants": {")" + reader + R"(": ["CONNECT", "TEMPORARY"], "public": ["CONNECT"]}})");
    // The same manifests serve two databases of different names.
    for (const std::string prefix : {"grants_staging", "grants_production"}) {
        auto db = cluster.create_database(prefix);
        cluster.run_sql(db, "GRANT CREATE ON DATABASE \"" + db + "\" TO " + stranger);
        auto plan = reconcile_on("plan", dir, db, {"--format", "sql"});
        INFO(plan.out << plan.err);
        CHECK(has(plan.out, "GRANT CONNECT, TEMPORARY ON DATABASE \"" + db + "\" TO \"" + reader + "\""));
        CHECK(has(plan.out, "REVOKE TEMPORARY ON DATABASE \"" + db + "\" FROM PUBLIC"));
        CHECK_FALSE(has(plan.out, stranger));  // not managed: left alone

        apply_and_check_converged(dir, db);

        auto can = [&](const std::string& role, const std::string& privilege) {
            return query_column(db, "SELECT has_database_privilege('" + role + "', current_database(), '" +
                                        privilege + "')");
        };
        CHECK(can(reader, "CONNECT") == "t");
        CHECK(can(reader, "TEMPORARY") == "t");
        CHECK(can("public", "CONNECT") == "t");
        CHECK(can("public", "TEMPORARY") == "f");
        CHECK(can(stranger, "CREATE") == "t");

        // Export leaves the database's grants to the manifests that state
        // them: the stranger is not exported as a role.
        auto exported = export_and_check_empty_plan(db);
        for (const auto& file : std::filesystem::recursive_directory_iterator(exported)) {
            if (!file.is_regular_file()) continue;
            std::ifstream in(file.path());
            std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            INFO(file.path());
            CHECK_FALSE(has(text, stranger));
            CHECK_FALSE(has(text, "database_grants"));
        }
    }
}

// Found on PostgREST's fixtures: a grant on a view's column is not modelled
// (column grants are read on tables only) and was lost on rebuild without a
// word; it is listed as not managed now.
TEST_CASE("a grant on a view's column is listed as not managed", "[roles][privileges]") {
    auto& cluster = TempCluster::shared();
    const std::string reader = "viewcol_reader_" + std::to_string(getpid());
    cluster.run_sql("postgres", "CREATE ROLE " + reader);
    std::string db = cluster.create_database("view_column_grant");
    cluster.run_sql(db, "CREATE TABLE public.t (a int, b int); CREATE VIEW public.v AS SELECT a, b FROM public.t;"
                        "GRANT SELECT (a) ON public.v TO " +
                            reader + "; GRANT SELECT (a) ON public.t TO " + reader + ";");
    std::string dir = export_and_check_empty_plan(db);
    auto listing = reconcile_on("plan", dir, db, {"--verbose"});
    INFO(listing.out << listing.err);
    CHECK(has(listing.out, "column privileges public.v.a"));
    // The table's column grant is managed, so not listed.
    CHECK_FALSE(has(listing.out, "column privileges public.t.a"));
    cluster.run_sql(db, "DROP OWNED BY " + reader);
    cluster.run_sql("postgres", "DROP ROLE " + reader);
}
