#pragma once
// Runs the real `reconcile` binary, as users do, capturing output and exit code.
#include <string>
#include <vector>

namespace reconcile::testing {

struct CliResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Arguments are passed without a shell; stdin is /dev/null (no terminal).
CliResult run_reconcile(const std::vector<std::string>& args);

// A fresh empty directory under the system temp dir, removed at exit.
std::string make_temp_dir(const std::string& prefix);

// The repository's root (examples/, tests/scenarios/).
std::string source_dir();

std::string read_file(const std::string& path);

}  // namespace reconcile::testing
