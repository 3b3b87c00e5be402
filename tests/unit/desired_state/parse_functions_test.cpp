#include <catch2/catch.hpp>

#include "temp_manifests.hpp"

using namespace reconcile;
using namespace reconcile::desired_state;
using reconcile::desired_state::testing::TempManifests;

namespace {

bool any_contains(const std::vector<std::string>& errors, const std::string& part) {
    return std::any_of(errors.begin(), errors.end(), [&](const auto& e) { return e.find(part) != std::string::npos; });
}

}  // namespace

TEST_CASE("a function file with a body file, arguments and every attribute", "[desired_state][functions]") {
    TempManifests m;
    m.write_public();
    m.write("fn/touch.json", R"({"function": "touch", "arguments": [
        {"name": "a", "type": "int", "default": "1"}, {"name": "b", "type": "text", "mode": "OUT"}],
      "returns": "SETOF record", "language": "PLpgSQL", "body_file": "touch.sql", "volatility": "stable",
      "strict": true, "security_definer": true, "leakproof": true, "parallel": "safe", "cost": 5, "rows": 10,
      "set": {"Search_Path": "public, pg_temp"}, "comment": "c"})");
    m.write("fn/touch.sql", "\nBEGIN\n  RETURN;\nEND;\n");
    auto manifests = m.load();
    REQUIRE(manifests.model.functions.size() == 1);
    const auto& f = manifests.model.functions.front();
    CHECK(f.body == "\nBEGIN\n  RETURN;\nEND;\n");
    CHECK(f.language == "plpgsql");
    CHECK(f.arguments.size() == 2);
    CHECK(f.identity_types() == std::vector<std::string>{"int"});
    CHECK(f.config == std::vector<std::string>{"search_path=public, pg_temp"});
    CHECK(f.cost == 5);
    CHECK(manifests.where(f.id()).file == m.file("fn/touch.json"));
}

TEST_CASE("a SQL-standard body is recognised by its first words", "[desired_state][functions]") {
    TempManifests m;
    m.write_public();
    m.write("a.json", R"({"function": "a", "returns": "int", "language": "sql", "body": "  return 1"})");
    m.write("b.json",
            R"({"function": "b", "returns": "int", "language": "sql", "body": "BEGIN\n ATOMIC SELECT 1; END"})");
    m.write("c.json", R"({"function": "c", "returns": "int", "language": "sql", "body": "SELECT 1"})");
    auto manifests = m.load();
    REQUIRE(manifests.model.functions.size() == 3);
    CHECK(manifests.model.functions[0].sql_standard_body);
    CHECK(manifests.model.functions[1].sql_standard_body);
    CHECK_FALSE(manifests.model.functions[2].sql_standard_body);
}

TEST_CASE("a body file must stay inside the manifest directory", "[desired_state][functions]") {
    TempManifests m;
    m.write_public();
    std::ofstream(m.root() / "secret.sql") << "top secret";
    m.write("up.json", R"({"function": "up", "returns": "int", "language": "sql", "body_file": "../secret.sql"})");
    m.write("abs.json", R"({"function": "abs", "returns": "int", "language": "sql", "body_file": "/etc/passwd.sql"})");
    m.write("ext.json", R"({"function": "ext", "returns": "int", "language": "sql", "body_file": "x.txt"})");
    m.write("gone.json", R"({"function": "gone", "returns": "int", "language": "sql", "body_file": "missing.sql"})");
    std::filesystem::create_symlink(m.root() / "secret.sql", m.dir() / "link.sql");
    m.write("link.json", R"({"function": "link", "returns": "int", "language": "sql", "body_file": "link.sql"})");
    auto errors = m.errors();
    CHECK(any_contains(errors, "up.json: /body_file: \"../secret.sql\" must not leave the manifest directory"));
    CHECK(any_contains(errors, "abs.json: /body_file: \"/etc/passwd.sql\" must be a path relative"));
    CHECK(any_contains(errors, "ext.json: /body_file: \"x.txt\": a body file's name ends in .sql"));
    CHECK(any_contains(errors, "gone.json: /body_file: \"missing.sql\" is not a file"));
    CHECK(any_contains(errors, "link.json: /body_file: \"link.sql\" leads outside the manifest directory"));
    for (const auto& error : errors) CHECK(error.find("top secret") == std::string::npos);
}

TEST_CASE("function files: bad input is reported with its pointer", "[desired_state][functions]") {
    TempManifests m;
    m.write_public();
    m.write("a.json", R"({"function": "a", "language": "sql", "body": "SELECT 1", "bogus": 1})");
    m.write("b.json", R"({"procedure": "b", "returns": "int", "language": "plpgsql", "body": "BEGIN END",
        "volatility": "stable"})");
    m.write("c.json", R"({"function": "c", "returns": "int", "language": "sql", "body": "x", "body_file": "c.sql",
        "arguments": [{"name": "x", "type": "int", "default": "1"}, {"name": "x", "type": "int"}]})");
    m.write("d.json", R"({"schema": "nope", "function": "d", "returns": "int", "language": "c", "body": "d",
        "set": {"bad name": "1"}, "cost": -1})");
    m.write("e.json", R"({"function": "c", "returns": "int", "language": "sql", "body": "SELECT 2",
        "arguments": [{"name": "y", "type": "int"}, {"type": "text"}]})");
    m.write("f.json", R"({"function": "c", "returns": "int", "language": "sql", "body": "SELECT 2",
        "arguments": [{"name": "z", "type": "int"}, {"type": "text"}]})");
    auto errors = m.errors();
    CHECK(any_contains(errors, "a.json: /bogus"));
    CHECK(any_contains(errors, "a.json: /returns"));
    CHECK(any_contains(errors, "b.json: /returns: a procedure returns nothing"));
    CHECK(any_contains(errors, "b.json: /volatility: a procedure has no volatility"));
    CHECK(any_contains(errors, "c.json: /body_file: give the body inline"));
    CHECK(any_contains(errors, "c.json: /arguments/1/name: argument \"x\" is already declared"));
    CHECK(any_contains(errors, "c.json: /arguments/1: an input argument after one with a default needs a default"));
    CHECK(any_contains(errors, "d.json: /language: functions in c are not managed"));
    CHECK(any_contains(errors, "d.json: /set/bad name"));
    CHECK(any_contains(errors, "d.json: /cost"));
    CHECK(any_contains(errors, "d.json: /schema: schema \"nope\" is not declared"));
    CHECK(any_contains(errors, "function public.c(int, text) is declared twice"));
}

