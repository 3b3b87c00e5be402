#include "generated_cases.hpp"

#include <sys/stat.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace reconcile::fuzz {

namespace fs = std::filesystem;

namespace {

const char* schema_file = R"({"schemas": {"public": {}}})";

// Every kind of value a table file has, so a mutation reaches each reader.
const char* rich_table = R"J({
  "$schema": "https://reconcile.dev/schema/manifest-v1.json",
  "schema": "public",
  "table": "t",
  "comment": "c",
  "unlogged": false,
  "storage_parameters": {"fillfactor": 90},
  "columns": [
    {"name": "id", "type": "bigint", "identity": {"generated": "always", "start": 1, "increment": 1}},
    {"name": "code", "type": "text", "not_null": true, "collation": "C", "comment": "x"},
    {"name": "n", "type": "int", "default": "0"},
    {"name": "total", "type": "numeric", "generated": "n * 2"},
    {"name": "parent", "type": "bigint"}
  ],
  "primary_key": {"name": "t_pkey", "columns": ["id"]},
  "unique": {"t_code_key": {"columns": ["code"], "nulls_not_distinct": false}},
  "checks": {"t_n_check": {"expression": "n >= 0", "not_valid": false}},
  "foreign_keys": {"t_parent_fkey": {"columns": ["parent"], "references": {"table": "t", "columns": ["id"]},
                                     "on_delete": "cascade", "match": "simple"}},
  "indexes": {"t_lower_idx": {"unique": false, "method": "btree",
                              "keys": [{"expression": "lower(code)", "order": "desc", "nulls": "last"}],
                              "include": ["n"], "where": "n > 0", "comment": "y"}}
})J";

void write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

GeneratedCase& add(std::vector<GeneratedCase>& cases, const fs::path& root, std::string name, int expected_exit,
                   std::vector<std::string> stderr_contains = {}) {
    cases.push_back({name, root / name, expected_exit, std::move(stderr_contains)});
    write_valid_manifests(cases.back().dir);
    return cases.back();
}

// Replaces, one at a time, each value under `value` (found by walking it)
// with each replacement, calling check with the whole document's text.
void mutate(nlohmann::json& document, nlohmann::json& value, const std::string& pointer,
            const std::function<void(const std::string&, const std::string&)>& check) {
    static const nlohmann::json replacements[] = {
        nullptr, true, 0, -1, 1.5, "x", nlohmann::json::array(), nlohmann::json::object()};
    nlohmann::json original = value;
    for (const auto& replacement : replacements) {
        if (replacement.type() == original.type()) continue;
        value = replacement;
        check("mutation " + pointer + " = " + replacement.dump(), document.dump());
    }
    value = original;
    if (value.is_object()) {
        for (auto& [key, member] : value.items()) mutate(document, member, pointer + "/" + key, check);
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            mutate(document, value[i], pointer + "/" + std::to_string(i), check);
        }
    }
}

}  // namespace

void write_valid_manifests(const fs::path& dir) {
    write(dir / "schemas.json", schema_file);
    write(dir / "public" / "t.json",
          R"({"table": "t", "columns": [{"name": "id", "type": "int", "not_null": true}],
              "primary_key": {"columns": ["id"]}})");
}

void for_each_mutation(const std::function<void(const std::string&, const std::string&)>& check) {
    std::string text = rich_table;
    for (std::size_t cut : {std::size_t{1}, std::size_t{2}, text.size() / 7, text.size() / 3, text.size() / 2,
                            text.size() - 40, text.size() - 2, text.size() - 1}) {
        check("truncated at byte " + std::to_string(cut), text.substr(0, cut));
    }
    auto document = nlohmann::json::parse(text);
    for (auto& [key, member] : document.items()) mutate(document, member, "/" + key, check);
}

