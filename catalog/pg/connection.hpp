#pragma once
// The one boundary to libpq. Only connection.cpp includes libpq-fe.h; results
// are copied into plain rows at once so nothing else sees a PGresult.
#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

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
};

using Value = std::optional<std::string>;  // nullopt is SQL NULL
using Row = std::vector<Value>;

struct ResultSet {
    std::vector<std::string> columns;
    std::vector<Row> rows;

    // Index of a result column by name. REQUIRES: the column exists.
    std::size_t column(std::string_view name) const;
};

class Connection {
public:
    // conninfo: any libpq keyword/value string or URI; empty means libpq's
    // defaults (PG* environment variables, service files). Throws
    // ConnectionError with the password masked.
    static Connection open(const std::string& conninfo);

    Connection(Connection&&) noexcept;
    Connection& operator=(Connection&&) noexcept;
    ~Connection();

    // One statement, parameters sent out of band ($1, $2...). Throws QueryError.
    ResultSet query(const std::string& sql, const std::vector<Value>& params = {});
    // One or more statements in a single round trip (simple query protocol),
    // no parameters, no result rows returned. Throws QueryError.
    void execute(const std::string& sql);

    int server_version() const;  // server_version_num, e.g. 150018
    std::size_t round_trips() const;
    // The connection string as given, password masked; for messages.
    const std::string& display_name() const;

private:
    struct Impl;
    explicit Connection(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// "postgresql://u:secret@h/db" -> "postgresql://u:****@h/db";
// "host=h password=secret" -> "host=h password=****".
std::string mask_password(std::string_view conninfo);

}  // namespace reconcile::catalog
