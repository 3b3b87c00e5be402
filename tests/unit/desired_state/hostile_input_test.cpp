// Input that once was accepted, mishandled or slow. Each keeps its case.
#include <catch2/catch.hpp>

#include "temp_manifests.hpp"

using namespace reconcile::desired_state;
using Catch::Matchers::Contains;
using reconcile::desired_state::testing::TempManifests;

namespace {

std::string table_with_default(const std::string& default_json) {
    return R"({"table": "t", "columns": [{"name": "id", "type": "int", "default": )" + default_json + "}]}";
}

}  // namespace

TEST_CASE("a raw NUL byte is an error, not the end of the file", "[desired_state][hostile]") {
    TempManifests m;
    m.write_public();
    // nlohmann's lexer stops at a NUL between tokens: everything after it,
    // here a second column, was silently dropped.
    m.write("t.json", std::string(R"({"table": "t", "columns": [{"name": "id", "type": "int"})") + '\0' +
                          R"(, {"name": "b", "type": "int"}]})");
    m.write("u.json", std::string(R"({"table": "u", "columns": [{"name": "i)") + '\0' + R"(d", "type": "int"}]})");
    CHECK(m.errors() ==
          std::vector<std::string>{m.file("t.json") + ": a NUL byte at line 1, column 57: manifests are text",
                                   m.file("u.json") + ": a NUL byte at line 1, column 39: manifests are text"});
}

TEST_CASE("\\u0000 is rejected in every string and key, with its pointer", "[desired_state][hostile]") {
    TempManifests m;
    m.write_public();
    // In an expression it once cut the SQL sent to the server short, and
    // plan proposed dropping keys nobody asked to drop.
    m.write("t.json", table_with_default(R"("0\u0000); DROP TABLE x")"));
    m.write("u.json", R"({"table": "u", "columns": [{"name": "id", "type": "int", "comm\u0000ent": "x"}],
                          "checks": {"c": {"expression": ["not", "\u0000"]}}})");
    auto errors = m.errors();
    CHECK_THAT(errors,
               Catch::Matchers::VectorContains(
                   m.file("t.json") + ": /columns/0/default: a NUL character (\\u0000) is not allowed in a string"));
    CHECK_THAT(errors,
               Catch::Matchers::VectorContains(
                   m.file("u.json") + ": /columns/0/comm\\x00ent: a NUL character (\\u0000) is not allowed in a key"));
    CHECK_THAT(errors, Catch::Matchers::VectorContains(
                           m.file("u.json") +
                           ": /checks/c/expression/1: a NUL character (\\u0000) is not allowed in a string"));
}

TEST_CASE("a number too large for a double names the file and the pointer", "[desired_state][hostile]") {
    TempManifests m;
    m.write_public();
    m.write("t.json", R"({"table": "t", "columns": [{"name": "id", "type": "int",
                          "identity": {"generated": "always", "start": 1e400}}]})");
    m.write("u.json", R"({"table": "u", "columns": [1, -1e400]})");
    CHECK(m.errors() ==
          std::vector<std::string>{m.file("t.json") + ": /columns/0/identity/start: the number 1e400 is out of range",
                                   m.file("u.json") + ": /columns/1: the number -1e400 is out of range"});
}

TEST_CASE("names with terminal escapes are printed escaped", "[desired_state][hostile]") {
    TempManifests m;
    m.write_public();
    m.write("t.json", R"({"table": "\u001b[2J\u001b]0;pwned\u0007", "columns": [
        {"name": "a\u009bb\u202e", "type": "int"}, {"name": "a\u009bb\u202e", "type": "int"}], "bogus\r\u007f": 1})");
    auto errors = m.errors();
    CHECK(errors ==
          std::vector<std::string>{
              m.file("t.json") + ": /bogus\\r\\x7f: unknown key \"bogus\\r\\x7f\"",
              m.file("t.json") + ": /columns/1/name: duplicate column \"a\\u{009B}b\\u{202E}\" (also at /columns/0)"});
    for (const auto& error : errors) {
        for (char c : error) CHECK(static_cast<unsigned char>(c) >= 0x20);
    }
}

TEST_CASE("repeated keys nested deep are reported quickly, the first few listed", "[desired_state][hostile]") {
    TempManifests m;
    m.write_public();
    // {"a": 1, "a": {"a": 1, "a": ...}} 3,000 deep: every level repeats a key,
    // and each pointer is as long as the depth. This took 12 s.
    std::string nested;
    const int depth = 3000;
    for (int i = 0; i < depth; ++i) nested += R"({"a": 1, "a": )";
    nested += "1" + std::string(depth, '}');
    m.write("t.json", R"({"table": "t", "columns": [], "extra": )" + nested + "}");
    auto errors = m.errors();
    REQUIRE(errors.size() == 22);
    CHECK(errors[0] == m.file("t.json") + ": /extra/a: duplicate key \"a\" in one object");
    CHECK(errors[1] == m.file("t.json") + ": /extra/a/a: duplicate key \"a\" in one object");
    CHECK(errors[20] == m.file("t.json") + ": and 2980 more repeated keys or NUL characters");
    CHECK(errors[21] == m.file("t.json") + ": /extra: unknown key \"extra\"");
}

TEST_CASE("an enum of many values is checked in linear time", "[desired_state][hostile]") {
    TempManifests m;
    std::string values;
    for (int i = 0; i < 80000; ++i) values += "\"v" + std::to_string(i) + "\",";
    values += "\"v79999\"";
    m.write("schemas.json", R"({"schemas": {"public": {"enums": {"big": {"values": [)" + values + "]}}}}}");
    CHECK(m.errors() ==
          std::vector<std::string>{m.file("schemas.json") +
                                   ": /schemas/public/enums/big/values/80000: duplicate enum value \"v79999\""});
}

TEST_CASE("a table of more columns than PostgreSQL allows is refused before its keys are checked",
          "[desired_state][hostile]") {
    TempManifests m;
    m.write_public();
    // Key and index columns are checked against the column list one by one:
    // 20,000 columns listed in a primary key and an index took a second,
    // 80,000 would take fifteen.
    std::string columns, names;
    for (int i = 0; i < 20000; ++i) {
        columns += std::string(i ? "," : "") + R"({"name": "c)" + std::to_string(i) + R"(", "type": "int"})";
        names += std::string(i ? "," : "") + "\"c" + std::to_string(i) + "\"";
    }
    m.write("t.json", R"({"table": "t", "columns": [)" + columns + R"(], "primary_key": {"columns": [)" + names +
                          R"(]}, "indexes": {"i": {"columns": [)" + names + "]}}}");
    CHECK(m.errors() == std::vector<std::string>{
                            m.file("t.json") + ": /columns: 20000 columns; PostgreSQL allows at most 1600 in a table"});
}
