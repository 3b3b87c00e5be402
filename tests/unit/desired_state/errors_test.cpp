#include <catch2/catch.hpp>

#include "temp_manifests.hpp"

using namespace reconcile::desired_state;
using Catch::Matchers::Contains;
using Catch::Matchers::VectorContains;
using reconcile::desired_state::testing::TempManifests;

namespace {

const char* jobs_columns = R"J("columns": [{"name": "id", "type": "int"}, {"name": "user_id", "type": "int"}])J";

}  // namespace

TEST_CASE("unknown type close to a built-in one", "[desired_state][errors]") {
    TempManifests m;
    m.write_public();
    m.write("jobs.json", R"J({"table": "jobs", "columns": [
        {"name": "a", "type": "int"}, {"name": "b", "type": "text"}, {"name": "c", "type": "uuid"},
        {"name": "d", "type": "intger"}]})J");
    CHECK(m.errors() ==
          std::vector<std::string>{m.file("jobs.json") +
                                   R"(: /columns/3/type: unknown type "intger" (did you mean "integer"?))"});
}

TEST_CASE("types: typos of enums and built-ins are reported, unknown far names are not", "[desired_state][errors]") {
    TempManifests m;
    m.write("schemas.json", R"J({"schemas": {"public": {"enums": {"ConversationStatus": {"values": ["A"]}}}}})J");
    m.write("t.json", R"J({"table": "t", "columns": [
        {"name": "a", "type": "ConversationStatis"},
        {"name": "b", "type": "public.ConversationStatsu"},
        {"name": "c", "type": "timestamp with tme zone"},
        {"name": "d", "type": "varchr(20)[]"},
        {"name": "e", "type": "vector(1536)"},
        {"name": "f", "type": "geometry(Point, 4326)"},
        {"name": "g", "type": "pg_catalog.int4"},
        {"name": "h", "type": "extensions.citext"},
        {"name": "i", "type": "interval day to second"},
        {"name": "j", "type": "double precision[]"}]})J");
    auto errors = m.errors();
    CHECK(
        errors ==
        std::vector<std::string>{
            m.file("t.json") +
                R"(: /columns/0/type: unknown type "ConversationStatis" (did you mean "ConversationStatus"?))",
            m.file("t.json") +
                R"(: /columns/1/type: unknown type "public.ConversationStatsu" (did you mean "public.ConversationStatus"?))",
            m.file("t.json") +
                R"(: /columns/2/type: unknown type "timestamp with tme zone" (did you mean "timestamp with time zone"?))",
            m.file("t.json") + R"(: /columns/3/type: unknown type "varchr(20)[]" (did you mean "varchar"?))"});
}

TEST_CASE("invalid JSON names its line and column", "[desired_state][errors]") {
    TempManifests m;
    m.write_public();
    m.write("jobs.json",
            "{\n  \"table\": \"jobs\",\n  \"columns\": [\n    {\"name\": \"id\" \"type\": \"int\"}\n  ]\n}\n");
    CHECK(m.errors() ==
          std::vector<std::string>{m.file("jobs.json") +
                                   ": invalid JSON at line 4, column 24: syntax error while parsing object - "
                                   "unexpected string literal; expected '}'"});
}

TEST_CASE("unknown keys get a suggestion", "[desired_state][errors]") {
    TempManifests m;
    m.write_public();
    m.write("jobs.json", R"J({"table": "jobs", "colums": [], "columns": [{"name": "id", "type": "int", "not_nul": true,
        "identity": {"generated": "always", "strat": 1}}], "bogus_key_here": 1})J");
    auto errors = m.errors();
    CHECK(errors ==
          std::vector<std::string>{
              // Keys are reported in sorted order.
              m.file("jobs.json") + R"(: /bogus_key_here: unknown key "bogus_key_here")",
              m.file("jobs.json") + R"(: /colums: unknown key "colums" (did you mean "columns"?))",
              m.file("jobs.json") + R"(: /columns/0/not_nul: unknown key "not_nul" (did you mean "not_null"?))",
              m.file("jobs.json") + R"(: /columns/0/identity/strat: unknown key "strat" (did you mean "start"?))"});
}

TEST_CASE("a table declared in two files names both", "[desired_state][errors]") {
    TempManifests m;
    m.write_public();
    m.write("a.json", R"J({"table": "jobs", "columns": [{"name": "id", "type": "int"}]})J");
    m.write("b/jobs.json", R"J({"table": "jobs", "columns": [{"name": "id", "type": "int"}]})J");
    CHECK(m.errors() ==
          std::vector<std::string>{m.file("b/jobs.json") + ": /table: table public.jobs is declared twice: in " +
                                   m.file("a.json") + " and in " + m.file("b/jobs.json")});
}

