#include "engine/pipeline/guards_check.hpp"

#include <fmt/format.h>

#include "catalog/model/printable.hpp"
#include "engine/apply/duration.hpp"
#include "engine/render/render.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine {

namespace {

constexpr std::string_view query_canceled = "57014";

void rollback_quietly(catalog::Connection& target) {
    try {
        target.execute("ROLLBACK");
    } catch (const catalog::QueryError&) {
    }
}

void answer(Guard& guard, catalog::Connection& target, std::chrono::milliseconds timeout) {
    target.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
        target.execute("SET LOCAL statement_timeout = " + sql::literal(format_duration(timeout)));
        auto rows = target.query(guard.count_sql);
        guard.count = std::stoll(std::string(rows.row(0)[0].value_or("0")));
        if (*guard.count > 0 && !guard.examples_sql.empty()) {
            for (auto row : target.query(guard.examples_sql)) guard.examples.emplace_back(row[0].value_or("NULL"));
        }
    } catch (const catalog::QueryError& error) {
        if (target.broken()) throw;
        guard.count.reset();
        guard.examples.clear();
        guard.not_checked = error.sqlstate == query_canceled
                                ? fmt::format("not counted: took longer than {}; apply counts again before the step",
                                              format_duration(timeout))
                                : fmt::format("not counted now ({}); apply counts before the step", error.what());
    }
    rollback_quietly(target);
}

}  // namespace

void answer_guards(Plan& plan, catalog::Connection& target, std::chrono::milliseconds timeout) {
    for (auto& step : plan.steps) {
        for (auto& guard : step.guards) answer(guard, target, timeout);
    }
}

std::vector<std::string> failing_guards(const Plan& plan) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        for (const auto& guard : plan.steps[i].guards) {
            if (guard.fails()) {
                out.push_back(fmt::format("step {} ({}): {}", i + 1, plan.steps[i].description, describe_guard(guard)));
            }
        }
    }
    return out;
}

}  // namespace reconcile::engine
