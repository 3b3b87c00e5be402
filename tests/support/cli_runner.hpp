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

// The binary started without waiting for it: for tests that signal it or
// act on the database while it runs. Output goes to files (no pipe to fill).
class RunningReconcile {
public:
    explicit RunningReconcile(const std::vector<std::string>& args);
    ~RunningReconcile();  // kills the process if finish() was not called
    RunningReconcile(const RunningReconcile&) = delete;
    RunningReconcile& operator=(const RunningReconcile&) = delete;

    int pid() const { return pid_; }
    bool running();
    void signal(int number) const;
    // What it printed so far.
    std::string err_so_far() const;
    // Waits for it to exit.
    CliResult finish();

private:
    int pid_ = -1;
    std::string out_path_;
    std::string err_path_;
    bool finished_ = false;
    bool exited_ = false;
    int status_ = 0;
};

// A fresh empty directory under the system temp dir, removed at exit.
std::string make_temp_dir(const std::string& prefix);

// The repository's root (examples/, tests/scenarios/).
std::string source_dir();

std::string read_file(const std::string& path);

}  // namespace reconcile::testing
