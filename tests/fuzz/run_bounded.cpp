#include "run_bounded.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace reconcile::fuzz {

namespace {

// A temporary file the child writes to: a pipe could fill and block a
// child that prints a lot while the parent only waits.
struct CaptureFile {
    CaptureFile() {
        char path[] = "/tmp/reconcile-fuzz-XXXXXX";
        fd = mkstemp(path);
        if (fd < 0) throw std::runtime_error("mkstemp failed");
        unlink(path);
    }
    ~CaptureFile() { close(fd); }
    std::string read_all() const {
        std::string text;
        lseek(fd, 0, SEEK_SET);
        char buffer[65536];
        ssize_t n;
        while ((n = read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(n));
        return text;
    }
    int fd = -1;
};

}  // namespace

std::string BoundedResult::describe() const {
    if (timed_out) return "killed: still running at the deadline";
    if (signal != 0) return "signal " + std::to_string(signal) + " (" + strsignal(signal) + ")";
    return "exit " + std::to_string(exit_code);
}

BoundedResult run_bounded(const std::vector<std::string>& args, std::chrono::seconds timeout,
                          const std::map<std::string, std::string>& environment) {
    CaptureFile out, err;
    std::vector<std::string> argv_text = {RECONCILE_BINARY};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    auto start = std::chrono::steady_clock::now();
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDONLY);
        dup2(devnull, STDIN_FILENO);
        dup2(out.fd, STDOUT_FILENO);
        dup2(err.fd, STDERR_FILENO);
        for (const auto& [name, value] : environment) {
            if (value.empty()) {
                unsetenv(name.c_str());
            } else {
                setenv(name.c_str(), value.c_str(), 1);
            }
        }
        std::vector<char*> argv;
        for (auto& arg : argv_text) argv.push_back(arg.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    BoundedResult result;
    int status = 0;
    while (true) {
        pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid) break;
        if (std::chrono::steady_clock::now() - start > timeout) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            result.timed_out = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
    result.out = out.read_all();
    result.err = err.read_all();
    return result;
}

}  // namespace reconcile::fuzz
