// No command prints a password, whatever connection string it is given: the
// real binary, every command that connects, the target given by -d or by
// DATABASE_URL and the --dev-database, with strings libpq cannot parse (it
// quotes them back, whole or in pieces) and with well-formed ones it cannot
// connect with.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/cli_runner.hpp"
#include "tests/support/scoped_env.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

// A connection string and the pieces of its password that must never show.
struct Case {
    std::string conninfo;
    std::vector<std::string> secrets;
};

const std::vector<std::string> secret = {"S3cr3t"};

// libpq rejects or splits each of these.
std::vector<Case> malformed() {
    return {
        {"postgresql://u:50%off-S3cr3t@127.0.0.1:1/db", {"S3cr3t", "50%off"}},  // unencoded '%'
        {"postgresql://u:S3cr3t@[127.0.0.1/db", secret},                        // unclosed '['
        {"postgresql://u:S3cr3t@", secret},
        {"postgresql://u:p@S3cr3t@127.0.0.1:1/db", secret},               // '@' in the password: a host
        {"postgresql://u:Qx9/S3cr3t@127.0.0.1:1/db", {"Qx9", "S3cr3t"}},  // '/' in it: a port
        {"postgresql://u:S3%63r3t@[h/db", {"S3cr3t", "S3%63r3t"}},        // percent-encoded
        {" postgresql://u:S3cr3t@127.0.0.1:1/db", secret},                // read as keyword/value
        {"postgresql://u:S3cr3t@127.0.0.1:1/db?password=S3cr3t&bogus", secret},
        {"postgresql://u@127.0.0.1:1/db?password=S3cr3t&port=x", secret},
        {"host=127.0.0.1 port=1 password='S3cr3t", secret},  // unterminated quote
        {"host=127.0.0.1 port=1 password=S3cr3t nonsense", secret},
        {"host=127.0.0.1 port=1 password=Qx9 S3cr3t", {"Qx9", "S3cr3t"}},        // an unquoted space
        {"postgresql://127.0.0.1:1/db?password=Qx9&S3cr3t", {"Qx9", "S3cr3t"}},  // an unencoded '&'
        {"postgresql://127.0.0.1:1/db?password=@S3cr3t", secret},                // '@' with no user info
        {"postgresql://u:\"S3cr3t@[h/db", secret},                               // a double quote
    };
}

// Well-formed, and nothing is listening.
std::vector<Case> unreachable() {
    return {
        {"postgresql://u:S3cr3t@127.0.0.1:1/db", secret},
        {"host=127.0.0.1 port=1 user=u password=S3cr3t", secret},
    };
}

void check_no_secret(const CliResult& result, const Case& c, const std::vector<std::string>& args) {
    INFO("reconcile " << args[0] << " with " << c.conninfo << "\nstdout: " << result.out << "\nstderr: " << result.err);
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.err, Catch::Contains("reconcile: error:"));
    for (const auto& piece : c.secrets) {
        CHECK_THAT(result.out, !Catch::Contains(piece));
        CHECK_THAT(result.err, !Catch::Contains(piece));
    }
}

// Each command that connects, with its other arguments valid, so that the
// connection is what fails.
std::vector<std::vector<std::string>> commands_taking(const std::string& manifests, const std::string& out_dir) {
    return {
        {"plan", "-m", manifests},           {"plan", "-m", manifests, "--format", "json"},
        {"apply", "-m", manifests, "--yes"}, {"drift", "-m", manifests},
        {"export", "-o", out_dir},
    };
}

}  // namespace

TEST_CASE("cli: no command prints the password of a target it cannot use", "[cli][secrets]") {
    const std::string manifests = source_dir() + "/examples/prisma-soft-delete";
    const std::string out_dir = make_temp_dir("reconcile-secrets-export");
    std::vector<Case> cases = malformed();
    for (auto& c : unreachable()) cases.push_back(std::move(c));

    for (const auto& c : cases) {
        for (auto args : commands_taking(manifests, out_dir)) {
            auto given = args;
            given.insert(given.end(), {"-d", c.conninfo});
            check_no_secret(run_reconcile(given), c, given);

            ScopedEnv url("DATABASE_URL", c.conninfo);
            check_no_secret(run_reconcile(args), c, args);
        }
    }
}

TEST_CASE("cli: a database the server refuses does not show the password either", "[cli][secrets]") {
    auto& cluster = TempCluster::shared();
    const std::string port = std::to_string(cluster.port());
    // Connected, then refused by the server (no such database): its message
    // goes through the same scrubbing as libpq's own.
    const Case c{"postgresql://postgres:S3cr3t@127.0.0.1:" + port + "/no_such_db", secret};
    const std::string manifests = source_dir() + "/examples/prisma-soft-delete";
    for (auto args : commands_taking(manifests, make_temp_dir("reconcile-secrets-export"))) {
        args.insert(args.end(), {"-d", c.conninfo});
        check_no_secret(run_reconcile(args), c, args);
    }
}

TEST_CASE("cli: --dev-database's password is not printed either", "[cli][secrets]") {
    auto& cluster = TempCluster::shared();
    const std::string target = cluster.conninfo(cluster.create_database("secrets_dev"));
    const std::string manifests = source_dir() + "/examples/prisma-soft-delete";
    std::vector<Case> cases = malformed();
    for (auto& c : unreachable()) cases.push_back(std::move(c));
    for (const auto& c : cases) {
        for (std::string command : {"plan", "apply", "drift"}) {
            std::vector<std::string> args = {command, "-m", manifests, "-d", target, "--dev-database", c.conninfo};
            if (command == "apply") args.push_back("--yes");
            check_no_secret(run_reconcile(args), c, args);
        }
    }
}

TEST_CASE("cli: a mistyped option quoting a connection string does not show the password", "[cli][secrets]") {
    const Case c{"postgresql://u:S3cr3t@127.0.0.1:1/db", secret};
    for (std::string command : {"plan", "apply", "drift", "export", "validate"}) {
        std::vector<std::string> args = {command, "--databse=" + c.conninfo};
        check_no_secret(run_reconcile(args), c, args);
    }
    std::vector<std::string> args = {c.conninfo};  // not a command
    check_no_secret(run_reconcile(args), c, args);
}

TEST_CASE("cli: validate ignores DATABASE_URL, and never prints it", "[cli][secrets]") {
    const std::string manifests = source_dir() + "/examples/prisma-soft-delete";
    for (const auto& c : malformed()) {
        ScopedEnv url("DATABASE_URL", c.conninfo);
        auto result = run_reconcile({"validate", "-m", manifests});
        INFO(c.conninfo << "\n" << result.out << result.err);
        CHECK(result.exit_code == 0);
        for (const auto& piece : c.secrets) {
            CHECK_THAT(result.out + result.err, !Catch::Contains(piece));
        }
    }
}
