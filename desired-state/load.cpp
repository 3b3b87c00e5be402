// load_manifests: find the files, read each one (in parallel), merge them in
// path order, then run the checks that need all of them.
#include <algorithm>
#include <iterator>
#include <thread>

#include "desired-state/directory_scan.hpp"
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
    if (reading.function) detail::add_function(std::move(*reading.function), problems, draft);
    if (reading.aggregate) detail::add_aggregate(std::move(*reading.aggregate), problems, draft);
    if (reading.view) detail::add_view(std::move(*reading.view), problems, draft);
}

std::vector<Diagnostic> skipped_diagnostics(const fs::path& dir, const std::vector<detail::SkippedEntry>& skipped) {
    std::vector<Diagnostic> out;
    for (const auto& entry : skipped) {
        out.push_back({{(dir / entry.path).generic_string(), ""}, "not read: " + entry.reason, ""});
    }
    return out;
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
    detail::DirectoryScan scan;
    try {
        scan = detail::scan_manifest_directory(dir);
    } catch (const fs::filesystem_error& failure) {
        throw ManifestError(
            {{{dir.generic_string(), ""}, "cannot list the directory: " + failure.code().message(), ""}});
    }
    auto skipped = skipped_diagnostics(dir, scan.skipped);
    if (scan.files.empty()) {
        skipped.push_back({{dir.generic_string(), ""}, "no .json manifest files found", ""});
        throw ManifestError(std::move(skipped));
    }
    detail::read_files(dir, scan.files, threads, [&](detail::FileReading& reading) { merge_file(reading, draft); });
    // The cross-file checks look objects up by name, which needs sorted lists.
    draft.model.normalize();
    detail::check_table_schemas(draft);
    detail::check_function_schemas(draft);
    detail::check_aggregates(draft);
    detail::resolve_column_types(draft);
    detail::check_foreign_keys(draft);
    detail::check_relation_names(draft);
    detail::check_partitions(draft);
    detail::check_inherits(draft);
    detail::check_sequence_owners(draft);
    detail::check_views(draft);
    detail::check_role_references(draft);
    if (!draft.diagnostics.empty()) throw ManifestError(std::move(draft.diagnostics));
    return {std::move(draft.model), std::move(draft.sources), std::move(skipped)};
}

Manifests load_manifests(const fs::path& dir) {
    return detail::load_manifests(dir, default_threads());
}

void require_complete(const Manifests& manifests) {
    if (manifests.skipped.empty()) return;
    auto diagnostics = manifests.skipped;
    for (auto& diagnostic : diagnostics) {
        diagnostic.message +=
            "; --prune needs every entry of the manifest directory read, or it would drop what "
            "that entry holds (fix or remove it, or plan without --prune)";
    }
    throw ManifestError(std::move(diagnostics));
}

}  // namespace reconcile::desired_state
