// Role files, grants beside objects, owners and default privileges: what
// reads, and the errors for what does not.
#include <catch2/catch.hpp>

#include "temp_manifests.hpp"

using namespace reconcile::desired_state;
using reconcile::desired_state::testing::TempManifests;
namespace catalog = reconcile::catalog;

TEST_CASE("roles, memberships, grants, owners and default privileges read into the model", "[desired_state][roles]") {
    TempManifests m;
    m.write("schemas.json", R"J({"schemas": {"public": {"owner": "app_owner",
        "grants": {"app_read": ["USAGE"], "public": []},
        "default_privileges": {"app_owner": {"tables": {"app_read": ["SELECT"]}}}}}})J");
    m.write("roles.json", R"J({"roles": {
        "app_owner": {"comment": "owns the schema"},
        "app_read": {"login": true, "connection_limit": 5, "valid_until": "2027-01-31T00:00:00Z",
                     "password": {"env": "APP_READ_PASSWORD", "rotation": "1"},
                     "member_of": {"authenticated": {"admin": true}}}},
        "external_roles": ["authenticated"],
        "default_privileges": {"app_owner": {"sequences": {"app_read": ["USAGE WITH GRANT OPTION"]}}}})J");
    m.write("jobs.json", R"J({"table": "jobs", "owner": "app_owner",
        "columns": [{"name": "id", "type": "serial"},
                    {"name": "phone", "type": "text", "grants": {"app_read": ["update"]}}],
        "grants": {"app_read": ["SELECT"], "authenticated": ["INSERT WITH GRANT OPTION"]},
        "sequence_grants": {"jobs_id_seq": {"app_read": ["USAGE"]}}})J");
    auto model = m.load().model;

    REQUIRE(model.roles.size() == 2);
    const auto* reader = model.find_role("app_read");
    REQUIRE(reader);
    CHECK(reader->login);
    CHECK(reader->connection_limit == 5);
    CHECK(reader->password == catalog::PasswordSource{"APP_READ_PASSWORD", std::nullopt, "1"});
    CHECK(model.external_roles == std::vector<std::string>{"authenticated"});
    CHECK(model.memberships == std::vector<catalog::Membership>{{"authenticated", "app_read", true, {}, {}}});

    auto jobs = catalog::table_id({"public", "jobs"});
    auto phone = catalog::column_id({"public", "jobs"}, "phone");
    auto sequence = catalog::object_id(catalog::ObjectKind::sequence, {"public", "jobs_id_seq"});
    CHECK(model.grants == std::vector<catalog::Grant>{
                              {catalog::schema_id("public"), "app_read", "USAGE", false},
                              {sequence, "app_read", "USAGE", false},
                              {jobs, "app_read", "SELECT", false},
                              {jobs, "authenticated", "INSERT", true},
                              {phone, "app_read", "UPDATE", false},
                          });
    CHECK(model.public_stated == std::vector<catalog::ObjectId>{catalog::schema_id("public")});
    CHECK(model.owners ==
          std::vector<catalog::Ownership>{{catalog::schema_id("public"), "app_owner"}, {jobs, "app_owner"}});
    CHECK(model.default_grants ==
          std::vector<catalog::DefaultGrant>{
              {"app_owner", "", catalog::DefaultObjects::sequences, "app_read", "USAGE", true},
              {"app_owner", "public", catalog::DefaultObjects::tables, "app_read", "SELECT", false}});
}

