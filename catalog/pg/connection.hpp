#pragma once
// The one boundary to libpq. Only connection.cpp includes libpq-fe.h; a
// result is read through ResultSet, so nothing else sees a PGresult.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/pg/conninfo.hpp"  // mask_password, for callers

namespace reconcile::catalog {

// Connecting failed. The message never contains a password.
struct ConnectionError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The server rejected a statement.
struct QueryError : std::runtime_error {
    QueryError(const std::string& message, std::string sqlstate, std::string detail, std::string hint)
        : std::runtime_error(message),
          sqlstate(std::move(sqlstate)),
          detail(std::move(detail)),
          hint(std::move(hint)) {}
    std::string sqlstate;
    std::string detail;
    std::string hint;
    // Where in the statement the server found the problem: a 1-based count
    // of characters (not bytes), 0 when it did not say.
    std::size_t position = 0;
};

// A statement sent in a pipeline was rejected; `index` says which one
// (0-based, in the order given). The statements after it did not run.
struct PipelineError : QueryError {
    PipelineError(const QueryError& error, std::size_t index) : QueryError(error), index(index) {}
    std::size_t index;
};

using Value = std::optional<std::string>;  // nullopt is SQL NULL

// {"a","b\"c"}: a text[] literal for a query parameter ($1::text[]), so a
// list of names travels as one value, whatever the names hold.
std::string text_array_literal(const std::vector<std::string>& items);

// Something to do while a statement is slow: called once the statement has
// run for `after`, then every `every` until it ends. Lets a caller look at
// the server from another session meanwhile (who holds the lock a step
// waits for). It must not use the connection being waited on.
struct SlowStatementWatch {
    std::chrono::milliseconds after{500};
    std::chrono::milliseconds every{500};
    std::function<void()> call;
};

// SQL text the program wrote itself, fixed when reconcile was compiled: the
// only text that may travel as a multi-statement script. The constructor is
// consteval, so a string built at run time (which could carry manifest text
// or a name from the catalog) does not compile as a ProgramSql.
class ProgramSql {
public:
    consteval ProgramSql(const char* text) : text_(text) {}  // NOLINT: implicit on purpose
    const char* c_str() const { return text_; }

private:
    const char* text_;
};

// A query's rows, held as the server sent them and read in place: a catalog
// read of 100,000 columns would otherwise copy every value once more before
// the model copies what it keeps. Views into it live as long as the set.
class ResultSet {
public:
    class Row {
    public:
        // The value in text form; nullopt for SQL NULL.
        std::optional<std::string_view> operator[](std::size_t column) const;
        std::size_t size() const;

    private:
        friend class ResultSet;
        Row(const ResultSet* set, int index) : set_(set), index_(index) {}
        const ResultSet* set_;
        int index_;
    };

    class Iterator {
    public:
        Row operator*() const { return set_->row(index_); }
        Iterator& operator++() {
            ++index_;
            return *this;
        }
        bool operator==(const Iterator& other) const { return index_ == other.index_; }

    private:
        friend class ResultSet;
        Iterator(const ResultSet* set, std::size_t index) : set_(set), index_(index) {}
        const ResultSet* set_;
        std::size_t index_;
    };

    ResultSet();
    ResultSet(ResultSet&&) noexcept;
    ResultSet& operator=(ResultSet&&) noexcept;
    ~ResultSet();

    std::size_t size() const;  // rows
    Row row(std::size_t index) const { return Row(this, static_cast<int>(index)); }
    Iterator begin() const { return Iterator(this, 0); }
    Iterator end() const { return Iterator(this, size()); }
    const std::vector<std::string>& columns() const { return columns_; }
    // Index of a result column by name. REQUIRES: the column exists.
    std::size_t column(std::string_view name) const;

private:
    friend class Connection;
    struct Data;  // the PGresult, defined in connection.cpp
    std::unique_ptr<Data> data_;
    std::vector<std::string> columns_;
};

using Row = ResultSet::Row;

inline constexpr int default_connect_timeout_seconds = 10;

class Connection {
public:
    // conninfo: any libpq keyword/value string or URI; empty means libpq's
    // defaults (PG* environment variables, service files). Throws
    // ConnectionError with the password masked. Without a connect_timeout
    // in conninfo or PGCONNECT_TIMEOUT, connecting gives up after
    // default_connect_timeout_seconds, also against a server that accepts
    // the TCP connection and never answers. Without an application_name the
    // session is "reconcile". Every session runs with TimeZone UTC, so what
    // the catalog prints (a timestamptz partition bound) does not depend
    // on the client's PGTZ.
    // Every wait on the server (here and in the calls below) watches
    // interrupt_requested() (interrupt.hpp): once it is set, the statement
    // in flight is cancelled on the server and fails with SQLSTATE 57014.
    static Connection open(const std::string& conninfo);
    // A second session to the same server and database with the same
    // settings (those libpq resolved, so environment variables and service
    // files count). Throws ConnectionError.
    Connection open_another() const;

    Connection(Connection&&) noexcept;
    Connection& operator=(Connection&&) noexcept;
    ~Connection();

    // Two ways to send SQL, and the difference is a security boundary.
    // Anything that carries text from a manifest (types, defaults, checks,
    // index expressions, comments) or from the catalog goes through query(),
    // execute() or execute_pipelined(): the extended query protocol, where
    // the server parses exactly one statement and refuses a second, so
    // `0); COMMIT; DROP ...` in a default is an error, never a commit.
    // run_script() is the simple protocol and runs every statement in the
    // text; it takes only ProgramSql, text fixed at compile time.

    // One statement, parameters sent out of band ($1, $2...). Throws QueryError.
    ResultSet query(const std::string& sql, const std::vector<Value>& params = {});
    // One statement, no parameters, no result rows returned. Throws
    // QueryError (also when `statement` holds more than one command).
    void execute(const std::string& statement);
    // Each statement alone (extended protocol), pipelined so that a batch
    // costs one round trip per few hundred statements instead of one each.
    // Stops at the first statement the server rejects and throws
    // PipelineError naming it. Meant for use inside a transaction block,
    // which the error then aborts as any error does; outside one, the
    // server makes each sync's statements an implicit transaction of their
    // own. Throws QueryError when the connection fails.
    void execute_pipelined(const std::vector<std::string>& statements);
    // Program-written statements in one round trip (simple query protocol).
    // No parameters, no result rows. Throws QueryError.
    void run_script(ProgramSql script);

    // While set, `watch.call` runs during slow statements on this connection.
    void watch_slow_statements(std::optional<SlowStatementWatch> watch);
    // The SCRAM-SHA-256 verifier of password for role, computed here
    // (PQencryptPasswordConn), so that the clear text never travels to the
    // server nor lands in its statement log. Throws QueryError.
    std::string encrypt_password(const std::string& password, const std::string& role);

    int server_version() const;  // server_version_num, e.g. 150018
    std::string database() const;  // the database connected to
    int backend_pid() const;     // the server process serving this session
    // The connection to the server is gone (terminated, server restarted,
    // network): nothing more can be sent on it.
    bool broken() const;
    std::size_t round_trips() const;
    // The connection string as given, password masked; for messages.
    const std::string& display_name() const;

private:
    struct Impl;
    explicit Connection(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace reconcile::catalog
