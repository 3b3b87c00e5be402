#pragma once
// Runs the real `reconcile` binary with a deadline: a case that hangs is
// killed and reported, instead of hanging ctest.
#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace reconcile::fuzz {

struct BoundedResult {
    int exit_code = -1;  // when it exited
    int signal = 0;      // when a signal ended it (SIGKILL after timed_out)
    bool timed_out = false;
    std::string out;
    std::string err;
    std::chrono::milliseconds elapsed{0};

    // "exit 1", "signal 11 (Segmentation fault)", "killed after 10 s".
    std::string describe() const;
};

// Arguments are passed without a shell; stdin is /dev/null. environment:
// variables to set (or, with an empty value, unset) for the child only.
BoundedResult run_bounded(const std::vector<std::string>& args, std::chrono::seconds timeout,
                          const std::map<std::string, std::string>& environment = {});

}  // namespace reconcile::fuzz
