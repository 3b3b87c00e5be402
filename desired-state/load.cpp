// load_manifests: find the files, read each one (in parallel), merge them in
// path order, then run the checks that need all of them.
#include <algorithm>
#include <iterator>
#include <thread>

#include "desired-state/loader.hpp"

namespace reconcile::desired_state {

namespace fs = std::filesystem;

namespace detail {

Problems problems_at(Draft& draft, const catalog::ObjectId& object) {
    return Problems(source_of(draft, object).file, draft.diagnostics);
}

SourceLocation source_of(const Draft& draft, const catalog::ObjectId& object) {
    auto it = draft.sources.find(object);
    return it == draft.sources.end() ? SourceLocation{} : it->second;
}

namespace {

bool hidden(const fs::path& path) {
    auto name = path.filename().string();
    return !name.empty() && name[0] == '.';
}

}  // namespace

std::vector<fs::path> manifest_files(const fs::path& dir) {
    std::vector<std::pair<std::string, fs::path>> found;  // generic form -> path
    for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
        if (hidden(it->path())) {
            if (it->is_directory()) it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file() && it->path().extension() == ".json") {
            auto relative = it->path().lexically_relative(dir);
            found.emplace_back(relative.generic_string(), std::move(relative));
        }
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<fs::path> files;
    files.reserve(found.size());
    for (auto& [unused, path] : found) files.push_back(std::move(path));
    return files;
}

}  // namespace detail

namespace {

using detail::Draft;
using detail::Problems;

// Adds one file's reading to the draft, as reading the files one after the
// other into one draft would have.
void merge_file(detail::FileReading& reading, Draft& draft) {
    if (reading.failure) std::rethrow_exception(reading.failure);
    draft.diagnostics.insert(draft.diagnostics.end(), std::make_move_iterator(reading.diagnostics.begin()),
                             std::make_move_iterator(reading.diagnostics.end()));
    Problems problems(std::move(reading.file), draft.diagnostics);
    if (reading.schema_document) detail::read_schema_file(*reading.schema_document, problems, draft);
    if (reading.table) detail::add_table(std::move(*reading.table), problems, draft);
}

std::size_t default_threads() {
    return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

Manifests detail::load_manifests(const fs::path& dir, std::size_t threads) {
    Draft draft;
    std::error_code error;
    if (!fs::is_directory(dir, error)) {
        throw ManifestError({{{dir.generic_string(), ""}, "not a directory of manifests", ""}});
    }
    auto files = detail::manifest_files(dir);
    if (files.empty()) {
        throw ManifestError({{{dir.generic_string(), ""}, "no .json manifest files found", ""}});
    }
    detail::read_files(dir, files, threads, [&](detail::FileReading& reading) { merge_file(reading, draft); });
    // The cross-file checks look objects up by name, which needs sorted lists.
    draft.model.normalize();
    detail::check_table_schemas(draft);
    detail::resolve_column_types(draft);
    detail::check_foreign_keys(draft);
    detail::check_relation_names(draft);
    if (!draft.diagnostics.empty()) throw ManifestError(std::move(draft.diagnostics));
    return {std::move(draft.model), std::move(draft.sources)};
}

Manifests load_manifests(const fs::path& dir) {
    return detail::load_manifests(dir, default_threads());
}

}  // namespace reconcile::desired_state
