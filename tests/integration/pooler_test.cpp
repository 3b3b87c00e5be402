// apply through a connection pooler in transaction mode (PgBouncer
// pool_mode=transaction): a session-level apply lock taken there stays on
// whichever server session took it, and blocked every later apply until
// that session ended. apply now refuses a pooler it was not told about,
// and with --pooler transaction locks each transaction instead.
//
// Needs the pgbouncer binary (scripts/install-deps.sh installs it); without
// it the tests warn and pass, which CI does not rely on.
#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "catalog/pg/connection.hpp"
#include "tests/integration/scenario_support.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile;
using namespace reconcile::testing;
using namespace std::chrono_literals;

namespace {

std::string find_pgbouncer() {
    for (const char* path : {"/usr/sbin/pgbouncer", "/usr/bin/pgbouncer", "/usr/local/bin/pgbouncer"}) {
        if (access(path, X_OK) == 0) return path;
    }
    return "";
}

// A port nothing listens on now (the kernel's pick for port 0).
int free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    int port = 0;
    if (fd >= 0 && bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
        port = ntohs(addr.sin_port);
    }
    if (fd >= 0) close(fd);
    return port;
}

// A PgBouncer in transaction mode in front of the shared cluster. Round
// robin over its server sessions: once two exist, consecutive transactions
// of one client run on different ones, as they do on a busy pooler.
class TransactionPooler {
public:
    explicit TransactionPooler(const std::string& binary) : dir_(make_temp_dir("pgbouncer")) {
        port_ = free_port();
        const std::string user = geteuid() == 0 ? env_or("RECONCILE_TEST_PG_USER", "postgres") : "";
        write(dir_ + "/users.txt", "\"postgres\" \"\"\n");
        write(dir_ + "/pgbouncer.ini", fmt::format(R"([databases]
* = host=127.0.0.1 port={}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {}
unix_socket_dir =
auth_type = trust
auth_file = {}/users.txt
pool_mode = transaction
server_round_robin = 1
logfile = {}/pgbouncer.log
pidfile = {}/pgbouncer.pid
)",
                                                   TempCluster::shared().port(), port_, dir_, dir_, dir_));
        // PgBouncer, like PostgreSQL, refuses to run as root.
        std::string command = fmt::format("'{}' -d '{}/pgbouncer.ini'", binary, dir_);
        if (!user.empty()) {
            std::filesystem::permissions(dir_, std::filesystem::perms::all);
            command = fmt::format("chown -R {} '{}' && runuser -u {} -- {}", user, dir_, user, command);
        }
        if (std::system(command.c_str()) != 0) FAIL("pgbouncer did not start: " + read_file(dir_ + "/pgbouncer.log"));
        for (int i = 0; i < 100 && !accepts(); ++i) std::this_thread::sleep_for(50ms);
    }

    ~TransactionPooler() {
        std::ifstream pidfile(dir_ + "/pgbouncer.pid");
        int pid = 0;
        if (pidfile >> pid && pid > 0) kill(pid, SIGTERM);
    }

    std::string conninfo(const std::string& db) const {
        return fmt::format("host=127.0.0.1 port={} dbname={} user=postgres", port_, db);
    }

    // Two server sessions in the pool: two clients each hold one in an
    // open transaction at the same time.
    void open_two_server_sessions(const std::string& db) const {
        auto first = catalog::Connection::open(conninfo(db));
        auto second = catalog::Connection::open(conninfo(db));
        first.execute("BEGIN");
        first.query("SELECT 1");
        second.execute("BEGIN");
        second.query("SELECT 1");
        first.execute("COMMIT");
        second.execute("COMMIT");
    }

private:
    static std::string env_or(const char* name, const std::string& fallback) {
        const char* value = std::getenv(name);
        return value != nullptr && *value != '\0' ? value : fallback;
    }
    static void write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

    bool accepts() const {
        try {
            catalog::Connection::open(conninfo("postgres")).query("SELECT 1");
            return true;
        } catch (const std::exception&) {
            return false;
        }
    }

    std::string dir_;
    int port_ = 0;
};

