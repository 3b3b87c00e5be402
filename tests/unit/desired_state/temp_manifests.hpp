#pragma once
// A manifest directory under /tmp, unique per test, removed afterwards.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "desired-state/manifests.hpp"

namespace reconcile::desired_state::testing {

namespace fs = std::filesystem;

class TempManifests {
public:
    TempManifests() {
        static std::atomic<int> counter{0};
        std::random_device random;
        path_ = fs::temp_directory_path() / ("reconcile-ds-" + std::to_string(::getpid()) + "-" +
                                             std::to_string(counter++) + "-" + std::to_string(random()));
        fs::create_directories(path_ / "schema");
    }
    ~TempManifests() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    TempManifests(const TempManifests&) = delete;
    TempManifests& operator=(const TempManifests&) = delete;

    // The manifest directory ("<tmp>/schema") and a file in it as
    // diagnostics name it.
    fs::path dir() const { return path_ / "schema"; }
    std::string file(const std::string& relative) const { return (dir() / relative).generic_string(); }
    fs::path root() const { return path_; }

    void write(const std::string& relative, const std::string& text) const {
        fs::create_directories((dir() / relative).parent_path());
        std::ofstream(dir() / relative, std::ios::binary) << text;
    }
    // The usual schema file claiming "public".
    void write_public() const { write("schemas.json", R"({"schemas": {"public": {}}})"); }

    Manifests load() const { return load_manifests(dir()); }

    // The to_string() of every diagnostic; empty when the manifests load.
    std::vector<std::string> errors() const {
        try {
            load_manifests(dir());
        } catch (const ManifestError& error) {
            std::vector<std::string> out;
            for (const auto& diagnostic : error.diagnostics) out.push_back(diagnostic.to_string());
            return out;
        }
        return {};
    }

private:
    fs::path path_;
};

}  // namespace reconcile::desired_state::testing
