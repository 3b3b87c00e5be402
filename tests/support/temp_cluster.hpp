#pragma once
// A throwaway PostgreSQL cluster for integration tests: initdb into a temp
// directory, a free port on 127.0.0.1, trust authentication, stopped and
// removed when the test process exits. PostgreSQL refuses to run as root, so
// when the tests run as root the server runs as an unprivileged user
// (RECONCILE_TEST_PG_USER, default "postgres") via runuser.
//
// Server binaries: RECONCILE_PG_BINDIR if set, else `pg_config --bindir`,
// else PATH. This is how the version matrix points the suite at another
// PostgreSQL.
#include <string>

namespace reconcile::testing {

class TempCluster {
public:
    // Started on first use, shared by every test in the process.
    static TempCluster& shared();

    TempCluster(const TempCluster&) = delete;
    TempCluster& operator=(const TempCluster&) = delete;
    ~TempCluster();  // pg_ctl stop -m immediate, remove the directory

    // libpq keyword/value connection string for a database of this cluster.
    std::string conninfo(const std::string& dbname = "postgres") const;
    // CREATE DATABASE with a unique name starting with prefix; returns the name.
    std::string create_database(const std::string& prefix);
    // Runs a multi-statement script in a database with psql (each statement
    // in its own transaction unless the script says BEGIN). Throws with
    // psql's messages when a statement fails.
    void run_sql(const std::string& dbname, const std::string& sql) const;
    // `pg_dump --schema-only` of a database. pg_dump comes from the server's
    // bindir, else from the system installation (`pg_config --bindir`) when
    // that one is at least as new as the server (pg_dump refuses newer
    // servers). The matrix's server packages ship no pg_dump, so for a
    // server newer than the system's there is none: has_pg_dump() is false
    // and dump_schema throws; tests check has_pg_dump() and skip.
    bool has_pg_dump() const { return !pg_dump_path().empty(); }
    std::string dump_schema(const std::string& dbname) const;

    int port() const { return port_; }
    const std::string& bindir() const { return bindir_; }
    int server_version() const;  // server_version_num

private:
    TempCluster();
    const std::string& pg_dump_path() const;  // empty when no usable pg_dump
    std::string psql_path() const;
    std::string bindir_;
    std::string datadir_;
    std::string run_as_;  // empty when not root
    int port_ = 0;
    int next_db_ = 0;
    mutable int scripts_run_ = 0;
};

}  // namespace reconcile::testing
