// The only translation unit that includes libpq-fe.h (see connection.hpp).
#include "catalog/pg/connection.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "catalog/pg/interrupt.hpp"

namespace reconcile::catalog {

namespace {

struct ConnDeleter {
    void operator()(PGconn* conn) const { PQfinish(conn); }
};
struct ResultDeleter {
    void operator()(PGresult* result) const { PQclear(result); }
};
using ConnPtr = std::unique_ptr<PGconn, ConnDeleter>;
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

struct OptionsDeleter {
    void operator()(PQconninfoOption* options) const { PQconninfoFree(options); }
};

std::string trim_trailing_newlines(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
}

std::string field(const PGresult* result, int code) {
    const char* value = PQresultErrorField(result, code);
    return value == nullptr ? std::string() : std::string(value);
}

// REQUIRES: result is an error result (or null after an out-of-memory or a
// lost connection).
QueryError query_error(PGconn* conn, const PGresult* result) {
    if (result == nullptr) return QueryError(trim_trailing_newlines(PQerrorMessage(conn)), "", "", "");
    std::string primary = field(result, PG_DIAG_MESSAGE_PRIMARY);
    if (primary.empty()) primary = trim_trailing_newlines(PQresultErrorMessage(result));
    std::string detail = field(result, PG_DIAG_MESSAGE_DETAIL);
    std::string hint = field(result, PG_DIAG_MESSAGE_HINT);
    std::string message = primary;
    if (!detail.empty()) message += "\nDETAIL: " + detail;
    if (!hint.empty()) message += "\nHINT: " + hint;
    QueryError error(message, field(result, PG_DIAG_SQLSTATE), std::move(detail), std::move(hint));
    const std::string position = field(result, PG_DIAG_STATEMENT_POSITION);
    if (!position.empty() && position.find_first_not_of("0123456789") == std::string::npos && position.size() < 10) {
        error.position = static_cast<std::size_t>(std::stoul(position));
    }
    return error;
}

[[noreturn]] void throw_query_error(PGconn* conn, const PGresult* result) {
    throw query_error(conn, result);
}

// Asks the server to cancel what the session runs. A cancel request is a
// separate connection, so it works while this one waits on a result.
void send_cancel(PGconn* conn) {
    PGcancel* cancel = PQgetCancel(conn);
    if (cancel == nullptr) return;
    char reason[256];
    PQcancel(cancel, reason, sizeof reason);  // best effort: the statement ends anyway
    PQfreeCancel(cancel);
}

// Waits until a result can be read without blocking (or the connection
// broke, which PQgetResult then reports), cancelling the statement on the
// server once an interrupt is requested and running the slow-statement
// watch meanwhile. Polls in short slices: a signal sets a flag, it does not
// wake a blocked read.
void wait_for_result(PGconn* conn, const std::optional<SlowStatementWatch>& watch) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    auto next_watch = start + (watch ? watch->after : std::chrono::milliseconds(0));
    bool cancelled = false;
    while (true) {
        if (PQconsumeInput(conn) == 0 || !PQisBusy(conn)) return;
        if (interrupt_requested() && !interrupt_shielded() && !cancelled) {
            send_cancel(conn);
            cancelled = true;
        }
        if (watch && watch->call && Clock::now() >= next_watch) {
            watch->call();
            next_watch = Clock::now() + watch->every;
        }
        pollfd socket{PQsocket(conn), POLLIN, 0};
        poll(&socket, 1, 100);
    }
}

// Every result of the statement sent last: the first error if there was
// one (the server stops there), else the last result, as PQexec returns.
ResultPtr collect_results(PGconn* conn, const std::optional<SlowStatementWatch>& watch) {
    ResultPtr last, error;
    while (true) {
        wait_for_result(conn, watch);
        PGresult* raw = PQgetResult(conn);
        if (raw == nullptr) break;
        ResultPtr result(raw);
        if (PQresultStatus(raw) == PGRES_FATAL_ERROR) {
            if (!error) error = std::move(result);
        } else {
            last = std::move(result);
        }
    }
    return error ? std::move(error) : std::move(last);
}

// libpq's connection with reconcile's defaults under whatever the caller
// gave: application_name "reconcile" (so pg_stat_activity and a blocked
// application's DBA can tell who holds a lock) and connect_timeout, each
// only where the caller chose none. Keywords are applied in order and an
// expanded dbname's own settings override the earlier ones, so the
// defaults go first: a string, URI or service file that sets one wins.
// PGCONNECT_TIMEOUT is read by libpq only for keywords not given here.
PGconn* connect_with_defaults(const std::string& conninfo) {
    const bool timeout_chosen =
        std::getenv("PGCONNECT_TIMEOUT") != nullptr || conninfo.find("connect_timeout") != std::string::npos;
    const std::string timeout = std::to_string(default_connect_timeout_seconds);
    std::vector<const char*> keywords{"fallback_application_name"};
    std::vector<const char*> values{"reconcile"};
    if (!timeout_chosen) {
        keywords.push_back("connect_timeout");
        values.push_back(timeout.c_str());
    }
    keywords.push_back("dbname");
    values.push_back(conninfo.c_str());
    keywords.push_back(nullptr);
    values.push_back(nullptr);
    return PQconnectdbParams(keywords.data(), values.data(), 1);
}

// Timestamps with time zone in the catalog (a partition's bound, a
// default's constant) print in the session's TimeZone, which a client's
// PGTZ or a role's setting can change: pinned to UTC so that the same
// database reads the same from every machine and export writes UTC. Set
// after connecting rather than through the startup `options`, which
// connection poolers such as PgBouncer refuse.
void pin_time_zone(PGconn* conn) {
    const char* zone = PQparameterStatus(conn, "TimeZone");
    if (zone != nullptr && std::string_view(zone) == "UTC") return;
    ResultPtr result(PQexec(conn, "SET TimeZone = 'UTC'"));
}

// A pipeline holds statements the server has not answered yet; the
// responses (one small CommandComplete each) must fit in the socket buffers
// while the rest is still being sent, or client and server wait on each
// other. A few hundred per sync stays far below that.
constexpr std::size_t statements_per_sync = 256;

// Leaves pipeline mode however the chunk ends. Exiting only succeeds once
// every result has been read; on a broken connection it fails, which does
// not matter since the connection is unusable anyway.
class PipelineMode {
public:
    explicit PipelineMode(PGconn* conn) : conn_(conn) {
        if (PQenterPipelineMode(conn_) != 1) throw_query_error(conn_, nullptr);
    }
    ~PipelineMode() { PQexitPipelineMode(conn_); }
    PipelineMode(const PipelineMode&) = delete;
    PipelineMode& operator=(const PipelineMode&) = delete;

private:
    PGconn* conn_;
};

// Sends statements [begin, end) and a sync, then reads every result.
// Returns the first error with its index; the server skips the statements
// after a failed one until the sync (PGRES_PIPELINE_ABORTED).
std::optional<PipelineError> run_pipeline(PGconn* conn, const std::vector<std::string>& statements, std::size_t begin,
                                          std::size_t end) {
    PipelineMode pipeline(conn);
    for (std::size_t i = begin; i < end; ++i) {
        if (PQsendQueryParams(conn, statements[i].c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) != 1) {
            throw_query_error(conn, nullptr);
        }
    }
    if (PQpipelineSync(conn) != 1) throw_query_error(conn, nullptr);

    std::optional<PipelineError> failed;
    for (std::size_t i = begin; i < end; ++i) {
        // Each statement's results end with a null result.
        while (true) {
            wait_for_result(conn, std::nullopt);
            PGresult* raw = PQgetResult(conn);
            if (raw == nullptr) break;
            ResultPtr result(raw);
            if (PQresultStatus(raw) == PGRES_FATAL_ERROR && !failed) failed.emplace(query_error(conn, raw), i);
        }
        if (PQstatus(conn) == CONNECTION_BAD) throw failed ? QueryError(*failed) : query_error(conn, nullptr);
    }
    wait_for_result(conn, std::nullopt);
    ResultPtr sync(PQgetResult(conn));
    if (!sync || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC) {
        throw failed ? QueryError(*failed) : query_error(conn, sync.get());
    }
    return failed;
}

}  // namespace

