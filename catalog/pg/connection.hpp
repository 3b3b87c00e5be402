#pragma once
// The one boundary to libpq. Only connection.cpp includes libpq-fe.h; a
// result is read through ResultSet, so nothing else sees a PGresult.
#include <cstddef>
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
};

using Value = std::optional<std::string>;  // nullopt is SQL NULL

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

class Connection {
public:
    // conninfo: any libpq keyword/value string or URI; empty means libpq's
    // defaults (PG* environment variables, service files). Throws
    // ConnectionError with the password masked.
    static Connection open(const std::string& conninfo);
    // A second session to the same server and database with the same
    // settings (those libpq resolved, so environment variables and service
    // files count). Throws ConnectionError.
    Connection open_another() const;

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

}  // namespace reconcile::catalog
