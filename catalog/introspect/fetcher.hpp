#pragma once
// Private to catalog/introspect: runs the readers' queries (readers.hpp) on
// background threads, one per session, while the caller builds the model
// from the results in build order. Server time dominates the catalog reads
// of a big schema, so a second session (on its own server core) in the same
// snapshot nearly halves them.
#include <future>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

struct Reader {
    // What it reads, for messages: "constraints" in "reading constraints of
    // schemas public, app: ...".
    const char* what;
    std::string (*sql)(int server_version);
    void (*build)(const ResultSet& result, ReadContext& ctx, Model& model);
    // Split between the sessions by table oid (see table_share; the query
    // takes $2, $3 and $4). Deparsing a check or an index expression makes
    // the server build a relcache entry for the table, in each session that
    // does: split by table, each session builds only its share. (The
    // columns are not split: their cost is scanning whole catalogs, which
    // each share would repeat.)
    bool per_table = false;
    // The session an unsplit reader runs on when there are two, to balance
    // their server time.
    std::size_t session = 0;
};

class Fetcher {
public:
    // scope says what the schemas are in messages ("schemas public, app").
    // REQUIRES: one or two sessions, each in a transaction with the same
    // snapshot and settings.
    Fetcher(std::span<const Reader> readers, const std::vector<Connection*>& sessions,
            const std::vector<std::string>& schemas, std::string scope, int server_version);
    Fetcher(const Fetcher&) = delete;
    Fetcher& operator=(const Fetcher&) = delete;
    // Waits for the sessions to go idle: the caller ends their transactions.
    ~Fetcher();

    // How many results reader has: the session count if it is per_table.
    // With two sessions, the first (which also reads the columns) gets a
    // third of each per_table reader's tables and the second two thirds:
    // about equal server time on the benchmark schemas.
    std::size_t parts(std::size_t reader) const;
    // Waits for one result; each can be taken once. Every query gets a
    // result or an error, so this never waits forever; on any error it
    // throws the first one raised (not a later "transaction is aborted"),
    // a QueryError that says which reader failed on which schemas.
    ResultSet take(std::size_t reader, std::size_t part);

private:
    struct Job {
        std::size_t reader;
        std::size_t part;
        std::promise<ResultSet> promise;
        std::future<ResultSet> result;
    };
    Job& job(std::size_t reader, std::size_t part);
    void work(Connection& session, const std::vector<Job*>& jobs);

    std::span<const Reader> readers_;
    std::size_t sessions_;
    Value schemas_;      // the $1 of every query
    std::string scope_;  // "schemas public, app", for messages
    int server_version_;
    std::vector<Job> jobs_;
    std::mutex mutex_;
    std::exception_ptr first_error_;
    std::vector<std::thread> workers_;
};

}  // namespace reconcile::catalog::introspect_detail
