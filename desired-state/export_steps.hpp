#pragma once
// Internals of write_manifests: deciding what an export may do to a
// directory (export_check.cpp), then doing it all or nothing (staged_files.cpp).
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace reconcile::desired_state::detail {

// What the export will do, paths relative to the directory.
struct ExportWork {
    std::map<std::filesystem::path, std::string> write;  // new or changed files and their content
    std::vector<std::filesystem::path> remove;           // manifests no longer wanted
};

// files: every file the export produces (relative path -> content). Throws
// ExportRefused, naming each offending path (up to a few), when dir holds
// something the export would have to replace or remove that is not a
// regular-file reconcile manifest: another program's JSON where a stale
// manifest would be removed, a link, a directory or a file standing where
// a manifest or a schema directory goes. Reads, never writes.
ExportWork check_export_directory(const std::filesystem::path& dir,
                                  const std::map<std::filesystem::path, std::string>& files);

// Files written first to hidden temporary names beside their targets, then
// renamed over them together by commit(), so a failure while writing
// replaces nothing. Until commit() succeeds, the destructor removes the
// temporary files and every directory stage() created.
class StagedFiles {
public:
    explicit StagedFiles(std::filesystem::path dir) : dir_(std::move(dir)) {}
    StagedFiles(const StagedFiles&) = delete;
    StagedFiles& operator=(const StagedFiles&) = delete;
    ~StagedFiles();

    // Writes content to a temporary file for dir / relative; throws
    // std::runtime_error naming the file when it cannot.
    void stage(const std::filesystem::path& relative, const std::string& content);
    // Renames every staged file over its target.
    void commit();

private:
    struct Staged {
        std::filesystem::path temporary;
        std::filesystem::path target;
    };
    std::filesystem::path dir_;
    std::vector<Staged> staged_;
    std::vector<std::filesystem::path> created_directories_;  // in the order created
    bool committed_ = false;
};

}  // namespace reconcile::desired_state::detail