std::string text_array_literal(const std::vector<std::string>& items) {
    std::string out = "{";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += ',';
        // Always double-quoted so that commas, braces, spaces and the word
        // NULL inside a name stay part of the element.
        out += '"';
        for (char c : items[i]) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    out += '}';
    return out;
}

struct Connection::Impl {
    ConnPtr conn;
    std::string display;
    std::size_t round_trips = 0;
    std::optional<SlowStatementWatch> watch;
};

struct ResultSet::Data {
    ResultPtr result;
};

ResultSet::ResultSet() = default;
ResultSet::ResultSet(ResultSet&&) noexcept = default;
ResultSet& ResultSet::operator=(ResultSet&&) noexcept = default;
ResultSet::~ResultSet() = default;

std::size_t ResultSet::size() const {
    return data_ ? static_cast<std::size_t>(PQntuples(data_->result.get())) : 0;
}

std::size_t ResultSet::column(std::string_view name) const {
    for (std::size_t i = 0; i < columns_.size(); ++i) {
        if (columns_[i] == name) return i;
    }
    throw std::logic_error("result has no column " + std::string(name));
}

std::size_t ResultSet::Row::size() const {
    return set_->columns_.size();
}

std::optional<std::string_view> ResultSet::Row::operator[](std::size_t column) const {
    if (column >= set_->columns_.size()) throw std::out_of_range("result has no column " + std::to_string(column));
    const PGresult* result = set_->data_->result.get();
    const int c = static_cast<int>(column);
    if (PQgetisnull(result, index_, c)) return std::nullopt;
    return std::string_view(PQgetvalue(result, index_, c), static_cast<std::size_t>(PQgetlength(result, index_, c)));
}

