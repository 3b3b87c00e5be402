#include "cli/commands.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <thread>

#include "catalog/introspect/introspector.hpp"
#include "catalog/model/printable.hpp"
#include "catalog/pg/connection.hpp"
#include "cli/saved_plan.hpp"
#include "desired-state/manifests.hpp"
#include "desired-state/server_checks.hpp"
#include "engine/apply/duration.hpp"
#include "engine/apply/executor.hpp"
#include "engine/canonicalize/canonicalizer.hpp"
#include "engine/pipeline/guards_check.hpp"
#include "engine/pipeline/pipeline.hpp"
#include "engine/pipeline/server_facts.hpp"
#include "engine/render/report.hpp"

namespace reconcile::cli {

namespace {

// For what a single-shot command holds at its end (the two models, the
// manifests' sources): the process exits right after, and the operating
// system takes the memory back at once, where freeing 100,000 columns one
// allocation at a time took a tenth of a no-change plan's client CPU at
// 10,000 tables. Connections are not kept: they are closed properly so the
// server logs no lost client.
template <class T>
void keep_until_exit(T&& value) {
    static std::vector<T*> kept;  // reachable, so leak checkers do not count it as lost
    kept.push_back(new T(std::forward<T>(value)));
}

std::string connection_string(const std::string& given) {
    if (!given.empty()) return given;
    if (const char* url = std::getenv("DATABASE_URL")) return url;
    return "";  // libpq's PG* variables and service files
}

void write_output(const CommonOptions& options, const std::string& text) {
    if (options.output.empty()) {
        if (!options.quiet) std::cout << text << std::flush;
        return;
    }
    std::ofstream file(options.output, std::ios::binary | std::ios::trunc);
    file << text;
    if (!file) throw std::runtime_error("cannot write " + options.output);
}

// The target connection, plus a separate one for canonicalization when
// --dev-database is given.
struct Connections {
    catalog::Connection target;
    std::optional<catalog::Connection> dev;
    catalog::Connection& scratch() { return dev ? *dev : target; }
};

Connections connect(const CommonOptions& options) {
    Connections c{catalog::Connection::open(connection_string(options.database)), std::nullopt};
    if (!options.dev_database.empty()) c.dev = catalog::Connection::open(options.dev_database);
    return c;
}

// Loads the manifests and warns about entries of the directory that were
// not read. --prune refuses when there are any: the tables such an entry
// holds would be dropped.
// A table's "allow_hazards" must name hazards the engine knows, and never
// DELETES_DATA: the manifests cannot waive --allow-destructive. Checked
// here, where both the manifests and the codes are known.
void check_hazard_allowances(const desired_state::Manifests& manifests) {
    std::vector<desired_state::Diagnostic> problems;
    for (const auto& table : manifests.model.tables) {
        auto where = manifests.where(catalog::table_id(table.name));
        for (std::size_t i = 0; i < table.allowed_hazards.size(); ++i) {
            const auto& code = table.allowed_hazards[i];
            // The table's own location points at its "table" key; the
            // list is a key of the file's top-level object.
            desired_state::SourceLocation at{where.file, "/allow_hazards/" + std::to_string(i)};
            auto hazard = engine::hazard_from_code(code);
            if (!hazard) {
                std::vector<std::string> known;
                for (auto each : engine::all_hazards) {
                    if (each != engine::Hazard::deletes_data) known.push_back(engine::hazard_code(each));
                }
                problems.push_back(
                    {at, fmt::format("unknown hazard code \"{}\" (known: {})", code, fmt::join(known, ", ")), ""});
            } else if (*hazard == engine::Hazard::deletes_data) {
                problems.push_back({at,
                                    "DELETES_DATA cannot be allowed in a manifest: a step that deletes data runs "
                                    "only with --allow-destructive and --allow-hazards DELETES_DATA",
                                    ""});
            }
        }
    }
    if (!problems.empty()) throw desired_state::ManifestError(std::move(problems));
}

desired_state::Manifests load_manifests(const CommonOptions& options) {
    auto manifests = desired_state::load_manifests(options.manifests);
    check_hazard_allowances(manifests);
    if (options.prune) desired_state::require_complete(manifests);  // lists them as errors
    for (const auto& skipped : manifests.skipped) std::cerr << "reconcile: warning: " << skipped.to_string() << "\n";
    return manifests;
}

// What plan, drift and apply read before planning: the manifests and, at the
// same time on another thread, the live database. The catalog reads are
// mostly server time and loading manifests is client time, so together they
// take little longer than the slower of the two. The schemas to read come
// from a quick look at the schema files; if the full load disagrees, the
// pipeline reads again. Problems in the manifests are reported before any
// from the database, as if the manifests had been read first.
struct Inputs {
    desired_state::Manifests manifests;
    // On the heap: the apply lock refers to the target connection.
    std::unique_ptr<Connections> connections;
    std::unique_ptr<engine::ApplyLock> lock;
    engine::LiveState live;
};

// lock_with: for apply, take the apply lock before reading the database, so
// the plan executed is the plan computed from what the database holds while
// the lock is held.
Inputs read_inputs(const CommonOptions& options, const engine::ApplyOptions* lock_with = nullptr) {
    auto schemas = desired_state::claimed_schemas(options.manifests);
    auto database = std::async(std::launch::async, [&options, lock_with, schemas = std::move(schemas)]() mutable {
        Inputs read;
        read.connections = std::make_unique<Connections>(connect(options));
        if (lock_with) read.lock = std::make_unique<engine::ApplyLock>(read.connections->target, *lock_with);
        read.live = engine::read_live(read.connections->target, std::move(schemas));
        return read;
    });
    desired_state::Manifests manifests;
    try {
        manifests = load_manifests(options);
    } catch (...) {
        database.wait();  // whatever the database said comes second
        throw;
    }
    Inputs inputs = database.get();
    inputs.manifests = std::move(manifests);
    return inputs;
}

// Plans the manifests against the target: first the checks that need
// facts only the servers have (they point at files and pointers), then the
// engine, which knows nothing of files; a definition the server rejects
// comes back as an ObjectId and is reported at its file and pointer.
// live: the target as read already, or nullopt to read it now. The
// manifests' model moves into the plan; their sources stay for the caller.
engine::PlanResult plan_manifests(desired_state::Manifests&& manifests, std::optional<engine::LiveState> live,
                                  Connections& connections, const engine::PlanRequest& request) {
    std::vector<catalog::QualifiedName> external;
    for (const auto& [table, columns] : desired_state::external_references(manifests.model)) external.push_back(table);
    desired_state::check_against_servers(
        manifests, engine::gather_server_facts(external, connections.target, connections.scratch()));
    auto want = std::move(manifests.model);
    try {
        if (live) {
            return engine::plan_database(std::move(want), std::move(*live), connections.target, connections.scratch(),
                                         request);
        }
        return engine::plan_database(std::move(want), connections.target, connections.scratch(), request);
    } catch (const engine::CanonicalizeError& error) {
        if (!error.object) throw;
        throw desired_state::ManifestError({{manifests.where(*error.object), error.what(), ""}});
    }
}

engine::PlanRequest plan_request(const CommonOptions& options) {
    engine::PlanRequest request;
    request.diff.prune = options.prune ? engine::Prune::yes : engine::Prune::no;
    request.plan.allow_destructive =
        options.allow_destructive ? engine::AllowDestructive::yes : engine::AllowDestructive::no;
    request.plan.online = options.online ? engine::Online::yes : engine::Online::no;
    return request;
}

// Colour only for people: never into a file (-o), a pipe or a CI log.
engine::Color text_color(const CommonOptions& options) {
    return options.color && options.output.empty() ? engine::Color::on : engine::Color::off;
}

engine::Unmanaged unmanaged_listing(const CommonOptions& options) {
    return options.verbose ? engine::Unmanaged::list : engine::Unmanaged::summary;
}

using Sources = std::map<catalog::ObjectId, desired_state::SourceLocation>;

// The manifest behind each step: where its object is declared, else (a
// comment, a key written inside its table's file) where its table is.
engine::StepSources step_sources(const engine::Plan& plan, const Sources& sources) {
    engine::StepSources out;
    for (const auto& step : plan.steps) {
        auto object = engine::object_of(step.change);
        auto found = sources.find(object);
        if (found == sources.end() && !object.member.empty())
            found = sources.find(catalog::table_id(object.qualified()));
        if (found == sources.end()) {
            out.push_back({});
        } else {
            out.push_back({found->second.file, found->second.pointer});
        }
    }
    return out;
}

// Only the JSON and Markdown reports name manifests; the others need no
// copy of the sources (which the plan consumes with the manifests).
Sources sources_for_report(const desired_state::Manifests& manifests, const CommonOptions& options) {
    if (options.format == "json" || options.format == "markdown") return manifests.sources;
    return {};
}

std::string format_plan(const engine::Plan& plan, const CommonOptions& options, const Sources& sources) {
    const std::string& format = options.format;
    if (format == "sql") return engine::format_plan_sql(plan);
    if (format == "json") return engine::format_plan_json(plan, step_sources(plan, sources));
    if (format == "markdown") return engine::format_plan_markdown(plan, step_sources(plan, sources));
    return engine::format_plan_text(plan, unmanaged_listing(options), text_color(options));
}

std::string format_drift(const engine::Plan& plan, const CommonOptions& options, const Sources& sources) {
    if (options.format == "json") return engine::format_drift_json(plan);
    if (options.format == "markdown") return engine::format_drift_markdown(plan, step_sources(plan, sources));
    return engine::format_drift_text(plan, unmanaged_listing(options), text_color(options));
}

std::chrono::milliseconds duration_option(const std::string& name, const std::string& value) {
    auto parsed = engine::parse_duration(value);
    if (!parsed) {
        throw std::runtime_error(fmt::format("--{} must be a duration such as 500ms, 2s or 5min, not \"{}\"", name,
                                             catalog::printable(value)));
    }
    return *parsed;
}

engine::ApplyOptions apply_options_of(const CommonOptions& options) {
    engine::ApplyOptions out;
    out.lock_timeout = duration_option("lock-timeout", options.lock_timeout);
    out.statement_timeout = duration_option("statement-timeout", options.statement_timeout);
    out.apply_lock_wait = duration_option("wait-for-apply", options.wait_for_apply);
    // PostgreSQL reads a zero timeout as "wait forever", the opposite of
    // what a short one is for.
    if (out.lock_timeout.count() == 0) throw std::runtime_error("--lock-timeout must be more than 0");
    if (options.lock_attempts < 1) throw std::runtime_error("--lock-attempts must be at least 1");
    out.lock_attempts = options.lock_attempts;
    if (options.pooler == "session") {
        out.pooler = engine::PoolerMode::session;
    } else if (options.pooler == "transaction") {
        out.pooler = engine::PoolerMode::transaction;
    } else if (!options.pooler.empty()) {
        throw std::runtime_error(
            fmt::format("--pooler must be session or transaction, not \"{}\"", catalog::printable(options.pooler)));
    }
    out.report = [](const std::string& line) { std::cerr << "reconcile: " << line << "\n" << std::flush; };
    return out;
}

std::vector<engine::Hazard> allowed_hazards(const std::string& list) {
    std::vector<engine::Hazard> out;
    std::size_t start = 0;
    while (start <= list.size() && !list.empty()) {
        std::size_t end = std::min(list.find(',', start), list.size());
        std::string code = list.substr(start, end - start);
        code.erase(0, code.find_first_not_of(' '));
        code.erase(code.find_last_not_of(' ') + 1);
        if (code == "all") {
            out.assign(std::begin(engine::all_hazards), std::end(engine::all_hazards));
        } else if (auto hazard = engine::hazard_from_code(code)) {
            out.push_back(*hazard);
        } else if (!code.empty()) {
            std::string codes;
            for (auto known : engine::all_hazards) codes += (codes.empty() ? "" : ", ") + engine::hazard_code(known);
            throw std::runtime_error(fmt::format("--allow-hazards: unknown hazard code \"{}\" (known: {}, or all)",
                                                 catalog::printable(code), codes));
        }
        start = end + 1;
    }
    return out;
}

// apply runs a plan only when every hazard it carries was allowed by name.
void require_allowed_hazards(const engine::Plan& plan, const std::string& list) {
    auto missing = engine::unallowed_hazards(plan, allowed_hazards(list));
    if (missing.empty()) return;
    std::string lines, codes;
    for (const auto& hazard : missing) {
        std::string steps;
        for (auto step : hazard.steps) steps += (steps.empty() ? "" : ", ") + std::to_string(step);
        lines += fmt::format("\n  {} (step{} {}): {}", engine::hazard_code(hazard.hazard),
                             hazard.steps.size() == 1 ? "" : "s", steps, engine::hazard_reason(hazard.hazard));
        codes += (codes.empty() ? "" : ",") + engine::hazard_code(hazard.hazard);
    }
    throw std::runtime_error(fmt::format(
        "apply refuses this plan: it carries hazards not allowed:{}\nReview the steps above; to run them, pass "
        "--allow-hazards {}. Nothing was changed.",
        lines, codes));
}

// A step whose guard counts rows in its way would fail (or lose data):
// plan says so and exits 1; apply refuses before anything runs.
void require_guards_hold(const engine::Plan& plan, const std::string& who) {
    auto failing = engine::failing_guards(plan);
    if (failing.empty()) return;
    std::string lines;
    for (const auto& line : failing) lines += "\n  " + line;
    throw std::runtime_error(
        fmt::format("{}: existing rows stand in the way of {} step{}:{}\nFix the data (or the "
                    "manifests) first. Nothing was changed.",
                    who, failing.size(), failing.size() == 1 ? "" : "s", lines));
}

bool confirm(const engine::Plan& plan, const catalog::Connection& target) {
    if (!isatty(STDIN_FILENO)) return false;
    std::cerr << fmt::format("Apply {} step{} to {}? [y/N] ", plan.steps.size(), plan.steps.size() == 1 ? "" : "s",
                             target.display_name());
    std::string answer;
    std::getline(std::cin, answer);
    return answer == "y" || answer == "Y" || answer == "yes";
}

}  // namespace

ExitCode cmd_validate(const CommonOptions& options) {
    auto manifests = load_manifests(options);
    const auto& model = manifests.model;
    if (options.quiet) return ExitCode::clean;
    std::cout << fmt::format("{}: valid ({} schemas, {} enums, {} tables, {} views, {} functions, {} aggregates)\n",
                             catalog::printable(options.manifests), model.schemas.size(), model.enums.size(),
                             model.tables.size(), model.views.size(), model.functions.size(), model.aggregates.size());
    return ExitCode::clean;
}

ExitCode cmd_export(const CommonOptions& options) {
    auto target = catalog::Connection::open(connection_string(options.database));
    auto schemas = options.schemas.empty() ? catalog::list_user_schemas(target) : options.schemas;
    auto model = catalog::introspect(target, schemas);
    for (const auto& schema : options.schemas) {
        if (!model.find_schema(schema)) throw std::runtime_error("schema \"" + schema + "\" does not exist");
    }
    auto written = desired_state::write_manifests(model, options.output);
    if (options.quiet) return ExitCode::clean;
    auto output = catalog::printable(options.output);
    std::cerr << fmt::format(
        "exported {} schemas, {} enums, {} tables, {} views, {} functions, {} aggregates to {} ({} files written, {} "
        "removed)\n",
        model.schemas.size(), model.enums.size(), model.tables.size(), model.views.size(), model.functions.size(),
        model.aggregates.size(), output, written.written.size(), written.removed.size());
    for (const auto& removed : written.removed) {
        std::cerr << "  removed " << catalog::printable((std::filesystem::path(options.output) / removed).string())
                  << " (no longer in the database)\n";
    }
    if (model.unmanaged.empty()) return ExitCode::clean;
    if (!options.verbose) {
        std::map<std::string, std::size_t> by_kind;
        for (const auto& object : model.unmanaged) ++by_kind[object.what];
        std::string counts;
        for (const auto& [what, n] : by_kind) counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", what, n);
        std::cerr << fmt::format(
            "not exported: {} objects of kinds reconcile does not manage yet ({}; --verbose "
            "lists them)\n",
            model.unmanaged.size(), catalog::printable(counts));
        return ExitCode::clean;
    }
    std::cerr << fmt::format("not exported ({} objects of kinds reconcile does not manage yet):\n",
                             model.unmanaged.size());
    for (const auto& object : model.unmanaged) {
        std::cerr << "  " << catalog::printable(object.what) << " " << catalog::printable(object.identity()) << "\n";
    }
    return ExitCode::clean;
}

ExitCode cmd_plan(const CommonOptions& options) {
    auto in = read_inputs(options);
    auto& connections = *in.connections;
    auto sources = sources_for_report(in.manifests, options);
    auto result = plan_manifests(std::move(in.manifests), std::move(in.live), connections, plan_request(options));
    auto report = format_plan(result.plan, options, sources);
    // Written to a file, a JSON plan is a saved plan for apply --plan.
    if (options.format == "json" && !options.output.empty()) {
        report = with_saved_section(report, result.plan, result.have, options.manifests);
    }
    write_output(options, report);
    require_guards_hold(result.plan, "plan");
    const auto code = result.plan.has_changes() ? ExitCode::changes : ExitCode::clean;
    keep_until_exit(std::move(result));
    keep_until_exit(std::move(in.manifests));
    keep_until_exit(std::move(sources));
    return code;
}

// Every environment of the project file, --jobs at a time (each uses up to
// two connections to its own server: the catalog is read on two sessions).
// The manifests are loaded and validated once. An environment that cannot
// be checked is reported as such and the others still are.
ExitCode drift_fleet(const CommonOptions& options) {
    auto started = std::chrono::steady_clock::now();
    const auto manifests = load_manifests(options);
    auto request = plan_request(options);
    request.feasibility = engine::Feasibility::skip;
    std::vector<engine::EnvironmentDrift> results(options.fleet.size());
    std::atomic<std::size_t> next{0};
    auto check_next = [&] {
        for (std::size_t i = next++; i < options.fleet.size(); i = next++) {
            const auto& target = options.fleet[i];
            auto& result = results[i];
            result.name = target.name;
            if (!target.error.empty()) {
                result.error = target.error;
                continue;
            }
            try {
                auto one = options;
                one.database = target.conninfo;
                auto connections = connect(one);
                result.plan =
                    plan_manifests(desired_state::Manifests(manifests), std::nullopt, connections, request).plan;
            } catch (const std::exception& error) {
                result.error = catalog::mask_passwords_in_text(catalog::scrub_password(error.what(), target.conninfo));
            }
        }
    };
    std::vector<std::thread> workers;
    auto count = std::min<std::size_t>(std::max(options.jobs, 1), options.fleet.size());
    for (std::size_t j = 0; j < count; ++j) workers.emplace_back(check_next);
    for (auto& worker : workers) worker.join();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    if (options.format == "json") {
        write_output(options, engine::format_fleet_drift_json(results, seconds));
    } else if (options.format == "markdown") {
        write_output(options, engine::format_fleet_drift_markdown(results, seconds));
    } else {
        write_output(options, engine::format_fleet_drift_text(results, seconds));
    }
    bool unreachable = false, drifted = false;
    for (const auto& result : results) {
        if (!result.plan) {
            unreachable = true;
        } else if (result.plan->has_changes() || !result.plan->not_in_manifests.empty()) {
            drifted = true;
        }
    }
    return unreachable ? ExitCode::error : drifted ? ExitCode::changes : ExitCode::clean;
}

ExitCode cmd_drift(const CommonOptions& options) {
    if (options.all_environments) return drift_fleet(options);
    auto in = read_inputs(options);
    auto& connections = *in.connections;
    auto request = plan_request(options);
    request.feasibility = engine::Feasibility::skip;
    auto sources = sources_for_report(in.manifests, options);
    auto result = plan_manifests(std::move(in.manifests), std::move(in.live), connections, request);
    const auto& plan = result.plan;
    write_output(options, format_drift(plan, options, sources));
    const auto code = plan.has_changes() || !plan.not_in_manifests.empty() ? ExitCode::changes : ExitCode::clean;
    keep_until_exit(std::move(result));
    keep_until_exit(std::move(in.manifests));
    keep_until_exit(std::move(sources));
    return code;
}

ExitCode cmd_apply(const CommonOptions& options) {
    auto apply_options = apply_options_of(options);
    auto in = read_inputs(options, &apply_options);
    auto& connections = *in.connections;
    const auto& manifests = in.manifests;

    auto request = plan_request(options);
    auto result = plan_manifests(desired_state::Manifests(manifests), std::move(in.live), connections, request);
    if (!options.saved_plan.empty()) {
        result.plan = saved_steps(options.saved_plan, result.plan, result.have, options.manifests);
    }
    const auto& plan = result.plan;
    if (!plan.has_changes()) {
        if (!options.quiet) std::cout << "No changes.\n";
        return ExitCode::clean;
    }
    if (!options.quiet) std::cout << engine::format_plan_text(plan, unmanaged_listing(options), text_color(options));
    std::cout << std::flush;
    if (plan.has_refused_steps()) {
        throw std::runtime_error(
            "apply refuses this plan: some steps can lose data (marked REFUSED above); review them and pass "
            "--allow-destructive to allow them. Nothing was changed.");
    }
    require_guards_hold(plan, "apply refuses this plan");
    require_allowed_hazards(plan, options.allow_hazards);
    if (!options.yes && !confirm(plan, connections.target)) {
        throw std::runtime_error(isatty(STDIN_FILENO) ? "not confirmed; nothing was changed"
                                                      : "refusing to apply without a terminal to confirm on; pass "
                                                        "--yes. Nothing was changed.");
    }
    for (const auto& schema : manifests.model.schemas) apply_options.search_path.push_back(schema.name);
    engine::execute_plan(plan, connections.target, apply_options);
    if (!options.quiet) {
        std::cout << fmt::format("Applied {} step{}.\n", plan.steps.size(), plan.steps.size() == 1 ? "" : "s");
    }

    // Converged means a fresh plan is empty; anything else is a bug worth
    // reporting loudly rather than a success.
    auto again = plan_manifests(std::move(in.manifests), std::nullopt, connections, request);
    if (!options.saved_plan.empty() && again.plan.has_changes()) {
        // Drift elsewhere that the saved plan did not cover is still there.
        if (!options.quiet) {
            std::cout << fmt::format(
                "{} step{} for changes made since the plan was saved not run; plan again to "
                "see them.\n",
                again.plan.steps.size(), again.plan.steps.size() == 1 ? "" : "s");
        }
        return ExitCode::clean;
    }
    if (again.plan.has_changes()) {
        std::cout << engine::format_plan_text(again.plan, unmanaged_listing(options));
        throw std::runtime_error("apply finished but a new plan is not empty (shown above); please report this");
    }
    return ExitCode::clean;
}

}  // namespace reconcile::cli