std::vector<GeneratedCase> make_generated_cases(const fs::path& root) {
    std::vector<GeneratedCase> cases;

    auto& loop = add(cases, root, "symlink-loop", 0, {"loop: not read: a symbolic link loop"});
    fs::create_symlink("loop", loop.dir / "loop");
    // Hidden: passed over without a look, so not even reported.
    auto& hidden = add(cases, root, "hidden-symlink-loop", 0);
    fs::create_symlink(".loop", hidden.dir / ".loop");
    auto& dangling = add(cases, root, "dangling-symlink", 0, {"users.json: not read: a symbolic link to nothing"});
    fs::create_symlink("nowhere.json", dangling.dir / "users.json");
    auto& linked = add(cases, root, "symlinked-directory", 0, {"billing: not read: a symbolic link to a directory"});
    write(root / "outside" / "invoices.json", R"({"table": "invoices", "columns": []})");
    fs::create_directory_symlink(root / "outside", linked.dir / "billing");
    auto& fifo = add(cases, root, "fifo", 0, {"pipe.json: not read: a FIFO"});
    if (mkfifo((fifo.dir / "pipe.json").c_str(), 0600) != 0) throw std::runtime_error("mkfifo failed");
    auto& upper = add(cases, root, "wrong-case-extension", 0, {"USERS.JSON: not read: the name ends in \".JSON\""});
    write(upper.dir / "USERS.JSON", R"({"table": "users", "columns": []})");
    auto& escaped = add(cases, root, "escapes-in-file-name", 1, {"\\x1b[31mred.json"});
    write(escaped.dir / "\x1b[31mred.json", R"({"table": "t", "columns": []})");
    auto& latin1 = add(cases, root, "non-utf8-file-name", 1, {"caf\\xe9.json"});
    write(latin1.dir / "caf\xe9.json", R"({"table": "t", "columns": []})");

    std::string values;
    for (int i = 0; i < 80000; ++i) values += (i ? ",\"v" : "\"v") + std::to_string(i) + "\"";
    auto& big_enum = add(cases, root, "enum-80000-values", 0);
    write(big_enum.dir / "schemas.json",
          R"({"schemas": {"public": {"enums": {"big": {"values": [)" + values + "]}}}}}");

    std::string columns, names;
    for (int i = 0; i < 100000; ++i) {
        columns += std::string(i ? "," : "") + R"({"name": "c)" + std::to_string(i) + R"(", "type": "int"})";
        names += std::string(i ? "," : "") + "\"c" + std::to_string(i) + "\"";
    }
    auto& wide = add(cases, root, "columns-100000", 1, {"100000 columns; PostgreSQL allows at most 1600"});
    write(wide.dir / "public" / "wide.json", R"({"table": "wide", "columns": [)" + columns +
                                                 R"(], "primary_key": {"columns": [)" + names +
                                                 R"(]}, "indexes": {"i": {"columns": [)" + names + "]}}}");

    const int depth = 3000;
    std::string nested;
    for (int i = 0; i < depth; ++i) nested += R"({"a": 1, "a": )";
    nested += "1" + std::string(depth, '}');
    auto& duplicates = add(cases, root, "duplicate-keys-3000-deep", 1, {"and 2980 more repeated keys"});
    write(duplicates.dir / "public" / "deep.json", R"({"table": "deep", "columns": [], "x": )" + nested + "}");

    const int very_deep = 100000;
    auto& arrays = add(cases, root, "arrays-100000-deep", 1, {"/x: unknown key"});
    write(arrays.dir / "public" / "deep.json", R"({"table": "deep", "columns": [], "x": )" +
                                                   std::string(very_deep, '[') + std::string(very_deep, ']') + "}");
    std::string objects;
    for (int i = 0; i < very_deep; ++i) objects += R"({"a":)";
    objects += "null" + std::string(very_deep, '}');
    auto& deep_objects = add(cases, root, "objects-100000-deep", 1, {"/columns/0/a: unknown key"});
    write(deep_objects.dir / "public" / "deep.json", R"({"table": "deep", "columns": [)" + objects + "]}");
    return cases;
}

}  // namespace reconcile::fuzz