Connection Connection::open(const std::string& conninfo) {
    auto impl = std::make_unique<Impl>();
    impl->display = mask_password(conninfo);
    impl->conn.reset(connect_with_defaults(conninfo));
    if (!impl->conn) throw ConnectionError("cannot connect to " + impl->display + ": out of memory");
    if (PQstatus(impl->conn.get()) != CONNECTION_OK) {
        // Not only the password libpq parsed: a string it cannot parse comes
        // back quoted, whole or in pieces, in its message.
        std::string reason = scrub_password(trim_trailing_newlines(PQerrorMessage(impl->conn.get())), conninfo);
        std::string target = impl->display.empty() ? std::string("the default database") : impl->display;
        throw ConnectionError("cannot connect to " + target + ": " + reason);
    }
    pin_time_zone(impl->conn.get());
    return Connection(std::move(impl));
}

Connection Connection::open_another() const {
    std::unique_ptr<PQconninfoOption, OptionsDeleter> options(PQconninfo(impl_->conn.get()));
    if (!options) throw ConnectionError("cannot connect to " + impl_->display + ": out of memory");
    std::vector<const char*> keywords, values;
    for (auto* option = options.get(); option->keyword != nullptr; ++option) {
        if (option->val == nullptr || *option->val == '\0') continue;
        keywords.push_back(option->keyword);
        values.push_back(option->val);
    }
    keywords.push_back(nullptr);
    values.push_back(nullptr);

    auto impl = std::make_unique<Impl>();
    impl->display = impl_->display;
    impl->conn.reset(PQconnectdbParams(keywords.data(), values.data(), 0));
    if (!impl->conn) throw ConnectionError("cannot connect to " + impl->display + ": out of memory");
    if (PQstatus(impl->conn.get()) != CONNECTION_OK) {
        std::string reason = trim_trailing_newlines(PQerrorMessage(impl->conn.get()));
        for (std::size_t i = 0; i + 1 < keywords.size(); ++i) {
            if (std::string_view(keywords[i]) == "password") reason = scrub_secret(reason, values[i]);
        }
        reason = mask_passwords_in_text(reason);
        throw ConnectionError("cannot open a second session to " + impl->display + ": " + reason);
    }
    pin_time_zone(impl->conn.get());
    return Connection(std::move(impl));
}

