// Roles, memberships and privileges end to end: the pecr-consent acceptance
// case with its behaviour proven by SET ROLE, drift of a hand-made grant,
// and passwords that never appear in any output. Roles are cluster-wide and
// the suite shares one cluster, so every test renames its roles to names of
// its own and drops them at the end.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;
namespace fs = std::filesystem;

namespace {

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

// Role names unique to this process and call.
struct RoleNames {
    std::string suffix;
    std::string readonly, writer;
    std::string apply(std::string text) const {
        text = replace_all(text, "retool_readonly", readonly);
        return replace_all(text, "retool_writer", writer);
    }
};

RoleNames unique_roles() {
    static int calls = 0;
    RoleNames names;
    names.suffix = std::to_string(getpid()) + "_" + std::to_string(++calls);
    names.readonly = "retool_readonly_" + names.suffix;
    names.writer = "retool_writer_" + names.suffix;
    return names;
}

// The example's manifests with the roles renamed.
std::string renamed_example(const std::string& example, const RoleNames& names) {
    auto dir = make_temp_dir("roles-example");
    auto root = fs::path(source_dir()) / "examples" / example;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
        write_manifest(dir, fs::relative(entry.path(), root).generic_string(),
                       names.apply(read_file(entry.path().string())));
    }
    return dir;
}

// Runs statements as role in db; returns the error text, empty on success.
std::string as_role(const std::string& db, const std::string& role, const std::string& sql) {
    try {
        TempCluster::shared().run_sql(db, "SET ROLE " + role + ";\n" + sql);
        return "";
    } catch (const std::exception& error) {
        return error.what();
    }
}

struct Outputs {
    std::string all;
    CliResult keep(CliResult result) {
        all += result.out + result.err;
        return result;
    }
};

}  // namespace