TEST_CASE("identifiers longer than 63 bytes are rejected, not truncated", "[desired_state][errors]") {
    TempManifests m;
    m.write_public();
    std::string long_name(64, 'x');
    // 21 three-byte characters: 21 characters, 63 bytes, fine.
    std::string utf8_ok;
    for (int i = 0; i < 21; ++i) utf8_ok += "名";
    m.write("t.json", R"({"table": "t", "columns": [{"name": ")" + long_name + R"(", "type": "int"},
        {"name": ")" + utf8_ok +
                          R"(", "type": "int"}, {"name": ")" + utf8_ok +
                          R"J(a", "type": "int"}, {"name": "", "type": "int"}]})J");
    CHECK(m.errors() == std::vector<std::string>{m.file("t.json") + ": /columns/0/name: column name \"" + long_name +
                                                     "\" is 64 bytes long; PostgreSQL allows at most 63 bytes",
                                                 m.file("t.json") + ": /columns/2/name: column name \"" + utf8_ok +
                                                     "a\" is 64 bytes long; PostgreSQL allows at most 63 bytes",
                                                 m.file("t.json") + ": /columns/3/name: empty column name"});
}

TEST_CASE("foreign keys to missing tables and columns", "[desired_state][errors]") {
    TempManifests m;
    m.write_public();
    m.write("users.json",
            R"J({"table": "users", "columns": [{"name": "id", "type": "int"}, {"name": "email", "type": "text"}],
        "primary_key": {"columns": ["id"]}})J");
    m.write("jobs.json", std::string(R"({"table": "jobs", )") + jobs_columns + R"J(, "foreign_keys": {
        "a": {"columns": ["user_id"], "references": {"table": "user", "columns": ["id"]}},
        "b": {"columns": ["user_id"], "references": {"table": "users", "columns": ["idd"]}},
        "c": {"columns": ["usr_id"], "references": {"table": "users", "columns": ["id"]}},
        "d": {"columns": ["id", "user_id"], "references": {"table": "users", "columns": ["id"]}},
        "e": {"columns": ["user_id"], "references": {"table": "users", "columns": ["email"]}},
        "f": {"columns": ["user_id"], "references": {"schema": "auth", "table": "users", "columns": ["id"]},
              "on_delete": "cascad"}}})J");
    CHECK(
        m.errors() ==
        std::vector<std::string>{
            m.file("jobs.json") +
                R"(: /foreign_keys/c/columns/0: foreign key column "usr_id" is not a column of this table (did you mean "user_id"?))",
            m.file("jobs.json") +
                R"(: /foreign_keys/d/references/columns: the foreign key has 2 column(s) but references 1)",
            m.file("jobs.json") +
                R"(: /foreign_keys/f/on_delete: unknown referential action "cascad"; expected one of: no action, restrict, cascade, set null, set default (did you mean "cascade"?))",
            m.file("jobs.json") +
                R"(: /foreign_keys/a/references/table: foreign key "a" references table public.user, which is not declared in the manifests (did you mean "users"?))",
            m.file("jobs.json") +
                R"(: /foreign_keys/b/references/columns/0: column "idd" is not a column of table public.users (did you mean "id"?))",
            m.file("jobs.json") +
                R"(: /foreign_keys/e/references/columns: table public.users has no primary key, unique constraint or unique index on exactly these columns (not deferrable, not partial); PostgreSQL requires one for a foreign key)"});
}

TEST_CASE("a table in an undeclared schema", "[desired_state][errors]") {
    TempManifests m;
    m.write("schemas.json", R"J({"schemas": {"public": {}, "billing": {}}})J");
    m.write("jobs.json", R"J({"schema": "biling", "table": "jobs", "columns": [{"name": "id", "type": "int"}]})J");
    CHECK(
        m.errors() ==
        std::vector<std::string>{
            m.file("jobs.json") +
            R"(: /schema: schema "biling" is not declared in any schema file; declare it in a schema file (did you mean "billing"?))"});
}

TEST_CASE("wrong JSON types and missing keys", "[desired_state][errors]") {
    TempManifests m;
    m.write_public();
    m.write("t.json", R"J({"table": "t", "columns": [{"name": "id", "type": 5, "not_null": "yes"}, {"type": "int"},
        {"name": "x", "type": "bigint", "identity": {"generated": "always", "start": "1"}}, "oops"],
        "checks": {"c": {}}})J");
    CHECK(m.errors() ==
          std::vector<std::string>{
              m.file("t.json") + ": /columns/0/type: expected a string, got an integer",
              m.file("t.json") + ": /columns/0/not_null: expected a boolean (true or false), got a string",
              m.file("t.json") + R"(: /columns/1/name: missing required key "name")",
              m.file("t.json") + ": /columns/2/identity/start: expected an integer, got a string",
              m.file("t.json") + ": /columns/3: expected an object, got a string",
              m.file("t.json") + R"(: /checks/c/expression: missing required key "expression")"});
}

