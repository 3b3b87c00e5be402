#include <catch2/catch.hpp>

#include "temp_manifests.hpp"

using namespace reconcile;
using namespace reconcile::desired_state;
using Catch::Matchers::Contains;
using reconcile::desired_state::testing::TempManifests;

TEST_CASE("view files: query inline or from a .sql file beside the manifest, options", "[desired_state][view]") {
    TempManifests m;
    m.write_public();
    m.write("views/active.json", R"J({"view": "active", "query_file": "active.sql", "columns": ["id", "label"],
                                      "security_barrier": true, "security_invoker": true, "check_option": "LOCAL",
                                      "comment": "who is active"})J");
    m.write("views/active.sql", "-- reviewed like code\nSELECT id, name\n  FROM public.users\n WHERE active;\n\n");
    m.write("daily.json", R"J({"schema": "public", "materialized_view": "daily", "query": "SELECT 1 AS n",
                               "with_no_data": true, "indexes": {"daily_n_idx": {"columns": ["n"]}}})J");
    auto manifests = m.load();
    REQUIRE(manifests.model.views.size() == 2);
    const auto& active = manifests.model.views[0];
    CHECK(active.name == catalog::QualifiedName{"public", "active"});
    CHECK_FALSE(active.materialized);
    // The closing ';' and blank lines go; the rest is the file as written.
    CHECK(active.definition == "-- reviewed like code\nSELECT id, name\n  FROM public.users\n WHERE active");
    REQUIRE(active.columns.size() == 2);
    CHECK(active.columns[1].name == "label");
    CHECK(active.check_option == catalog::CheckOption::local);
    CHECK(active.security_barrier);
    CHECK(active.security_invoker);
    CHECK(active.comment == "who is active");
    const auto& daily = manifests.model.views[1];
    CHECK(daily.materialized);
    CHECK(daily.with_no_data);
    REQUIRE(daily.indexes.size() == 1);
    CHECK(daily.indexes[0].name == "daily_n_idx");
    CHECK(manifests.where(daily.id()).file == m.file("daily.json"));
    CHECK(manifests.where(catalog::index_id({"public", "daily"}, "daily_n_idx")).pointer == "/indexes/daily_n_idx");
}

TEST_CASE("view files: a materialized view's storage parameters, sorted as a table's", "[desired_state][view]") {
    TempManifests m;
    m.write_public();
    m.write("mv.json", R"J({"materialized_view": "mv", "query": "SELECT 1 AS n",
                            "storage_parameters": {"fillfactor": 50, "autovacuum_enabled": false,
                                                   "toast.autovacuum_enabled": "off"}})J");
    auto manifests = m.load();
    REQUIRE(manifests.model.views.size() == 1);
    CHECK(manifests.model.views[0].storage ==
          std::vector<std::string>{"autovacuum_enabled=false", "fillfactor=50", "toast.autovacuum_enabled=off"});
}

TEST_CASE("view files: errors name the file and the key", "[desired_state][view][errors]") {
    TempManifests m;
    m.write_public();
    m.write("a.json", R"J({"view": "a", "query": "SELECT 1", "query_file": "a.sql"})J");
    m.write("b.json", R"J({"view": "b"})J");
    m.write("c.json", R"J({"view": "c", "query_file": "../../etc/passwd.sql"})J");
    m.write("d.json", R"J({"view": "d", "query_file": "missing.sql"})J");
    m.write("e.json", R"J({"view": "e", "query_file": "/tmp/x.sql"})J");
    m.write("f.json", R"J({"materialized_view": "f", "query": "SELECT 1", "check_option": "local"})J");
    m.write("g.json", R"J({"view": "g", "query": "SELECT 1", "with_no_data": true, "check_option": "sideways"})J");
    m.write("h.json", R"J({"schema": "other", "view": "h", "query": "SELECT 1"})J");
    m.write("i.json", R"J({"table": "i", "columns": []})J");
    m.write("j.json", R"J({"view": "i", "query": "SELECT 1"})J");
    m.write("k.json", R"J({"view": "a", "query": "SELECT 2"})J");
    m.write("l.json", R"J({"view": "l", "query": "SELECT 1", "storage_parameters": {"fillfactor": 50}})J");
    m.write("m.json", R"J({"materialized_view": "m", "query": "SELECT 1", "storage_parameters": {"Fill": 1}})J");
    auto errors = m.errors();
    auto has = [&](const std::string& file, const std::string& text) {
        for (const auto& error : errors) {
            if (error.find(m.file(file)) == 0 && error.find(text) != std::string::npos) return true;
        }
        return false;
    };
    INFO(Catch::rangeToString(errors));
    CHECK(has("a.json", R"(: /query_file: give exactly one of "query" (inline) and "query_file")"));
    CHECK(has("b.json", R"(: /query: give exactly one of "query")"));
    CHECK(has("c.json", R"(leaves the manifest's directory)"));
    CHECK(has("d.json", R"(: /query_file: cannot read)"));
    CHECK(has("e.json", R"(an absolute path)"));
    CHECK(has("f.json", R"(: /check_option: a materialized view cannot have a check option)"));
    CHECK(has("g.json", R"(: /with_no_data: only a materialized view can be WITH NO DATA)"));
    CHECK(has("g.json", R"(unknown check option "sideways")"));
    CHECK(has("h.json", R"(: /schema: schema "other" is not declared)"));
    CHECK(has("j.json", R"(table public.i has the same name)"));
    CHECK(has("k.json", R"(view public.a is declared twice)"));
    CHECK(has("l.json", R"(: /storage_parameters: only a materialized view has storage parameters)"));
    CHECK(has("m.json", R"(: /storage_parameters/Fill: "Fill" is not a storage parameter name)"));
}