TEST_CASE("role and grant errors name the file and the pointer", "[desired_state][roles]") {
    TempManifests m;
    m.write_public();
    m.write("roles.json", R"J({"roles": {
        "a": {"password": "hunter2"},
        "b": {"password": {"env": "B"}, "valid_until": "tomorrow"},
        "pg_x": {}}})J");
    m.write("jobs.json", R"J({"table": "jobs", "columns": [{"name": "id", "type": "int"}],
        "grants": {"a": ["SELEKT"], "nobody": ["SELECT"], "PUBLIC": ["SELECT"], "b": ["SELECT", "SELECT"]}})J");
    auto errors = m.errors();
    auto roles = m.file("roles.json");
    auto jobs = m.file("jobs.json");
    CHECK_THAT(errors, Catch::Matchers::VectorContains(
                           roles + ": /roles/a/password: a password is never written in a manifest; name the "
                                   "environment variable that holds it ({\"env\": \"VAR\"}) or give a SCRAM-SHA-256 "
                                   "verifier ({\"scram\": \"SCRAM-SHA-256$...\"})"));
    CHECK_THAT(errors, Catch::Matchers::VectorContains(
                           roles + ": /roles/b/valid_until: expected \"infinity\" or a UTC time written "
                                   "YYYY-MM-DDTHH:MM:SSZ, e.g. \"2027-01-31T00:00:00Z\""));
    CHECK_THAT(errors, Catch::Matchers::VectorContains(
                           roles + ": /roles/pg_x: \"pg_x\" is reserved by PostgreSQL and cannot be a role's name"));
    CHECK_THAT(errors,
               Catch::Matchers::VectorContains(
                   jobs + ": /grants/a/0: \"SELEKT\" is not a privilege on a table; expected one of: SELECT, INSERT, "
                          "UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER, MAINTAIN (optionally followed by WITH GRANT "
                          "OPTION) (did you mean \"SELECT\"?)"));
    CHECK_THAT(errors, Catch::Matchers::VectorContains(
                           jobs + ": /grants/nobody: role \"nobody\" is not declared; declare it under \"roles\" "
                                  "(managed) or \"external_roles\" (exists, never changed) in a role file"));
    CHECK_THAT(errors, Catch::Matchers::VectorContains(
                           jobs + ": /grants/PUBLIC: PUBLIC is spelled \"public\" here (a role cannot have that name) "
                                  "(did you mean \"public\"?)"));
    CHECK_THAT(errors, Catch::Matchers::VectorContains(jobs + ": /grants/b/1: privilege SELECT is listed twice"));
    // The clear-text password is never repeated back.
    for (const auto& error : errors) CHECK(error.find("hunter2") == std::string::npos);
}

TEST_CASE("owner_privileges: what the owner keeps of its own privileges, beside its owner", "[desired_state][roles]") {
    TempManifests m;
    m.write_public();
    m.write("roles.json", R"J({"roles": {"auth": {}}})J");
    m.write("audit.json",
            R"J({"table": "audit", "owner": "auth", "owner_privileges": ["insert", "SELECT WITH GRANT OPTION"],
        "columns": [{"name": "id", "type": "int"}]})J");
    m.write("stamp.json", R"J({"function": "stamp", "returns": "integer", "language": "sql", "body": "SELECT 1",
        "owner": "auth", "owner_privileges": []})J");
    auto model = m.load().model;
    auto audit = catalog::table_id({"public", "audit"});
    auto stamp = catalog::routine_id(catalog::ObjectKind::function, {"public", "stamp"}, {});
    CHECK(model.owner_privileges ==
          std::vector<catalog::OwnerPrivileges>{{audit, {{"INSERT", false}, {"SELECT", true}}}, {stamp, {}}});
    // Absent: the owner holds everything, and the model says nothing.
    CHECK(model.grants.empty());
}

TEST_CASE("owner_privileges without an owner, or with a privilege the kind lacks, is an error",
          "[desired_state][roles]") {
    TempManifests m;
    m.write_public();
    m.write("audit.json", R"J({"table": "audit", "owner_privileges": ["SELECT"],
        "columns": [{"name": "id", "type": "int"}]})J");
    m.write("roles.json", R"J({"roles": {"auth": {}}})J");
    m.write("log.json", R"J({"table": "log", "owner": "auth", "owner_privileges": ["EXECUTE"],
        "columns": [{"name": "id", "type": "int"}]})J");
    auto errors = m.errors();
    CHECK_THAT(errors, Catch::Matchers::VectorContains(
                           m.file("audit.json") + ": /owner_privileges: \"owner_privileges\" needs \"owner\" beside "
                                                  "it (the role whose own privileges they are)"));
    bool execute_refused = std::any_of(errors.begin(), errors.end(), [&](const std::string& e) {
        return e.rfind(m.file("log.json") + ": /owner_privileges/0: \"EXECUTE\" is not a privilege on a table", 0) == 0;
    });
    CHECK(execute_refused);
}