TEST_CASE("duplicate names", "[desired_state][errors]") {
    TempManifests m;
    m.write(
        "more.json",
        R"J({"schemas": {"public": {"enums": {"E": {"values": ["a", "b", "a"]}, "F": {"values": ["", "x", ""]}}}}})J");
    m.write("schemas.json", R"J({"schemas": {"public": {}}})J");
    m.write("t.json", R"J({"table": "t", "columns": [{"name": "id", "type": "int"}, {"name": "id", "type": "text"}],
        "primary_key": {"name": "same", "columns": ["id"]},
        "checks": {"same": {"expression": "true"}},
        "indexes": {"t": {"columns": ["id"]}, "u_idx": {"columns": ["id", "id"]}}})J");
    m.write("u.json", R"J({"table": "u", "columns": [{"name": "id", "type": "int"}],
        "unique": {"same": {"columns": ["id"]}}, "indexes": {"u_idx": {"columns": ["id"]}},
        "checks": {"c": {"expression": "true", "expression": "false"}}})J");
    auto errors = m.errors();
    std::vector<std::string> expected = {
        m.file("more.json") + R"(: /schemas/public/enums/E/values/2: duplicate enum value "a")",
        m.file("more.json") + R"(: /schemas/public/enums/F/values/2: duplicate enum value "")",
        m.file("schemas.json") + R"(: /schemas/public: schema "public" is already declared in )" + m.file("more.json") +
            "; declare each schema in one file only",
        m.file("t.json") + R"(: /columns/1/name: duplicate column "id" (also at /columns/0))",
        m.file("t.json") +
            R"(: /checks/same: constraint name "same" is already used by /primary_key in this table; constraint names must be unique per table)",
        m.file("t.json") + R"(: /indexes/u_idx/columns/1: column "id" is listed twice)",
        m.file("u.json") + R"(: /checks/c/expression: duplicate key "expression" in one object)",
        m.file("t.json") +
            R"(: /indexes/t: name "t" of index t of table public.t is already used in schema public by table public.t ()" +
            m.file("t.json") + "); tables, indexes, primary keys and unique constraints share one namespace per schema",
        m.file("u.json") +
            R"(: /unique/same: name "same" of unique constraint same of table public.u is already used in schema public by primary key same of table public.t ()" +
            m.file("t.json") + "); tables, indexes, primary keys and unique constraints share one namespace per schema",
        m.file("u.json") +
            R"(: /indexes/u_idx: name "u_idx" of index u_idx of table public.u is already used in schema public by index u_idx of table public.t ()" +
            m.file("t.json") + "); tables, indexes, primary keys and unique constraints share one namespace per schema",
    };
    CHECK(errors == expected);
}

TEST_CASE("value sources exclude each other", "[desired_state][errors]") {
    TempManifests m;
    m.write_public();
    m.write("t.json", R"J({"table": "t", "columns": [
        {"name": "a", "type": "serial", "default": "1"},
        {"name": "b", "type": "int", "identity": {"generated": "always"}, "generated": "1"},
        {"name": "c", "type": "int", "generated": "1", "default": "2"},
        {"name": "d", "type": "int", "identity": {"generated": "by default"}, "not_null": false},
        {"name": "e", "type": "bigserial", "identity": {"generated": "always"}},
        {"name": "f", "type": "int", "not_null": false},
        {"name": "g", "type": "int", "identity": {}}],
        "primary_key": {"columns": ["f"]}})J");
    CHECK(m.errors() ==
          std::vector<std::string>{
              m.file("t.json") + ": /columns/0/default: a serial column cannot have a default: serial means DEFAULT "
                                 "nextval() of its own sequence",
              m.file("t.json") + ": /columns/1/generated: a column can be only one of serial, identity and generated",
              m.file("t.json") + ": /columns/2/default: a generated column cannot have a default",
              m.file("t.json") + ": /columns/3/not_null: an identity column is always NOT NULL",
              m.file("t.json") + ": /columns/4/identity: a column can be only one of serial, identity and generated",
              m.file("t.json") + R"(: /columns/6/identity/generated: missing required key "generated")",
              m.file("t.json") +
                  R"(: /columns/5/not_null: column "f" is part of the primary key, which makes it NOT NULL)"});
}