TEST_CASE("policies in a table file: defaults, PUBLIC, rules PostgreSQL enforces", "[desired_state][policy]") {
    TempManifests m;
    m.write_public();
    m.write("notes.json", R"J({"table": "notes", "columns": [{"name": "owner", "type": "uuid"}],
      "row_level_security": true, "force_row_level_security": true,
      "policies": {
        "own": {"roles": ["authenticated", "anon"], "using": "owner = auth.uid()", "comment": "c"},
        "all": {"command": "SELECT", "as": "restrictive"},
        "pub": {"roles": ["PUBLIC"], "command": "insert", "with_check": "true"}
      }})J");
    auto manifests = m.load();
    REQUIRE(manifests.model.tables.size() == 1);
    const auto& table = manifests.model.tables[0];
    CHECK(table.row_security);
    CHECK(table.force_row_security);
    REQUIRE(table.policies.size() == 3);
    const auto& all = table.policies[0];
    CHECK(all.name == "all");
    CHECK(all.command == catalog::PolicyCommand::select);
    CHECK_FALSE(all.permissive);
    CHECK(all.roles == std::vector<std::string>{"public"});
    const auto& own = table.policies[1];
    CHECK(own.roles == std::vector<std::string>{"anon", "authenticated"});  // sorted
    CHECK(own.using_expr == "owner = auth.uid()");
    CHECK(own.comment == "c");
    CHECK(table.policies[2].roles == std::vector<std::string>{"public"});
    CHECK(manifests.where(catalog::member_id(catalog::ObjectKind::policy, table.name, "own")).pointer ==
          "/policies/own");

    TempManifests bad;
    bad.write_public();
    bad.write("t.json", R"J({"table": "t", "columns": [], "policies": {
        "a": {"command": "select", "with_check": "true"},
        "b": {"command": "insert", "using": "true"},
        "c": {"roles": []},
        "d": {"roles": ["x", "x"]},
        "e": {"roles": ["public", "x"]},
        "f": {"command": "merge"},
        "g": {"usinq": "true"}}})J");
    auto errors = bad.errors();
    INFO(Catch::rangeToString(errors));
    REQUIRE(errors.size() == 7);
    CHECK_THAT(errors[0], Contains("/policies/a/with_check: a SELECT or DELETE policy cannot have \"with_check\""));
    CHECK_THAT(errors[1], Contains("/policies/b/using: an INSERT policy cannot have \"using\""));
    CHECK_THAT(errors[2], Contains("/policies/c/roles: a policy needs at least one role"));
    CHECK_THAT(errors[3], Contains("/policies/d/roles/1: role \"x\" is listed twice"));
    CHECK_THAT(errors[4], Contains("/policies/e/roles: PUBLIC already covers every role"));
    CHECK_THAT(errors[5], Contains("unknown policy command \"merge\""));
    CHECK_THAT(errors[6], Contains("/policies/g"));
}