TEST_CASE("pecr-consent: roles, column grants and sequences converge; SET ROLE proves least privilege",
          "[scenario][roles]") {
    auto& cluster = TempCluster::shared();
    auto names = unique_roles();
    auto db = cluster.create_database("pecr_roles");
    cluster.run_sql(db, names.apply(read_file(source_dir() + "/tests/scenarios/pecr-consent/before.sql")));
    auto dir = renamed_example("pecr-consent", names);
    const std::string readonly_password = "Ro-" + names.suffix + "-s3cret";
    const std::string writer_password = "Wr-" + names.suffix + "-s3cret";
    Outputs outputs;

    // A missing variable stops apply before anything runs.
    setenv("RETOOL_READONLY_PASSWORD", readonly_password.c_str(), 1);
    unsetenv("RETOOL_WRITER_PASSWORD");
    auto refused = outputs.keep(reconcile_on("apply", dir, db, {"--yes"}));
    INFO(refused.out << refused.err);
    CHECK(refused.exit_code == 1);
    CHECK(has(refused.err, "RETOOL_WRITER_PASSWORD"));
    CHECK(query_column(db, "SELECT count(*) FROM pg_roles WHERE rolname = '" + names.writer + "'") == "0");
    CHECK(query_column(db, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'consent_status'") ==
          "0");

    setenv("RETOOL_WRITER_PASSWORD", writer_password.c_str(), 1);
    auto plan = outputs.keep(reconcile_on("plan", dir, db));
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 2);
    CHECK(has(plan.out, "create role " + names.writer + " (password from $RETOOL_WRITER_PASSWORD)"));
    CHECK(has(plan.out, "set password of role " + names.readonly + " from $RETOOL_READONLY_PASSWORD"));
    CHECK(has(plan.out, "grant UPDATE on column public.jobs.consent_status to " + names.writer));
    for (const char* format : {"sql", "json"}) {
        auto shown = outputs.keep(reconcile_on("plan", dir, db, {"--format", format}));
        CHECK(shown.exit_code == 2);
        CHECK(has(shown.out, "RETOOL_WRITER_PASSWORD"));
    }

    // Applied through a saved plan, whose file is searched for the
    // passwords with every output below.
    const std::string saved = make_temp_dir("roles-saved-plan") + "/plan.json";
    REQUIRE(outputs.keep(reconcile_on("plan", dir, db, {"-o", saved})).exit_code == 2);
    outputs.all += read_file(saved);
    auto applied = outputs.keep(reconcile_on("apply", dir, db, {"--plan", saved, "--yes"}));
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    auto again = outputs.keep(reconcile_on("plan", dir, db));
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);
    CHECK(has(again.out, "No changes."));

    // The passwords were set (as SCRAM verifiers) and rows survived.
    CHECK(query_column(db, "SELECT count(*) FROM pg_authid WHERE rolname IN ('" + names.readonly + "', '" +
                               names.writer + "') AND rolcanlogin AND rolpassword LIKE 'SCRAM-SHA-256$%'") == "2");
    CHECK(query_column(db, "SELECT count(*) FROM public.jobs") == "3");

    // What each role can and cannot do, by doing it.
    const auto& ro = names.readonly;
    const auto& wr = names.writer;
    CHECK(as_role(db, ro, "SELECT count(*) FROM public.jobs; SELECT count(*) FROM public.audit_ledger;") == "");
    CHECK(has(as_role(db, ro, "INSERT INTO public.audit_ledger (event_type) VALUES ('x');"), "permission denied"));
    CHECK(has(as_role(db, ro, "UPDATE public.jobs SET consent_status = 'GIVEN';"), "permission denied"));
    CHECK(has(as_role(db, ro, "DELETE FROM public.jobs;"), "permission denied"));
    CHECK(has(as_role(db, ro, "SELECT nextval('public.jobs_id_seq');"), "permission denied"));
    CHECK(as_role(db, wr, "SELECT count(*) FROM public.jobs;") == "");
    CHECK(as_role(db, wr, "UPDATE public.jobs SET consent_status = 'GIVEN', consent_timestamp = now() WHERE id = 1;") ==
          "");
    CHECK(has(as_role(db, wr, "UPDATE public.jobs SET phone = '+447700900009' WHERE id = 1;"), "permission denied"));
    CHECK(has(as_role(db, wr, "DELETE FROM public.jobs;"), "permission denied"));
    CHECK(as_role(db, wr, "INSERT INTO public.audit_ledger (event_type, channel) VALUES ('sms', 'twilio');") == "");
    CHECK(has(as_role(db, wr, "SELECT count(*) FROM public.audit_ledger;"), "permission denied"));
    CHECK(as_role(db, wr, "SELECT nextval('public.jobs_id_seq'); SELECT nextval('public.audit_ledger_id_seq');") == "");
    // The ledger is append-only for everyone, its owner included: the
    // trigger refuses what privileges would allow.
    CHECK(has(as_role(db, wr, "UPDATE public.audit_ledger SET channel = 'x';"), "permission denied"));
    CHECK_THROWS_WITH(cluster.run_sql(db, "UPDATE public.audit_ledger SET channel = 'email'"),
                      Catch::Contains("audit_ledger is append-only"));
    CHECK_THROWS_WITH(cluster.run_sql(db, "DELETE FROM public.audit_ledger"),
                      Catch::Contains("audit_ledger is append-only"));
    CHECK(query_column(db, "SELECT count(*) FROM public.audit_ledger") == "1");
    // The helper writes through the ledger's sequence and default.
    cluster.run_sql(db, "SELECT public.write_audit(1, 'email', 'c-1', 'hello', 'smtp')");
    CHECK(query_column(db, "SELECT count(*) FROM public.audit_ledger WHERE channel = 'smtp'") == "1");

    // CONNECT granted to each dashboard role on this database, by name, as
    // after.sql does (not only through PUBLIC's default).
    CHECK(query_column(db, "SELECT count(*) FROM pg_database d, aclexplode(d.datacl) a WHERE d.datname = "
                           "current_database() AND a.privilege_type = 'CONNECT' AND a.grantee IN ('" +
                               ro + "'::regrole, '" + wr + "'::regrole)") == "2");

    // A privilege granted by hand to a managed role is drift, and apply revokes it.
    cluster.run_sql(db, "GRANT DELETE ON public.jobs TO " + wr + ";");
    auto drift = outputs.keep(reconcile_on("drift", dir, db));
    INFO(drift.out << drift.err);
    CHECK(drift.exit_code == 2);
    CHECK(has(drift.out, "revoke DELETE on table public.jobs from " + wr));
    auto fixed = outputs.keep(reconcile_on("apply", dir, db, {"--yes"}));
    INFO(fixed.out << fixed.err);
    CHECK(fixed.exit_code == 0);
    CHECK(query_column(db, "SELECT has_table_privilege('" + wr + "', 'public.jobs', 'DELETE')") == "f");

    // One granted to a role no manifest manages is reported, never revoked.
    const std::string other = "pecr_other_" + names.suffix;
    cluster.run_sql(db, "CREATE ROLE " + other + "; GRANT SELECT ON public.jobs TO " + other + ";");
    auto listed = outputs.keep(reconcile_on("plan", dir, db, {"--verbose"}));
    INFO(listed.out << listed.err);
    CHECK(listed.exit_code == 0);
    CHECK(has(listed.out, other));
    CHECK(query_column(db, "SELECT has_table_privilege('" + other + "', 'public.jobs', 'SELECT')") == "t");

    // A new rotation marker sets the password again.
    write_manifest(dir, "roles.json", replace_all(read_file(dir + "/roles.json"), "2026-11", "2026-12"));
    auto rotated = outputs.keep(reconcile_on("apply", dir, db, {"--yes"}));
    INFO(rotated.out << rotated.err);
    CHECK(rotated.exit_code == 0);
    CHECK(has(rotated.out, "set password of role " + wr + " from $RETOOL_WRITER_PASSWORD"));

    // No output of any run holds a password.
    CHECK_FALSE(has(outputs.all, readonly_password));
    CHECK_FALSE(has(outputs.all, writer_password));

    cluster.run_sql(
        db, "DROP OWNED BY " + ro + ", " + wr + ", " + other + "; DROP ROLE " + ro + ", " + wr + ", " + other + ";");
    unsetenv("RETOOL_READONLY_PASSWORD");
    unsetenv("RETOOL_WRITER_PASSWORD");
}

