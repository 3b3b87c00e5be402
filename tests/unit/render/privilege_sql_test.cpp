#include <catch2/catch.hpp>

#include "engine/render/render.hpp"
#include "test_support.hpp"

using namespace reconcile::engine;
using namespace reconcile::catalog;
using Statements = std::vector<std::string>;

TEST_CASE("grants and revokes on each kind, names quoted", "[render][privileges]") {
    auto hostile = column_id({"public", "Jobs"}, "a\"b; DROP TABLE t");
    CHECK(render_sql(GrantPrivileges{table_id({"public", "jobs"}), "Reader\"x", {"SELECT", "INSERT"}, true}) ==
          Statements{R"(GRANT SELECT, INSERT ON TABLE "public"."jobs" TO "Reader""x" WITH GRANT OPTION)"});
    CHECK(render_sql(GrantPrivileges{hostile, "w", {"UPDATE", "SELECT"}, false}) ==
          Statements{
              R"(GRANT UPDATE ("a""b; DROP TABLE t"), SELECT ("a""b; DROP TABLE t") ON TABLE "public"."Jobs" TO "w")"});
    CHECK(render_sql(RevokePrivileges{schema_id("app"), public_grantee, {"CREATE"}, RevokeWhat::privilege}) ==
          Statements{R"(REVOKE CREATE ON SCHEMA "app" FROM PUBLIC)"});
    CHECK(render_sql(RevokePrivileges{
              object_id(ObjectKind::sequence, {"public", "s"}), "w", {"USAGE"}, RevokeWhat::grant_option}) ==
          Statements{R"(REVOKE GRANT OPTION FOR USAGE ON SEQUENCE "public"."s" FROM "w")"});
    CHECK(render_sql(SetOwner{table_id({"public", "jobs"}), "o'wner"}) ==
          Statements{R"(ALTER TABLE "public"."jobs" OWNER TO "o'wner")"});
    CHECK(render_sql(GrantDefaultPrivileges{{"app", "public", DefaultObjects::tables, "r"}, {"SELECT"}, false}) ==
          Statements{R"(ALTER DEFAULT PRIVILEGES FOR ROLE "app" IN SCHEMA "public" GRANT SELECT ON TABLES TO "r")"});
    CHECK(render_sql(
              RevokeDefaultPrivileges{{"app", "", DefaultObjects::sequences, "r"}, {"USAGE"}, RevokeWhat::privilege}) ==
          Statements{R"(ALTER DEFAULT PRIVILEGES FOR ROLE "app" REVOKE USAGE ON SEQUENCES FROM "r")"});
}

TEST_CASE("roles: a password from the environment is shown by name, never by value", "[render][roles]") {
    Role role;
    role.name = "w\"r";
    role.login = true;
    role.connection_limit = 3;
    role.password = PasswordSource{"W_PASSWORD", std::nullopt, "2026-11"};
    CHECK(
        render_sql(CreateRole{role}) ==
        Statements{
            R"(CREATE ROLE "w""r" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 3)",
            R"(ALTER ROLE "w""r" PASSWORD :'W_PASSWORD')",
            R"(ALTER ROLE "w""r" SET reconcile.password_rotation = '2026-11')"});
    CHECK(describe(CreateRole{role}) == "create role w\"r (password from $W_PASSWORD)");
    Role from = role;
    from.login = false;
    from.valid_until = "2027-01-01T00:00:00Z";
    CHECK(render_sql(AlterRole{from, role}) == Statements{R"(ALTER ROLE "w""r" WITH LOGIN VALID UNTIL 'infinity')"});
    CHECK(render_sql(GrantMembership{{"admins", "w", true, false, {}}}) ==
          Statements{R"(GRANT "admins" TO "w" WITH ADMIN OPTION, INHERIT FALSE)"});
    CHECK(render_sql(DropRole{role}) ==
          Statements{R"(REASSIGN OWNED BY "w""r" TO CURRENT_USER)", R"(DROP OWNED BY "w""r")", R"(DROP ROLE "w""r")"});
}

TEST_CASE("an aggregate over * is cnt(*) to ALTER and cnt() to GRANT", "[render][privileges]") {
    auto star = routine_id(ObjectKind::aggregate, {"s", "cnt"}, {});
    CHECK(render_sql(SetOwner{star, "o"}) == Statements{R"(ALTER AGGREGATE "s"."cnt"(*) OWNER TO "o")"});
    CHECK(render_sql(GrantPrivileges{star, "r", {"EXECUTE"}, false}) ==
          Statements{R"(GRANT EXECUTE ON FUNCTION "s"."cnt"() TO "r")"});
    auto one = routine_id(ObjectKind::aggregate, {"s", "total"}, {"integer"});
    CHECK(render_sql(SetOwner{one, "o"}) == Statements{R"(ALTER AGGREGATE "s"."total"(integer) OWNER TO "o")"});
}

TEST_CASE("an owner's own privileges: ALL for every privilege, the plan says it is the owner", "[render][privileges]") {
    auto audit = table_id({"auth", "audit_entries"});
    RevokePrivileges revoke{audit, "Auth\"admin", {"ALL"}, RevokeWhat::privilege, Holder::owner};
    CHECK(render_sql(revoke) == Statements{R"(REVOKE ALL ON TABLE "auth"."audit_entries" FROM "Auth""admin")"});
    CHECK(describe(revoke) ==
          "revoke ALL on table auth.audit_entries from its owner Auth\"admin (not in its \"owner_privileges\")");
    GrantPrivileges grant{audit, "Auth\"admin", {"INSERT", "SELECT"}, false, Holder::owner};
    CHECK(render_sql(grant) == Statements{R"(GRANT INSERT, SELECT ON TABLE "auth"."audit_entries" TO "Auth""admin")"});
    CHECK(describe(grant) == "grant INSERT, SELECT on table auth.audit_entries to its owner Auth\"admin");
    // A grantee's revoke still says why it goes.
    CHECK(describe(RevokePrivileges{audit, "r", {"DELETE"}, RevokeWhat::privilege}) ==
          "revoke DELETE on table auth.audit_entries from r (not in the manifests)");
}
