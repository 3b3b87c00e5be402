#include "catalog/introspect/fetcher.hpp"

#include <stdexcept>

namespace reconcile::catalog::introspect_detail {

Fetcher::Fetcher(std::span<const Reader> readers, const std::vector<Connection*>& sessions,
                 const std::vector<std::string>& schemas, std::string scope, int server_version)
    : readers_(readers),
      sessions_(sessions.size()),
      schemas_(text_array_literal(schemas)),
      scope_(std::move(scope)),
      server_version_(server_version) {
    if (sessions_ < 1 || sessions_ > 2) throw std::logic_error("the catalog is read with one or two sessions");
    for (std::size_t r = 0; r < readers.size(); ++r) {
        for (std::size_t part = 0; part < parts(r); ++part) jobs_.push_back(Job{r, part, {}, {}});
    }
    // Each session sends its queries in build order, so that the caller's
    // first waits are short and it builds while the rest is being read.
    std::vector<std::vector<Job*>> queues(sessions_);
    for (auto& job : jobs_) {
        job.result = job.promise.get_future();
        const Reader& reader = readers[job.reader];
        std::size_t session = reader.per_table ? job.part : (sessions_ == 1 ? 0 : reader.session);
        queues[session].push_back(&job);
    }
    for (std::size_t s = 0; s < sessions_; ++s) {
        workers_.emplace_back([this, &session = *sessions[s], queue = std::move(queues[s])] { work(session, queue); });
    }
}

Fetcher::~Fetcher() {
    for (auto& worker : workers_) worker.join();
}

std::size_t Fetcher::parts(std::size_t reader) const {
    return readers_[reader].per_table ? sessions_ : 1;
}

Fetcher::Job& Fetcher::job(std::size_t reader, std::size_t part) {
    for (auto& job : jobs_) {
        if (job.reader == reader && job.part == part) return job;
    }
    throw std::logic_error("no such catalog query");
}

ResultSet Fetcher::take(std::size_t reader, std::size_t part) {
    try {
        return job(reader, part).result.get();
    } catch (...) {
        std::lock_guard lock(mutex_);
        if (first_error_) std::rethrow_exception(first_error_);
        throw;
    }
}

void Fetcher::work(Connection& session, const std::vector<Job*>& jobs) {
    for (Job* job : jobs) {
        const Reader& reader = readers_[job->reader];
        try {
            std::vector<Value> params{schemas_};
            if (reader.per_table) {
                // oid mod 3 in [0, 0] and [1, 2]; one session: mod 1 in [0, 0].
                const bool two = sessions_ == 2;
                params.emplace_back(two ? "3" : "1");
                params.emplace_back(two && job->part == 1 ? "1" : "0");
                params.emplace_back(two && job->part == 1 ? "2" : "0");
            }
            job->promise.set_value(session.query(reader.sql(server_version_), params));
        } catch (...) {
            std::exception_ptr error = std::current_exception();
            try {
                throw;
            } catch (const QueryError& query_error) {
                error = std::make_exception_ptr(
                    in_context(query_error, std::string("reading ") + reader.what + " of " + scope_));
            } catch (...) {
            }
            {
                std::lock_guard lock(mutex_);
                if (!first_error_) first_error_ = error;
            }
            job->promise.set_exception(error);
        }
    }
}

}  // namespace reconcile::catalog::introspect_detail