TEST_CASE("default privileges converge, apply to tables created later, and export round-trips with grants",
          "[roles][roundtrip]") {
    auto& cluster = TempCluster::shared();
    auto names = unique_roles();
    const std::string owner = "dp_owner_" + names.suffix, other_owner = "dp_other_" + names.suffix,
                      reader = "dp_reader_" + names.suffix;
    auto db = cluster.create_database("default_privileges");
    cluster.run_sql(db, "CREATE TABLE public.t (id int PRIMARY KEY, secret text, note text);");
    auto dir = make_temp_dir("default-privileges");
    write_manifest(dir, "schemas.json",
                   R"({"schemas": {"public": {"comment": "standard public schema",
        "grants": {"public": [], ")" +
                       reader + R"(": ["USAGE"]},
        "default_privileges": {")" +
                       owner + R"(": {"tables": {")" + reader + R"(": ["SELECT"]}}}}}})");
    write_manifest(dir, "roles.json",
                   R"({"roles": {")" + owner + R"(": {}, ")" + other_owner + R"(": {}, ")" + reader +
                       R"(": {"login": true, "member_of": {")" + other_owner + R"(": {}}}},
        "external_roles": ["postgres"],
        "default_privileges": {")" +
                       owner + R"(": {"sequences": {")" + reader + R"(": ["USAGE"]}},
                               ")" +
                       other_owner + R"(": {"tables": {")" + reader + R"(": ["INSERT"], "public": ["SELECT"]}}}})");
    write_manifest(dir, "public/t.json",
                   R"({"table": "t", "owner": ")" + owner + R"(",
        "columns": [{"name": "id", "type": "integer"}, {"name": "secret", "type": "text"},
                    {"name": "note", "type": "text", "grants": {")" +
                       reader + R"(": ["UPDATE", "SELECT"]}}],
        "primary_key": {"columns": ["id"]},
        "grants": {"public": ["SELECT"], ")" +
                       reader + R"(": ["INSERT WITH GRANT OPTION"]}})");

    auto applied = reconcile_on("apply", dir, db, {"--yes"});
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    auto again = reconcile_on("plan", dir, db);
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);
    CHECK(has(again.out, "No changes."));
    CHECK(query_column(db, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'public.t'::regclass") == owner);
    // PUBLIC's built-in USAGE on schema public was revoked ("public": []).
    CHECK(query_column(db, "SELECT has_schema_privilege('public', 'public', 'USAGE')") == "f");

    // A table the owner creates later gets the declared privileges.
    cluster.run_sql(db, "GRANT USAGE, CREATE ON SCHEMA public TO " + owner + "; SET ROLE " + owner +
                            "; CREATE TABLE public.later (id serial);");
    CHECK(query_column(db, "SELECT has_table_privilege('" + reader + "', 'public.later', 'SELECT')") == "t");
    CHECK(query_column(db, "SELECT has_sequence_privilege('" + reader + "', 'public.later_id_seq', 'USAGE')") == "t");

    // Export writes roles, grants, owners and default privileges, and plans empty against the same database.
    auto exported = export_and_check_empty_plan(db);
    auto roles_file = read_file(exported + "/roles.json");
    CHECK(has(roles_file, reader));
    CHECK(has(roles_file, "default_privileges"));
    auto table_file = read_file(exported + "/public/t.json");
    CHECK(has(table_file, "\"owner\": \"" + owner + "\""));
    CHECK(has(table_file, "INSERT WITH GRANT OPTION"));
    CHECK(has(read_file(exported + "/schemas.json"), "default_privileges"));

    // A claimed role that no manifest declares: reported; dropped only with
    // --prune and --allow-destructive, what it owns reassigned.
    const std::string retired = "dp_retired_" + names.suffix;
    // What it owns sits in a schema no manifest claims, which --prune leaves alone.
    const std::string side = "side_" + names.suffix;
    cluster.run_sql(db, "CREATE ROLE " + retired + "; CREATE SCHEMA " + side + " AUTHORIZATION " + retired +
                            "; SET ROLE " + retired + "; CREATE TABLE " + side + ".orphan (id int);");
    write_manifest(dir, "claims.json", R"({"claim_roles": ["dp_retired_)" + names.suffix.substr(0, 3) + R"(*"]})");
    auto reported = reconcile_on("plan", dir, db);
    INFO(reported.out << reported.err);
    // 2: the test granted on schema public by hand above, which is revoked.
    CHECK(reported.exit_code == 2);
    CHECK(has(reported.out, "Not in manifests"));
    CHECK(has(reported.out, retired));
    CHECK_FALSE(has(reported.out, "drop role"));
    auto refused = reconcile_on("apply", dir, db, {"--yes", "--prune"});
    INFO(refused.out << refused.err);
    CHECK(refused.exit_code == 1);
    CHECK(query_column(db, "SELECT count(*) FROM pg_roles WHERE rolname = '" + retired + "'") == "1");
    auto dropped = reconcile_on("apply", dir, db, {"--yes", "--prune", "--allow-destructive"});
    INFO(dropped.out << dropped.err);
    CHECK(has(dropped.out, "drop role " + retired));
    CHECK(query_column(db, "SELECT count(*) FROM pg_roles WHERE rolname = '" + retired + "'") == "0");
    CHECK(query_column(db, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = '" + side +
                               ".orphan'::regclass") == "postgres");

    // One role per DROP OWNED: with several, PostgreSQL may try to delete a
    // default ACL entry they share twice ("could not find tuple for default ACL").
    cluster.run_sql(db, "DROP OWNED BY " + owner + "; DROP OWNED BY " + other_owner + "; DROP OWNED BY " + reader +
                            "; DROP ROLE " + owner + ", " + other_owner + ", " + reader + ";");
}

TEST_CASE("plan says when the connected role may not create roles or grant, before apply", "[roles]") {
    auto& cluster = TempCluster::shared();
    auto names = unique_roles();
    const std::string limited = "limited_" + names.suffix, wanted = "wanted_" + names.suffix;
    auto db = cluster.create_database("limited");
    cluster.run_sql(db, "CREATE TABLE public.t (id int); CREATE ROLE " + limited + " LOGIN; GRANT CREATE ON DATABASE " +
                            db + " TO " + limited + ";");
    auto dir = make_temp_dir("limited");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "roles.json", R"({"roles": {")" + wanted + R"(": {}}})");
    write_manifest(dir, "public/t.json", R"({"table": "t", "columns": [{"name": "id", "type": "integer"}],
        "grants": {")" + wanted + R"(": ["SELECT"]}})");
    auto plan = run_reconcile({"plan", "-m", dir, "-d", cluster.conninfo(db) + " user=" + limited});
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 1);
    CHECK(has(plan.err, "has neither SUPERUSER nor CREATEROLE"));
    CHECK(has(plan.err, "not a member of: postgres"));
    CHECK(query_column(db, "SELECT count(*) FROM pg_roles WHERE rolname = '" + wanted + "'") == "0");
    cluster.run_sql(db, "DROP OWNED BY " + limited + "; DROP ROLE " + limited + ";");
}

