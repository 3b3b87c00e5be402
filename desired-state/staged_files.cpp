#include <fstream>
#include <stdexcept>
#include <system_error>

#include "desired-state/export_steps.hpp"

namespace reconcile::desired_state::detail {

namespace fs = std::filesystem;

StagedFiles::~StagedFiles() {
    if (committed_) return;
    std::error_code ignored;
    for (const auto& file : staged_) fs::remove(file.temporary, ignored);
    for (auto it = created_directories_.rbegin(); it != created_directories_.rend(); ++it) {
        fs::remove(*it, ignored);  // only removes it while empty
    }
}

void StagedFiles::stage(const fs::path& relative, const std::string& content) {
    fs::path target = dir_ / relative;
    // Created one level at a time so that exactly the directories this
    // export created are removed again if it fails.
    fs::path directory = dir_;
    for (const auto& part : relative.parent_path()) {
        directory /= part;
        std::error_code error;
        if (fs::create_directory(directory, error)) {
            created_directories_.push_back(directory);
        } else if (error) {
            throw std::runtime_error("cannot create directory " + directory.string() + ": " + error.message());
        }
    }
    // Hidden, so that the loader never reads one left by a killed export.
    fs::path temporary = target.parent_path() / ("." + target.filename().string() + ".tmp");
    std::error_code ignored;
    fs::remove(temporary, ignored);  // a stale one, or a link someone left there
    staged_.push_back({temporary, target});
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << content;
    out.close();
    if (!out) throw std::runtime_error("cannot write " + temporary.string());
}

void StagedFiles::commit() {
    for (std::size_t i = 0; i < staged_.size(); ++i) {
        std::error_code error;
        fs::rename(staged_[i].temporary, staged_[i].target, error);
        if (error) {
            // Renames within one directory fail only on a file system gone
            // bad; the files already replaced cannot be put back.
            throw std::runtime_error("cannot replace " + staged_[i].target.string() + ": " + error.message() + " (" +
                                     std::to_string(i) + " of " + std::to_string(staged_.size()) +
                                     " files were already replaced)");
        }
    }
    committed_ = true;
}

}  // namespace reconcile::desired_state::detail
