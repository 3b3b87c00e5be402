#pragma once
// Fuzz cases made at test time: those git cannot hold (links, FIFOs,
// file names with escapes or bytes that are not UTF-8) and those too large
// to keep (an 80,000-value enum, nesting thousands deep), plus truncations
// and wrong-type mutations of a valid manifest.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace reconcile::fuzz {

struct GeneratedCase {
    std::string name;
    std::filesystem::path dir;  // the manifest directory
    int expected_exit = -1;     // -1: any of 0, 1, 2
    std::vector<std::string> stderr_contains;
};

// Makes the cases under root (an empty directory).
std::vector<GeneratedCase> make_generated_cases(const std::filesystem::path& root);

// A valid manifest directory: schemas.json claiming public, and
// public/t.json declaring public.t (id int primary key).
void write_valid_manifests(const std::filesystem::path& dir);

// Calls check(name, text) for each variant of a valid table file in which
// one value is replaced by a value of another type, and for each prefix of
// it cut at a few points.
void for_each_mutation(const std::function<void(const std::string&, const std::string&)>& check);

}  // namespace reconcile::fuzz