TEST_CASE("triggers in a table file", "[desired_state][triggers]") {
    TempManifests m;
    m.write_public();
    m.write("guard.json", R"({"function": "guard", "returns": "trigger", "language": "plpgsql", "body": "BEGIN END"})");
    m.write("t.json", R"({"table": "t", "columns": [{"name": "id", "type": "int"}, {"name": "s", "type": "text"}],
      "triggers": {
        "ok": {"timing": "AFTER", "events": ["update", "delete"], "update_of": ["s"], "when": "OLD.s <> NEW.s",
               "function": "guard", "arguments": ["a"], "enabled": "replica",
               "constraint": {"deferrable": true}, "comment": "c"},
        "elsewhere": {"timing": "after", "events": ["insert"], "function": "util.audit"}}})");
    auto manifests = m.load();
    REQUIRE(manifests.model.tables.size() == 1);
    const auto& triggers = manifests.model.tables[0].triggers;
    REQUIRE(triggers.size() == 2);
    CHECK(triggers[0].name == "elsewhere");
    CHECK(triggers[0].function == catalog::QualifiedName{"util", "audit"});
    CHECK(triggers[1].events.update_of == std::vector<std::string>{"s"});
    CHECK(triggers[1].enabled == catalog::TriggerEnabled::replica);
    CHECK(triggers[1].function == catalog::QualifiedName{"public", "guard"});

    TempManifests bad;
    bad.write_public();
    bad.write("t.json", R"({"table": "t", "columns": [{"name": "id", "type": "int"}],
      "triggers": {
        "a": {"timing": "instead of", "events": ["delete"], "function": "f"},
        "b": {"timing": "before", "events": ["insert", "explode"], "update_of": ["nope"], "function": "x.f"},
        "c": {"timing": "before", "events": ["truncate"], "function": "x.f",
              "constraint": {"initially_deferred": true}}}})");
    auto errors = bad.errors();
    CHECK(any_contains(errors, "/triggers/a/timing: INSTEAD OF triggers are for views"));
    CHECK(any_contains(errors, "/triggers/b/events/1: unknown event \"explode\""));
    CHECK(any_contains(errors, "/triggers/b/update_of/0: update_of column \"nope\" is not a column"));
    CHECK(any_contains(errors, "/triggers/c/events: a TRUNCATE trigger fires per statement"));
    CHECK(any_contains(errors, "/triggers/c/constraint/initially_deferred"));
}

TEST_CASE("aggregate files: order_by makes an ordered-set aggregate", "[desired_state][aggregates]") {
    TempManifests m;
    m.write_public();
    m.write("pct.json", R"({"aggregate": "pct", "arguments": [{"name": "f", "type": "float8"}],
        "order_by": [{"type": "float8"}], "sfunc": "public.step", "stype": "float8[]"})");
    m.write("rank.json", R"({"aggregate": "r", "arguments": [{"type": "\"any\"", "mode": "variadic"}],
        "order_by": [{"type": "\"any\"", "mode": "variadic"}], "hypothetical": true, "sfunc": "public.step",
        "stype": "bigint"})");
    auto manifests = m.load();
    REQUIRE(manifests.model.aggregates.size() == 2);
    const auto& pct = manifests.model.aggregates[0];
    CHECK(pct.kind == catalog::AggregateKind::ordered_set);
    CHECK(pct.direct_arguments == 1);
    CHECK(pct.identity_types() == std::vector<std::string>{"float8", "float8"});
    // Stored once, as PostgreSQL stores it.
    const auto& rank = manifests.model.aggregates[1];
    CHECK(rank.kind == catalog::AggregateKind::hypothetical);
    CHECK(rank.arguments.size() == 1);
    CHECK(rank.direct_arguments == 1);
    CHECK(rank.aggregated().size() == 1);
}

TEST_CASE("aggregate files: order_by and hypothetical mistakes are reported", "[desired_state][aggregates]") {
    TempManifests m;
    m.write_public();
    m.write("a.json", R"({"aggregate": "a", "hypothetical": true, "sfunc": "public.step", "stype": "int"})");
    m.write("b.json", R"({"aggregate": "b", "order_by": [], "sfunc": "public.step", "stype": "int"})");
    m.write("c.json", R"({"aggregate": "c", "arguments": [{"type": "\"any\"", "mode": "variadic"}],
        "order_by": [{"type": "int"}], "sfunc": "public.step", "stype": "int"})");
    auto errors = m.errors();
    CHECK(any_contains(errors, "a.json: /hypothetical: a hypothetical-set aggregate needs \"order_by\""));
    CHECK(any_contains(errors, "b.json: /order_by: \"order_by\" needs at least one argument"));
    CHECK(any_contains(errors, "c.json: /order_by: after a variadic direct argument"));
}
