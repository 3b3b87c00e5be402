// load_manifests: find the files, read each one, merge, then run the checks
// that need all of them.
#include <algorithm>
#include <fstream>
#include <sstream>

#include "desired-state/edit_distance.hpp"
#include "desired-state/loader.hpp"

namespace reconcile::desired_state {

namespace fs = std::filesystem;

namespace detail {

Problems problems_at(Draft& draft, const std::string& source_key) {
    return Problems(source_of(draft, source_key).file, draft.diagnostics);
}

SourceLocation source_of(const Draft& draft, const std::string& source_key) {
    auto it = draft.sources.find(source_key);
    return it == draft.sources.end() ? SourceLocation{} : it->second;
}

}  // namespace detail

namespace {

using detail::Draft;
using detail::Json;
using detail::Problems;

bool hidden(const fs::path& path) {
    auto name = path.filename().string();
    return !name.empty() && name[0] == '.';
}

// Every *.json file under dir, sorted by path relative to dir. Hidden files
// and directories (.git, .vscode) are skipped: they hold editor and tool
// settings, not manifests.
std::vector<fs::path> manifest_files(const fs::path& dir) {
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
        if (hidden(it->path())) {
            if (it->is_directory()) it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file() && it->path().extension() == ".json") {
            files.push_back(it->path().lexically_relative(dir));
        }
    }
    std::sort(files.begin(), files.end(),
              [](const fs::path& a, const fs::path& b) { return a.generic_string() < b.generic_string(); });
    return files;
}

void read_file(const fs::path& path, Problems& problems, Draft& draft) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        problems.error("", "cannot read the file");
        return;
    }
    std::stringstream text;
    text << in.rdbuf();
    auto document = detail::parse_json(text.str(), problems);
    if (!document) return;
    bool schema_file = detail::is_schema_file(*document);
    bool table_file = detail::is_table_file(*document);
    if (schema_file && table_file) {
        problems.error("", "a manifest file declares either schemas (\"schemas\") or one table (\"table\"), not both");
    } else if (schema_file) {
        detail::read_schema_file(*document, problems, draft);
    } else if (table_file) {
        detail::read_table_file(*document, problems, draft);
    } else if (!document->is_object()) {
        problems.error("", "expected an object, got " + detail::describe_type(*document));
    } else {
        // Most likely a misspelt "table" or "schemas".
        std::string suggestion;
        for (const auto& [key, unused] : document->items()) {
            if (suggestion.empty()) suggestion = detail::closest(key, {"table", "schemas"});
        }
        problems.error("", "not a manifest: expected a \"schemas\" key (schema file) or a \"table\" key (table file)",
                       suggestion);
    }
}

}  // namespace

Manifests load_manifests(const fs::path& dir) {
    Draft draft;
    std::error_code error;
    if (!fs::is_directory(dir, error)) {
        throw ManifestError({{{dir.generic_string(), ""}, "not a directory of manifests", ""}});
    }
    auto files = manifest_files(dir);
    if (files.empty()) {
        throw ManifestError({{{dir.generic_string(), ""}, "no .json manifest files found", ""}});
    }
    for (const auto& file : files) {
        // Named as the user would: the directory as given, then the file.
        Problems problems((dir / file).generic_string(), draft.diagnostics);
        read_file(dir / file, problems, draft);
    }
    // The cross-file checks look objects up by name, which needs sorted lists.
    draft.model.normalize();
    detail::check_table_schemas(draft);
    detail::resolve_column_types(draft);
    detail::check_foreign_keys(draft);
    detail::check_relation_names(draft);
    if (!draft.diagnostics.empty()) throw ManifestError(std::move(draft.diagnostics));
    return {std::move(draft.model), std::move(draft.sources)};
}

}  // namespace reconcile::desired_state
