#include "tests/support/cli_runner.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace reconcile::testing {

namespace {

std::string slurp(int fd) {
    std::string out;
    char buffer[65536];
    ssize_t n;
    while ((n = read(fd, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<std::size_t>(n));
    return out;
}

struct TempDirs {
    std::vector<std::string> paths;
    ~TempDirs() {
        for (const auto& path : paths) {
            std::error_code ignored;
            std::filesystem::remove_all(path, ignored);
        }
    }
};

TempDirs& temp_dirs() {
    static TempDirs dirs;
    return dirs;
}

}  // namespace

CliResult run_reconcile(const std::vector<std::string>& args) {
    // stderr goes to a file so a large stdout cannot deadlock against it.
    char err_path[] = "/tmp/reconcile-test-stderr-XXXXXX";
    int err_fd = mkstemp(err_path);
    int out_pipe[2];
    if (err_fd < 0 || pipe(out_pipe) != 0) throw std::runtime_error("cannot create pipes");
    pid_t pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDONLY);
        dup2(devnull, STDIN_FILENO);
        dup2(out_pipe[1], STDOUT_FILENO);
        dup2(err_fd, STDERR_FILENO);
        close(out_pipe[0]);
        std::vector<char*> argv;
        std::string binary = RECONCILE_BINARY;
        argv.push_back(binary.data());
        std::vector<std::string> copy = args;
        for (auto& arg : copy) argv.push_back(arg.data());
        argv.push_back(nullptr);
        execv(binary.c_str(), argv.data());
        _exit(127);
    }
    close(out_pipe[1]);
    CliResult result;
    result.out = slurp(out_pipe[0]);
    close(out_pipe[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    lseek(err_fd, 0, SEEK_SET);
    result.err = slurp(err_fd);
    close(err_fd);
    unlink(err_path);
    return result;
}

RunningReconcile::RunningReconcile(const std::vector<std::string>& args) {
    char out_path[] = "/tmp/reconcile-test-stdout-XXXXXX";
    char err_path[] = "/tmp/reconcile-test-stderr-XXXXXX";
    int out_fd = mkstemp(out_path);
    int err_fd = mkstemp(err_path);
    if (out_fd < 0 || err_fd < 0) throw std::runtime_error("cannot create output files");
    out_path_ = out_path;
    err_path_ = err_path;
    pid_t pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDONLY);
        dup2(devnull, STDIN_FILENO);
        dup2(out_fd, STDOUT_FILENO);
        dup2(err_fd, STDERR_FILENO);
        std::vector<char*> argv;
        std::string binary = RECONCILE_BINARY;
        argv.push_back(binary.data());
        std::vector<std::string> copy = args;
        for (auto& arg : copy) argv.push_back(arg.data());
        argv.push_back(nullptr);
        execv(binary.c_str(), argv.data());
        _exit(127);
    }
    close(out_fd);
    close(err_fd);
    pid_ = pid;
}

RunningReconcile::~RunningReconcile() {
    if (!finished_ && !exited_ && pid_ > 0) {
        kill(pid_, SIGKILL);
        int status = 0;
        waitpid(pid_, &status, 0);
    }
    unlink(out_path_.c_str());
    unlink(err_path_.c_str());
}

bool RunningReconcile::running() {
    if (exited_) return false;
    if (waitpid(pid_, &status_, WNOHANG) == pid_) exited_ = true;
    return !exited_;
}

void RunningReconcile::signal(int number) const {
    kill(pid_, number);
}

std::string RunningReconcile::err_so_far() const {
    return read_file(err_path_);
}

CliResult RunningReconcile::finish() {
    int status = status_;
    if (!exited_) waitpid(pid_, &status, 0);
    exited_ = true;
    finished_ = true;
    CliResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_file(out_path_);
    result.err = read_file(err_path_);
    return result;
}

std::string make_temp_dir(const std::string& prefix) {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    temp_dirs().paths.push_back(pattern);
    return pattern;
}

std::string source_dir() {
    return RECONCILE_SOURCE_DIR;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace reconcile::testing