TEST_CASE("index, key and vocabulary mistakes", "[desired_state][errors]") {
    TempManifests m;
    m.write_public();
    m.write("t.json", R"J({"table": "t", "columns": [{"name": "id", "type": "int"}, {"name": "d", "type": "jsonb"}],
        "primary_key": {"columns": ["idd"]},
        "unique": {"u": {"columns": ["id"], "initially_deferred": true}},
        "indexes": {
          "i1": {"columns": ["id"], "keys": ["id"]},
          "i2": {"keys": [{"column": "id", "expression": "id + 1"}, {"column": "d", "order": "descnding"}], "method": "btre"},
          "i3": {"columns": ["id"], "method": "gin", "unique": true, "include": ["nope"]},
          "i4": {"columns": ["id"], "nulls_not_distinct": true}}})J");
    CHECK(
        m.errors() ==
        std::vector<std::string>{
            m.file("t.json") +
                R"(: /primary_key/columns/0: primary key column "idd" is not a column of this table (did you mean "id"?))",
            m.file("t.json") +
                ": /unique/u/initially_deferred: a constraint that is initially deferred must also be deferrable",
            m.file("t.json") + R"(: /indexes/i1/keys: an index needs exactly one of "columns" and "keys")",
            m.file("t.json") + R"(: /indexes/i2/keys/0: an index key needs exactly one of "column" and "expression")",
            m.file("t.json") +
                R"(: /indexes/i2/keys/1/order: unknown sort order "descnding"; expected one of: asc, desc, ascending, descending (did you mean "descending"?))",
            m.file("t.json") + R"(: /indexes/i2/method: unknown index method "btre" (did you mean "btree"?))",
            m.file("t.json") + R"(: /indexes/i3/unique: only btree indexes can be unique)",
            m.file("t.json") + R"(: /indexes/i3/include/0: included column "nope" is not a column of this table)",
            m.file("t.json") + R"(: /indexes/i4/nulls_not_distinct: nulls_not_distinct needs "unique": true)",
        });
}

TEST_CASE("files that are not manifests", "[desired_state][errors]") {
    TempManifests m;
    m.write_public();
    m.write("a.json", R"J({"tabel": "jobs", "columns": []})J");
    m.write("b.json", R"J([1, 2])J");
    m.write("c.json", R"J({"table": "x", "schemas": {}})J");
    m.write("d.json", "");
    auto errors = m.errors();
    REQUIRE(errors.size() == 4);
    CHECK(
        errors[0] ==
        m.file("a.json") +
            R"(: not a manifest: expected a "schemas" key (schema file), a "table" key (table file), a "function" or )"
            R"("procedure" key (function file), an "aggregate" key (aggregate file) or a "view" or "materialized_view" )"
            R"(key (view file) (did you mean )"
            R"("table"?))");
    CHECK(errors[1] == m.file("b.json") + ": expected an object, got an array");
    CHECK(
        errors[2] ==
        m.file("c.json") +
            R"(: a manifest file declares either schemas ("schemas"), one table ("table"), one function )"
            R"(("function" or "procedure"), one aggregate ("aggregate") or one view ("view" or "materialized_view"), )"
            R"(not several)");
    CHECK_THAT(errors[3], Contains("d.json: invalid JSON at line 1, column 1:"));
}

TEST_CASE("a missing or empty directory is an error", "[desired_state][errors]") {
    TempManifests m;
    CHECK(m.errors() == std::vector<std::string>{m.dir().generic_string() + ": no .json manifest files found"});
    CHECK_THROWS_AS(load_manifests(m.root() / "nope"), ManifestError);
}

TEST_CASE("Diagnostic::to_string", "[desired_state][errors]") {
    Diagnostic d{{"schema/jobs.json", "/columns/3/type"}, "unknown type \"intger\"", "integer"};
    CHECK(d.to_string() == R"(schema/jobs.json: /columns/3/type: unknown type "intger" (did you mean "integer"?))");
    d.suggestion.clear();
    CHECK(d.to_string() == R"(schema/jobs.json: /columns/3/type: unknown type "intger")");
    d.where.pointer.clear();
    CHECK(d.to_string() == R"(schema/jobs.json: unknown type "intger")");
    ManifestError error({d, d});
    CHECK(std::string(error.what()) == d.to_string() + "\n" + d.to_string());
}

TEST_CASE("storage parameters: odd names and values are reported", "[desired_state][errors]") {
    TempManifests m;
    m.write_public();
    m.write("t.json", R"J({"table": "t", "columns": [{"name": "a", "type": "int"}],
      "storage_parameters": {"Fill Factor": 70, "fillfactor": [1]}})J");
    CHECK(
        m.errors() ==
        std::vector<std::string>{
            m.file("t.json") +
                R"(: /storage_parameters/Fill Factor: "Fill Factor" is not a storage parameter name (lower case letters, digits, _ and .))",
            m.file("t.json") + ": /storage_parameters/fillfactor: expected a string, number or boolean, got an array"});
}