TEST_CASE("PUBLIC's built-in EXECUTE on new functions, revoked database-wide, is stated, converges and is kept",
          "[roles][default_privileges]") {
    auto& cluster = TempCluster::shared();
    auto names = unique_roles();
    const std::string owner = "dpf_owner_" + names.suffix, other = "dpf_other_" + names.suffix;
    auto db = cluster.create_database("public_defaults");
    // Its functions go to a schema no manifest claims, so that plans do not list them.
    cluster.run_sql(db, "CREATE ROLE " + other + "; CREATE ROLE " + owner + "; CREATE SCHEMA side AUTHORIZATION " +
                            owner + ";");
    auto dir = make_temp_dir("public-defaults");
    write_manifest(dir, "schemas.json", public_schema);
    auto roles = [&](const std::string& public_functions) {
        write_manifest(dir, "roles.json",
                       R"({"roles": {")" + owner + R"(": {}}, "external_roles": ["postgres"],
            "default_privileges": {")" + owner + R"(": {"functions": {)" + public_functions + "}}}}");
    };
    auto executable = [&](const std::string& function) {
        return query_column(db, "SELECT has_function_privilege('" + other + "', 'side." + function + "()', 'EXECUTE')");
    };
    auto create_function = [&](const std::string& name) {
        cluster.run_sql(db, "SET ROLE " + owner + "; CREATE FUNCTION side." + name +
                                "() RETURNS int LANGUAGE sql AS 'SELECT 1';");
    };

    auto only_step = [&]() {
        auto plan = reconcile_on("plan", dir, db, {"--format", "json"});
        INFO(plan.out << plan.err);
        auto steps = nlohmann::json::parse(plan.out)["steps"];
        REQUIRE(steps.size() == 1);
        return steps[0]["description"].get<std::string>() + "\n" + steps[0]["sql"][0].get<std::string>();
    };

    roles(R"("public": [])");
    CHECK(only_step() == "revoke default EXECUTE on FUNCTIONS created by " + owner +
                             " (any schema) from PUBLIC (PostgreSQL's built-in default)\n"
                             "ALTER DEFAULT PRIVILEGES FOR ROLE \"" + owner + "\" REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC");
    apply_and_check_converged(dir, db);
    create_function("closed");
    CHECK(executable("closed") == "f");

    // Unstated: left as it is (revoked), not granted back.
    roles("");
    CHECK(has(reconcile_on("plan", dir, db).out, "No changes."));

    // Stated as kept: granted back; new functions are executable again.
    roles(R"("public": ["EXECUTE"])");
    CHECK(only_step() == "grant EXECUTE by default on FUNCTIONS created by " + owner +
                             " (any schema) to PUBLIC\n"
                             "ALTER DEFAULT PRIVILEGES FOR ROLE \"" + owner + "\" GRANT EXECUTE ON FUNCTIONS TO PUBLIC");
    apply_and_check_converged(dir, db);
    create_function("open");
    CHECK(executable("open") == "t");

    cluster.run_sql(db, "DROP OWNED BY " + owner + "; DROP ROLE " + owner + "; DROP ROLE " + other + ";");
}
