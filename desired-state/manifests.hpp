#pragma once
// Manifest directories <-> model. See docs/manifest.md for the format.
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "catalog/model/model.hpp"
#include "catalog/model/object_id.hpp"

namespace reconcile::desired_state {

// Where something came from: "schema/jobs.json" and "/columns/3/type".
struct SourceLocation {
    std::string file;
    std::string pointer;
};

struct Diagnostic {
    SourceLocation where;
    std::string message;     // "unknown type \"intger\""
    std::string suggestion;  // "integer", or empty

    // "schema/jobs.json: /columns/3/type: unknown type "intger" (did you mean "integer"?)",
    // one line, with control characters escaped (see catalog/model/printable.hpp).
    std::string to_string() const;
};

// The manifests are invalid. Carries every problem found, not just the first.
struct ManifestError : std::runtime_error {
    explicit ManifestError(std::vector<Diagnostic> diagnostics);
    std::vector<Diagnostic> diagnostics;
};

struct Manifests {
    // The desired state as written: types and expressions in the user's
    // spelling (canonicalization happens later, against a server). Friendly
    // enum names in column types are already turned into quoted, qualified
    // type text; serial spellings into Column::serial.
    catalog::Model model;
    // Object -> where it was declared, so later stages (a server rejecting
    // a default, a reference to a table missing from the database) can point
    // at the file.
    std::map<catalog::ObjectId, SourceLocation> sources;

    // Where the object was declared; empty (file and pointer) when no
    // manifest declared it.
    SourceLocation where(const catalog::ObjectId& object) const;
    // Entries of the directory that may have held manifests but were not
    // read (a link to a directory, a dangling link, a "*.JSON" file, a
    // FIFO...), each with the reason in its message. Not an error: the
    // commands print them as warnings. An incomplete picture must not drive
    // drops, though: see require_complete.
    std::vector<Diagnostic> skipped;
};

// Loads and strictly validates every *.json file under dir (recursively,
// sorted by path). Throws ManifestError listing every problem. Never touches
// a database. References to tables in schemas the manifests do not claim
// cannot be checked here; they are returned for the planner to check.
Manifests load_manifests(const std::filesystem::path& dir);

// Throws ManifestError listing manifests.skipped, unless it is empty. For
// --prune: a table whose file was not read would otherwise be dropped.
void require_complete(const Manifests& manifests);

// The schemas the manifests under dir claim, found by parsing only the
// files that could be schema files: quick, so that the database can be read
// while the manifests load. Never throws; load_manifests is the authority
// (and reports whatever is wrong). Sorted.
std::vector<std::string> claimed_schemas(const std::filesystem::path& dir);

// Foreign-key targets outside the claimed schemas, to be checked against the
// database: table -> columns referenced.
std::map<catalog::QualifiedName, std::vector<std::string>> external_references(const catalog::Model& model);

// What an export did, paths relative to the directory.
struct ExportResult {
    std::vector<std::filesystem::path> written;  // created or changed
    std::vector<std::filesystem::path> removed;  // manifests of objects the model no longer has
};

// Export would have had to replace or remove something that is not a
// reconcile manifest. Thrown before anything is written.
struct ExportRefused : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Export: writes model as a manifest directory (one file per table plus a
// file for schema-level objects). Deterministic: same model, same bytes; a
// file whose content would not change is not rewritten. Manifest files
// under dir that the model no longer has are removed; only files that are
// reconcile manifests (see manifest_recognition.hpp) are ever replaced or
// removed: when any other JSON file the loader would read is under dir, or
// something else stands where a manifest goes, throws ExportRefused naming
// it, before writing anything. Hidden entries and files not named *.json
// are left alone. If writing fails, no file has been replaced and no
// temporary file is left; the error says what failed.
ExportResult write_manifests(const catalog::Model& model, const std::filesystem::path& dir);

// What export would write for model, by path relative to the directory;
// touches no file.
std::map<std::filesystem::path, std::string> render_manifests(const catalog::Model& model);
// The file of render_manifests(model) that holds what model says about
// the object id (a table's file for its columns, indexes and grants;
// schemas.json for enums, domains and sequences; roles.json for roles).
std::filesystem::path manifest_path_of(const catalog::Model& model, const catalog::ObjectId& id);

}  // namespace reconcile::desired_state
