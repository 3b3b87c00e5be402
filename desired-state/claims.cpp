// claimed_schemas: a quick look at a manifest directory for the schemas it
// claims, so that a command can read those schemas from the database while
// the manifests load (see cli/commands.cpp). load_manifests stays the
// authority: the pipeline reads again if the two disagree.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <string_view>

#include "desired-state/directory_scan.hpp"
#include "desired-state/loader.hpp"

namespace reconcile::desired_state {

namespace {

// Whether the file at path may be a schema file, from its first keys alone:
// a file whose first key (after "$schema", the editor's JSON Schema link)
// belongs to table files ("schema" or "table", as export writes them) is a
// table file or invalid (mixing the two is an error), so it claims nothing.
// Reading a few hundred bytes instead of thousands of whole table files is
// what makes this quick. Anything unexpected (an escape, a long value)
// reads as "maybe", and the file is parsed whole.
bool may_be_schema_file(const std::filesystem::path& path) {
    std::unique_ptr<std::FILE, decltype(&std::fclose)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file) return true;
    char head[512];
    std::string_view text(head, std::fread(head, 1, sizeof head, file.get()));
    auto skip = [&](std::string_view expected) {
        text.remove_prefix(std::min(text.find_first_not_of(" \t\r\n"), text.size()));
        if (text.substr(0, expected.size()) != expected) return false;
        text.remove_prefix(expected.size());
        return true;
    };
    // A string without escapes, or nothing.
    auto string = [&]() -> std::optional<std::string_view> {
        if (!skip("\"")) return std::nullopt;
        auto end = text.find_first_of("\"\\");
        if (end == std::string_view::npos || text[end] != '"') return std::nullopt;
        auto value = text.substr(0, end);
        text.remove_prefix(end + 1);
        return value;
    };
    if (!skip("{")) return true;
    auto key = string();
    if (key == "$schema") {
        if (!skip(":") || !string() || !skip(",")) return true;
        key = string();
    }
    return !key || (*key != "schema" && *key != "table");
}

}  // namespace

std::vector<std::string> claimed_schemas(const std::filesystem::path& dir) {
    std::vector<std::string> claimed;
    try {
        std::string buffer;
        for (const auto& file : detail::scan_manifest_directory(dir).files) {
            if (!may_be_schema_file(dir / file)) continue;
            auto text = detail::read_text(dir / file, buffer);
            if (!text) continue;
            auto document = detail::Json::parse(*text, nullptr, /*allow_exceptions=*/false);
            if (!detail::is_schema_file(document)) continue;
            auto schemas = document.find("schemas");
            if (schemas == document.end() || !schemas->is_object()) continue;
            for (const auto& [name, unused] : schemas->items()) claimed.push_back(name);
        }
    } catch (const std::exception&) {
        // An unreadable directory: load_manifests reports it.
    }
    std::sort(claimed.begin(), claimed.end());
    claimed.erase(std::unique(claimed.begin(), claimed.end()), claimed.end());
    return claimed;
}

}  // namespace reconcile::desired_state