Connection::Connection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Connection::Connection(Connection&&) noexcept = default;
Connection& Connection::operator=(Connection&&) noexcept = default;
Connection::~Connection() = default;

ResultSet Connection::query(const std::string& sql, const std::vector<Value>& params) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& param : params) values.push_back(param ? param->c_str() : nullptr);

    ++impl_->round_trips;
    // Text format both ways, parameter types inferred by the server: the SQL
    // casts ($1::text[]) where inference would be ambiguous.
    PGconn* conn = impl_->conn.get();
    if (PQsendQueryParams(conn, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr,
                          0) != 1) {
        throw_query_error(conn, nullptr);
    }
    ResultPtr result = collect_results(conn, impl_->watch);
    auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        throw_query_error(impl_->conn.get(), result.get());
    }

    ResultSet out;
    const int ncols = PQnfields(result.get());
    out.columns_.reserve(ncols);
    for (int c = 0; c < ncols; ++c) out.columns_.emplace_back(PQfname(result.get(), c));
    out.data_ = std::make_unique<ResultSet::Data>(ResultSet::Data{std::move(result)});
    return out;
}

void Connection::execute(const std::string& statement) {
    query(statement);
}

void Connection::execute_pipelined(const std::vector<std::string>& statements) {
    for (std::size_t begin = 0; begin < statements.size(); begin += statements_per_sync) {
        std::size_t end = std::min(statements.size(), begin + statements_per_sync);
        ++impl_->round_trips;
        if (auto failed = run_pipeline(impl_->conn.get(), statements, begin, end)) throw *failed;
    }
}

void Connection::run_script(ProgramSql script) {
    ++impl_->round_trips;
    // PQexec returns only the last statement's result, but stops at the
    // first failing statement, so an error result is always the one to report.
    PGconn* conn = impl_->conn.get();
    if (PQsendQuery(conn, script.c_str()) != 1) throw_query_error(conn, nullptr);
    ResultPtr result = collect_results(conn, impl_->watch);
    auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
        throw_query_error(impl_->conn.get(), result.get());
    }
}

std::string Connection::encrypt_password(const std::string& password, const std::string& role) {
    char* verifier = PQencryptPasswordConn(impl_->conn.get(), password.c_str(), role.c_str(), "scram-sha-256");
    if (!verifier) {
        // The message is libpq's, about the algorithm or memory; never the password.
        throw QueryError(std::string("cannot compute a SCRAM verifier: ") + PQerrorMessage(impl_->conn.get()), "", "",
                         "");
    }
    std::string out(verifier);
    PQfreemem(verifier);
    return out;
}

int Connection::server_version() const {
    return PQserverVersion(impl_->conn.get());
}

std::string Connection::database() const {
    const char* name = PQdb(impl_->conn.get());
    return name ? name : "";
}

int Connection::backend_pid() const {
    return PQbackendPID(impl_->conn.get());
}

bool Connection::broken() const {
    return PQstatus(impl_->conn.get()) == CONNECTION_BAD;
}

void Connection::watch_slow_statements(std::optional<SlowStatementWatch> watch) {
    impl_->watch = std::move(watch);
}

std::size_t Connection::round_trips() const {
    return impl_->round_trips;
}

const std::string& Connection::display_name() const {
    return impl_->display;
}

}  // namespace reconcile::catalog