// A table, and manifests that add a column and an index to it.
std::string table_and_changes(const std::string& db) {
    TempCluster::shared().run_sql(db, "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1), (2)");
    std::string dir = make_temp_dir("manifests");
    write_manifest(dir, "schemas.json", public_schema);
    write_manifest(dir, "t.json", R"json({"table": "t", "columns": [{"name": "id", "type": "integer", "not_null": true},
        {"name": "note", "type": "text"}], "primary_key": {"name": "t_pkey", "columns": ["id"]},
        "indexes": {"t_note": {"columns": ["note"]}}})json");
    return dir;
}

std::vector<std::string> apply_through(const TransactionPooler& pooler, const std::string& dir, const std::string& db,
                                       std::vector<std::string> extra) {
    std::vector<std::string> args = {"apply", "-m", dir, "-d", pooler.conninfo(db), "--yes", "--allow-hazards", "all"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

std::string advisory_locks(const std::string& db) {
    return query_column(db, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'");
}

std::string note_columns(const std::string& db) {
    return query_column(db, "SELECT count(*) FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'note'");
}

}  // namespace

TEST_CASE("apply through a transaction-mode pooler: refused unless told, then locked per transaction", "[pooler]") {
    const std::string binary = find_pgbouncer();
    if (binary.empty()) {
        WARN("pgbouncer not installed; pooler tests not run");
        return;
    }
    TransactionPooler pooler(binary);
    auto db = TempCluster::shared().create_database("pooler");
    auto dir = table_and_changes(db);
    pooler.open_two_server_sessions(db);

    SECTION("plan reads through it; apply without --pooler refuses before taking anything") {
        auto plan = run_reconcile({"plan", "-m", dir, "-d", pooler.conninfo(db)});
        CHECK(plan.exit_code == 2);  // changes to make
        CHECK(has(plan.out, "add column public.t.note"));

        auto refused = run_reconcile(apply_through(pooler, dir, db, {}));
        CHECK(refused.exit_code == 1);
        CHECK(has(refused.err, "is reached through a connection pooler"));
        CHECK(has(refused.err, "--pooler transaction"));
        CHECK(has(refused.err, "Nothing was changed"));
        CHECK(note_columns(db) == "0");
        CHECK(advisory_locks(db) == "0");
    }

    SECTION("--pooler transaction applies, leaves no lock on any server session, and the next apply runs") {
        auto applied = run_reconcile(apply_through(pooler, dir, db, {"--pooler", "transaction"}));
        INFO(applied.err);
        CHECK(applied.exit_code == 0);
        CHECK(note_columns(db) == "1");
        // The session-level lock of old stayed on the server session that
        // took it, and the next apply found it held.
        CHECK(advisory_locks(db) == "0");
        auto again = run_reconcile(apply_through(pooler, dir, db, {"--pooler", "transaction"}));
        CHECK(again.exit_code == 0);
        CHECK(has(again.out, "No changes."));
    }

    SECTION("--pooler transaction names the apply that holds the lock, and changes nothing") {
        auto other = catalog::Connection::open(TempCluster::shared().conninfo(db));
        other.execute("SET application_name = 'other-apply'");
        other.query("SELECT pg_advisory_lock(1919118956, 1)");
        auto refused = run_reconcile(apply_through(pooler, dir, db, {"--pooler", "transaction"}));
        CHECK(refused.exit_code == 1);
        CHECK(has(refused.err, "another reconcile apply is running"));
        CHECK(has(refused.err, "other-apply"));
        CHECK(has(refused.err, "the database is unchanged"));
        CHECK(note_columns(db) == "0");
    }

    SECTION("--pooler transaction refuses a step outside a transaction before anything runs") {
        auto refused = run_reconcile(apply_through(pooler, dir, db, {"--pooler", "transaction", "--online"}));
        CHECK(refused.exit_code == 1);
        CHECK(has(refused.err, "runs outside a transaction"));
        CHECK(has(refused.err, "create index"));
        CHECK(note_columns(db) == "0");
    }

    SECTION("--pooler takes only the two modes") {
        auto refused = run_reconcile(apply_through(pooler, dir, db, {"--pooler", "statement"}));
        CHECK(refused.exit_code == 1);
        CHECK(has(refused.err, "--pooler must be session or transaction"));
    }
}
