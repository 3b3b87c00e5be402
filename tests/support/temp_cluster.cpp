#include "tests/support/temp_cluster.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "catalog/model/identifier.hpp"
#include "catalog/pg/connection.hpp"

namespace reconcile::testing {

namespace {

std::string env_or(const char* name, const std::string& fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? std::string(value) : fallback;
}

std::string trim(std::string text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    return text;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

struct Output {
    int status = -1;
    std::string out;
};

// fork/exec without a shell, so paths need no quoting. stdout is captured;
// stderr goes to err_path. stdin is /dev/null so nothing ever waits on us.
Output run_command(const std::vector<std::string>& argv, const std::string& err_path) {
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        dup2(in, STDIN_FILENO);
        dup2(pipe_fds[1], STDOUT_FILENO);
        if (err >= 0) dup2(err, STDERR_FILENO);
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        std::vector<char*> args;
        for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
        args.push_back(nullptr);
        execvp(args[0], args.data());
        _exit(127);
    }
    close(pipe_fds[1]);
    Output result;
    char buffer[8192];
    ssize_t n;
    while ((n = read(pipe_fds[0], buffer, sizeof buffer)) > 0) result.out.append(buffer, static_cast<size_t>(n));
    close(pipe_fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

// Output of a shell command, or empty when it fails.
std::string shell_output(const std::string& command) {
    std::string out;
    if (FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r")) {
        char buffer[4096];
        while (fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
        if (pclose(pipe) != 0) out.clear();
    }
    return trim(out);
}

std::string find_bindir() {
    std::string bindir = env_or("RECONCILE_PG_BINDIR", "");
    if (!bindir.empty()) return bindir;
    return shell_output("pg_config --bindir");  // empty: rely on PATH
}

// Major version from `pg_dump --version` ("pg_dump (PostgreSQL) 15.20 ..."), or 0.
int tool_major(const std::string& tool) {
    std::string out = shell_output("'" + tool + "' --version");
    auto paren = out.find(") ");
    return paren == std::string::npos ? 0 : std::atoi(out.c_str() + paren + 2);
}

// Binding to port 0 lets the kernel pick a free port. Another process could
// take it before the server binds, but pg_ctl would then fail loudly.
int free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("socket failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        close(fd);
        throw std::runtime_error("cannot find a free port");
    }
    int port = ntohs(addr.sin_port);
    close(fd);
    return port;
}

}  // namespace

TempCluster& TempCluster::shared() {
    static TempCluster cluster;
    return cluster;
}

TempCluster::TempCluster() : bindir_(find_bindir()) {
    // PostgreSQL refuses to run as root.
    if (geteuid() == 0) run_as_ = env_or("RECONCILE_TEST_PG_USER", "postgres");

    char pattern[] = "/tmp/reconcile-pg-XXXXXX";
    if (mkdtemp(pattern) == nullptr) throw std::runtime_error("mkdtemp failed");
    std::string base = pattern;
    datadir_ = base + "/data";
    if (!run_as_.empty()) {
        passwd* user = getpwnam(run_as_.c_str());
        if (user == nullptr) throw std::runtime_error("no such user for the test cluster: " + run_as_);
        if (chown(base.c_str(), user->pw_uid, user->pw_gid) != 0) throw std::runtime_error("chown failed");
    }
    chmod(base.c_str(), 0755);
    port_ = free_port();

    const std::string log = base + "/commands.log";
    auto run = [&](std::vector<std::string> argv) {
        if (!run_as_.empty()) argv.insert(argv.begin(), {"runuser", "-u", run_as_, "--"});
        auto result = run_command(argv, log);
        if (result.status != 0) {
            throw std::runtime_error("test cluster: `" + argv[argv.size() > 4 ? 4 : 0] + "` failed:\n" +
                                     read_file(log) + read_file(base + "/server.log"));
        }
    };
    auto tool = [&](const char* name) { return bindir_.empty() ? std::string(name) : bindir_ + "/" + name; };

    // --no-sync and the fsync settings below: a throwaway cluster need not
    // survive a crash, and the suite runs much faster without syncs.
    try {
        run({tool("initdb"), "-D", datadir_, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C",
             "--no-sync"});
        // The socket directory is ours: the default /var/run/postgresql may
        // not exist or may belong to a system cluster.
        run({tool("pg_ctl"), "-D", datadir_, "-w", "-l", base + "/server.log", "-o",
             "-p " + std::to_string(port_) + " -c listen_addresses=127.0.0.1 -k " + base +
                 " -c fsync=off -c full_page_writes=off -c synchronous_commit=off",
             "start"});
    } catch (...) {
        // No destructor runs for a half-built object; pg_ctl -w has either
        // not started a server or given up on it, so the files are all that is left.
        std::error_code ignored;
        std::filesystem::remove_all(base, ignored);
        throw;
    }
}

TempCluster::~TempCluster() {
    std::string base = std::filesystem::path(datadir_).parent_path().string();
    std::vector<std::string> argv{
        bindir_.empty() ? "pg_ctl" : bindir_ + "/pg_ctl", "-D", datadir_, "-m", "immediate", "stop"};
    if (!run_as_.empty()) argv.insert(argv.begin(), {"runuser", "-u", run_as_, "--"});
    try {
        run_command(argv, "/dev/null");
    } catch (...) {
        // Destructors must not throw; the directory removal below still runs.
    }
    std::error_code ignored;
    std::filesystem::remove_all(base, ignored);
}

std::string TempCluster::conninfo(const std::string& dbname) const {
    // Database names are quoted for libpq's keyword/value syntax.
    std::string quoted;
    for (char c : dbname) {
        if (c == '\'' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return "host=127.0.0.1 port=" + std::to_string(port_) + " user=postgres dbname='" + quoted + "'";
}

std::string TempCluster::create_database(const std::string& prefix) {
    std::string name = prefix + "_" + std::to_string(++next_db_);
    auto conn = catalog::Connection::open(conninfo());
    conn.execute("CREATE DATABASE " + catalog::quote_identifier(name));
    return name;
}

void TempCluster::run_sql(const std::string& dbname, const std::string& sql) const {
    // reconcile's own Connection sends multi-statement text only when it is
    // fixed at compile time, so test scripts go through psql.
    std::string dir = std::filesystem::path(datadir_).parent_path().string();
    std::string script = dir + "/script_" + std::to_string(getpid()) + "_" + std::to_string(++scripts_run_) + ".sql";
    {
        std::ofstream out(script, std::ios::binary);
        out << sql;
    }
    std::string err = script + ".log";
    auto result =
        run_command({psql_path(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", conninfo(dbname), "-f", script}, err);
    std::string log = read_file(err);
    std::filesystem::remove(script);
    std::filesystem::remove(err);
    if (result.status != 0) throw std::runtime_error("psql failed on a test script:\n" + log);
}

std::string TempCluster::psql_path() const {
    if (!bindir_.empty() && access((bindir_ + "/psql").c_str(), X_OK) == 0) return bindir_ + "/psql";
    return "psql";
}

const std::string& TempCluster::pg_dump_path() const {
    static const std::string path = [this]() -> std::string {
        if (bindir_.empty()) return "pg_dump";
        if (access((bindir_ + "/pg_dump").c_str(), X_OK) == 0) return bindir_ + "/pg_dump";
        std::string system = shell_output("pg_config --bindir") + "/pg_dump";
        if (access(system.c_str(), X_OK) == 0 && tool_major(system) >= server_version() / 10000) return system;
        return {};
    }();
    return path;
}

std::string TempCluster::dump_schema(const std::string& dbname) const {
    if (!has_pg_dump()) throw std::runtime_error("no pg_dump for this server in " + bindir_ + " or the system");
    std::vector<std::string> argv{pg_dump_path(), "--schema-only", "-h", "127.0.0.1",     "-p", std::to_string(port_),
                                  "-U",           "postgres",      "-d", conninfo(dbname)};
    if (!run_as_.empty()) argv.insert(argv.begin(), {"runuser", "-u", run_as_, "--"});
    std::string err = std::filesystem::path(datadir_).parent_path().string() + "/pg_dump.log";
    auto result = run_command(argv, err);
    if (result.status != 0) throw std::runtime_error("pg_dump failed:\n" + read_file(err));
    // Newer pg_dump releases wrap the script in \restrict KEY ... \unrestrict
    // KEY with a random key per run; without those two lines, two dumps of
    // the same schema are byte-identical.
    std::string dump;
    std::istringstream lines(result.out);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("\\restrict ", 0) == 0 || line.rfind("\\unrestrict ", 0) == 0) continue;
        dump += line;
        dump += '\n';
    }
    return dump;
}

int TempCluster::server_version() const {
    static int version = 0;
    if (version == 0) version = catalog::Connection::open(conninfo()).server_version();
    return version;
}

}  // namespace reconcile::testing
