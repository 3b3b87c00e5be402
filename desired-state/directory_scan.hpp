#pragma once
// Which entries of a manifest directory are manifests, and which are not
// read and why. The loader, claimed_schemas and export all walk a manifest
// directory through this one function, so they agree on what it holds.
#include <filesystem>
#include <string>
#include <vector>

namespace reconcile::desired_state::detail {

// An entry that could hold manifests but is not read.
struct SkippedEntry {
    std::filesystem::path path;  // relative to the directory scanned
    std::string reason;          // "a symbolic link to a directory; links to directories are not followed"
};

struct DirectoryScan {
    // Every file to read: regular files (or links to regular files) whose
    // name ends in ".json", relative to the directory, sorted by path.
    std::vector<std::filesystem::path> files;
    // Entries that may have held manifests but are not read: links to
    // directories, dangling links, link loops, directories that cannot be
    // listed, "*.JSON" names, FIFOs and devices named "*.json". Sorted by path.
    std::vector<SkippedEntry> skipped;
};

// Scans dir recursively. Names starting with "." (.git, .vscode) are passed
// over without being looked at, so not even a link loop there is reported.
// Never throws for what it finds inside dir; throws std::filesystem_error
// only when dir itself cannot be listed.
DirectoryScan scan_manifest_directory(const std::filesystem::path& dir);

}  // namespace reconcile::desired_state::detail
