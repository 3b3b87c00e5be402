#include <fcntl.h>
#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model/printable.hpp"
#include "catalog/pg/connection.hpp"
#include "catalog/pg/interrupt.hpp"
#include "cli/commands.hpp"
#include "cli/signals.hpp"
#include "desired-state/manifests.hpp"
#include "desired-state/project_config.hpp"
#include "engine/apply/executor.hpp"
#include "engine/canonicalize/canonicalizer.hpp"
#include "engine/plan/planner.hpp"

namespace po = boost::program_options;

namespace reconcile::cli {

namespace {

constexpr const char* usage = R"(usage: reconcile <command> [options]

commands:
  export    read a live database into a manifest directory
  validate  check a manifest directory offline (no database)
  plan      show the steps that would make the database match the manifests
  apply     carry out the plan
  drift     report every difference between the manifests and the database

exit codes: 0 nothing to do / no drift, 2 changes or drift found, 1 error
run `reconcile help <command>` for a command's options; `reconcile --version` for the build
)";

// What -o names, for the commands that take it.
enum class Output { none, file, manifest_directory };

// A subcommand and the option groups it takes; a group left out is not
// offered (and so is an error on its command line).
struct Command {
    ExitCode (*run)(const CommonOptions&);
    const char* summary;
    const char* examples;
    bool database = false;                  // -d (and --dev-database when it also reads manifests)
    bool manifests = false;                 // -m
    bool planning = false;                  // --prune, --allow-destructive
    std::vector<std::string_view> formats;  // --format's choices, the default first; none: no --format
    Output output = Output::none;
    bool apply = false;    // --yes, --lock-timeout, --statement-timeout
    bool schemas = false;  // --schema
    bool fleet = false;    // --all-envs, --jobs
};

const std::map<std::string, Command>& commands() {
    static const std::map<std::string, Command> table = {
        {"export",
         {.run = cmd_export,
          .summary = "read a live database into a manifest directory",
          .examples = "  reconcile export -d postgresql://app@db.example.com/app -o schema/\n"
                      "  reconcile export -s public -s billing -o schema/       # DATABASE_URL or PG* variables\n",
          .database = true,
          .output = Output::manifest_directory,
          .schemas = true}},
        {"validate",
         {.run = cmd_validate,
          .summary = "check a manifest directory offline",
          .examples = "  reconcile validate -m schema/\n",
          .manifests = true}},
        {"plan",
         {.run = cmd_plan,
          .summary = "show the steps that would make the database match the manifests",
          .examples = "  reconcile plan -m schema/ -d \"$DATABASE_URL\"\n"
                      "  reconcile plan -m schema/ --format markdown -o plan.md     # a pull-request comment\n"
                      "  reconcile plan -m schema/ --format sql > migrate.sql       # review or run by hand\n"
                      "  reconcile plan -m schema/ --quiet; echo $?                 # 0 nothing to do, 2 changes\n"
                      "  reconcile plan -m schema/ -o plan.json                     # a saved plan for apply --plan\n",
          .database = true,
          .manifests = true,
          .planning = true,
          .formats = {"text", "sql", "json", "markdown"},
          .output = Output::file}},
        {"apply",
         {.run = cmd_apply,
          .summary = "carry out the plan",
          .examples =
              "  reconcile apply -m schema/ -d \"$DATABASE_URL\"            # shows the plan, asks on a terminal\n"
              "  reconcile apply -m schema/ --yes --lock-timeout 5s       # in CI\n"
              "  reconcile apply -m schema/ --plan plan.json --yes        # exactly the reviewed steps\n",
          .database = true,
          .manifests = true,
          .planning = true,
          .apply = true}},
        {"drift",
         {.run = cmd_drift,
          .summary = "report differences between the manifests and the database",
          .examples =
              "  reconcile drift -m schema/ -d \"$DATABASE_URL\"\n"
              "  reconcile drift -m schema/ --format json -o drift.json    # exit 2 when drifted\n"
              "  reconcile drift --all-envs --format markdown -o drift.md  # every environment of reconcile.json\n",
          .database = true,
          .manifests = true,
          .formats = {"text", "json", "markdown"},
          .output = Output::file,
          .fleet = true}},
    };
    return table;
}

po::options_description describe_options(const Command& command, CommonOptions& o) {
    po::options_description desc("options");
    desc.add_options()("help,h", "show this help")("quiet,q", po::bool_switch(&o.quiet),
                                                   "print no report (the exit code tells); errors still go to stderr");
    if (command.database) {
        desc.add_options()("database,d", po::value(&o.database),
                           "libpq connection string or URI (default: $DATABASE_URL, then PG* variables)")(
            "password,W", po::bool_switch(&o.prompt_password),
            "ask for the password on the terminal before connecting (never echoed)")(
            "no-password,w", po::bool_switch(&o.never_prompt), "never ask for a password, even on a terminal");
    }
    if (command.manifests) {
        desc.add_options()("manifests,m", po::value(&o.manifests), "manifest directory (default: the project file's)");
    }
    if (command.manifests || command.database) {
        desc.add_options()("config", po::value(&o.config), "project file (default: ./reconcile.json when present)");
    }
    if (command.database) {
        desc.add_options()("env,e", po::value(&o.environment),
                           "environment of the project file: its database and policy (flags win)");
    }
    if (command.fleet) {
        desc.add_options()("all-envs", po::bool_switch(&o.all_environments),
                           "check every environment of the project file, in parallel, in one report")(
            "jobs,j", po::value(&o.jobs)->default_value(4),
            "--all-envs: environments checked at once (each uses up to two connections)");
    }
    if (command.database && command.manifests) {
        desc.add_options()("dev-database", po::value(&o.dev_database),
                           "canonicalize desired definitions in this database instead of the target");
    }
    if (command.planning) {
        desc.add_options()("prune", po::bool_switch(&o.prune),
                           "drop objects in claimed schemas that no manifest lists")(
            "allow-destructive", po::bool_switch(&o.allow_destructive),
            "allow steps that can lose data (drop table or column, narrowing type change)")(
            "online", po::bool_switch(&o.online),
            "build and drop indexes of existing tables CONCURRENTLY, each on its own after the transactional "
            "steps, so writes to the table go on");
    }
    if (command.database) {
        desc.add_options()("verbose,v", po::bool_switch(&o.verbose),
                           "list every object reconcile does not manage, not just their counts");
    }
    if (!command.formats.empty()) {
        std::string choices;
        for (auto format : command.formats) choices += (choices.empty() ? "" : ", ") + std::string(format);
        desc.add_options()("format", po::value(&o.format)->default_value(std::string(command.formats.front())),
                           choices.c_str());
    }
    if (command.output == Output::manifest_directory) {
        desc.add_options()("output,o", po::value(&o.output)->required(), "directory to write manifests into");
    } else if (command.output == Output::file) {
        desc.add_options()("output,o", po::value(&o.output), "write to this file, not stdout");
    }
    if (command.apply) {
        desc.add_options()("plan", po::value(&o.saved_plan),
                           "run exactly the steps of this saved plan (plan -o plan.json), after checking that "
                           "nothing it touches has changed since");
        desc.add_options()("yes", po::bool_switch(&o.yes), "apply without asking")(
            "lock-timeout", po::value(&o.lock_timeout)->default_value("2s"),
            "roll back and try again when a statement waits this long for a lock (sessions queued behind apply "
            "wait at most this long)")(
            "lock-attempts", po::value(&o.lock_attempts)->default_value(5),
            "tries per transaction before apply gives up, naming the sessions that hold the lock; between tries "
            "it waits 0.5s, 1s, 2s... (at most 8s, +-50% jitter) holding no lock")(
            "statement-timeout", po::value(&o.statement_timeout)->default_value("30min"),
            "give up (and roll back) when a statement runs this long")(
            "allow-hazards", po::value(&o.allow_hazards),
            "hazard codes the plan may carry, comma-separated (e.g. ACQUIRES_ACCESS_EXCLUSIVE_LOCK,INDEX_BUILD), "
            "or \"all\"; apply refuses a plan with any other (DELETES_DATA also needs --allow-destructive)")(
            "wait-for-apply", po::value(&o.wait_for_apply)->default_value("0"),
            "wait this long for another reconcile apply on the database to finish (default: fail at once, "
            "naming it)")(
            "pooler", po::value(&o.pooler),
            "how the connection pooler between apply and PostgreSQL works, when there is one: \"session\" (one "
            "server session per client) or \"transaction\" (apply locks each transaction and refuses steps outside "
            "one); without it, apply refuses a connection through a pooler");
    }
    if (command.schemas) {
        desc.add_options()("schema,s", po::value(&o.schemas)->composing(),
                           "schema to export (repeatable; default: every user schema)");
    }
    return desc;
}

// Every argument and DATABASE_URL: whatever of them is a connection string.
// Passwords reach messages by more ways than the connection's own errors (an
// option parser quoting a mistyped "--databse=postgresql://u:pw@h"), so each
// message is scrubbed of all of them.
std::vector<std::string> possible_conninfos(int argc, char** argv) {
    std::vector<std::string> out(argv + 1, argv + argc);
    if (const char* url = std::getenv("DATABASE_URL")) out.emplace_back(url);
    // A project file's environments name variables of their own
    // ("$STAGING_URL"): any variable that looks like a connection string.
    for (char** entry = environ; entry && *entry; ++entry) {
        std::string_view text(*entry);
        auto eq = text.find('=');
        if (eq == std::string_view::npos) continue;
        auto value = text.substr(eq + 1);
        if (value.find("postgres") != std::string_view::npos || value.find("password") != std::string_view::npos) {
            out.emplace_back(value);
        }
    }
    return out;
}

bool wants_color(int fd);

// Each conninfo's own scrub sees the message as written (pieces of its
// password are found by matching the raw text); the generic net comes last.
void print_scrubbed_error(const std::string& message, const std::vector<std::string>& conninfos) {
    std::string safe = message;
    for (const auto& conninfo : conninfos) safe = catalog::scrub_password(safe, conninfo);
    std::cerr << (wants_color(STDERR_FILENO) ? "reconcile: \x1b[1;31merror:\x1b[0m " : "reconcile: error: ")
              << catalog::printable(catalog::mask_passwords_in_text(safe), catalog::Newlines::keep) << "\n";
}

// Colour for people only: a terminal, and NO_COLOR (no-color.org) unset
// or empty, and not TERM=dumb.
bool wants_color(int fd) {
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    return isatty(fd) && !(no_color && *no_color) && !(term && std::string_view(term) == "dumb");
}

bool needs_password(const catalog::ConnectionError& error) {
    return std::string_view(error.what()).find("no password supplied") != std::string_view::npos;
}

// Reads a password from the terminal with echo off, like psql -W, and hands
// it to libpq through PGPASSWORD (read when a connection string names no
// password), so it is never part of a connection string that a message
// could quote.
void ask_password() {
    int tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (tty < 0) throw std::runtime_error("--password needs a terminal to ask on; set PGPASSWORD or use ~/.pgpass");
    termios saved{};
    bool restore = tcgetattr(tty, &saved) == 0;
    if (restore) {
        termios silent = saved;
        silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(tty, TCSANOW, &silent);
    }
    const std::string_view prompt = "Password: ";
    [[maybe_unused]] auto written = write(tty, prompt.data(), prompt.size());
    std::string password;
    char c = 0;
    while (read(tty, &c, 1) == 1 && c != '\n' && c != '\r') password += c;
    if (restore) tcsetattr(tty, TCSANOW, &saved);
    written = write(tty, "\n", 1);
    close(tty);
    setenv("PGPASSWORD", password.c_str(), 1);
    std::fill(password.begin(), password.end(), '\0');
}

// -W asks before anything connects. Without it, what psql does: a server
// that wants a password it was not given gets one asked for on the
// terminal, once, and the command runs again (nothing ran: it could not
// connect).
ExitCode run_asking_password(const Command& command, const CommonOptions& options) {
    if (options.prompt_password) ask_password();
    try {
        return command.run(options);
    } catch (const catalog::ConnectionError& error) {
        if (!needs_password(error) || options.prompt_password || options.never_prompt || !isatty(STDIN_FILENO)) {
            throw;
        }
        ask_password();
        return command.run(options);
    }
}

// The one place that turns errors into a message and an exit code.
template <class PrintError>
ExitCode run_reporting_errors(const Command& command, const CommonOptions& options, const PrintError& print_error) {
    try {
        return run_asking_password(command, options);
    } catch (const desired_state::ManifestError& error) {
        for (const auto& diagnostic : error.diagnostics) std::cerr << diagnostic.to_string() << "\n";
        print_error(fmt::format("the manifests are invalid ({} problem{}); nothing was changed",
                                error.diagnostics.size(), error.diagnostics.size() == 1 ? "" : "s"));
    } catch (const engine::ApplyError& error) {
        print_error(error.what());
        if (error.failure == engine::ApplyFailure::interrupted) return ExitCode::interrupted;
    } catch (const std::exception& error) {
        if (catalog::interrupt_requested()) {
            // Cancelled while reading, planning or waiting: nothing had run.
            print_error(std::string("interrupted; nothing was changed (") + error.what() + ")");
            return ExitCode::interrupted;
        }
        print_error(error.what());
    }
    return ExitCode::error;
}

// The project file: --config, else reconcile.json in the working
// directory when there is one.
std::optional<desired_state::ProjectConfig> project_config(const CommonOptions& options) {
    if (!options.config.empty()) return desired_state::load_project_config(options.config);
    if (std::filesystem::is_regular_file(desired_state::project_file_name)) {
        return desired_state::load_project_config(desired_state::project_file_name);
    }
    return std::nullopt;
}

// Fills what the command line left out from the project file: the
// manifests, and with --env the environment's database and policy. Flags
// win: a value given on the command line is kept; a switch given turns its
// policy on whatever the file says.
void apply_project_config(CommonOptions& options, const po::variables_map& vm) {
    auto config = project_config(options);
    if (!config) {
        if (options.all_environments) {
            throw std::runtime_error("--all-envs needs a project file (reconcile.json here, or --config FILE)");
        }
        if (!options.environment.empty()) {
            throw std::runtime_error("--env " + options.environment +
                                     " needs a project file (reconcile.json here, "
                                     "or --config FILE)");
        }
        return;
    }
    if (options.manifests.empty() && config->manifests) options.manifests = config->manifests->string();
    if (options.all_environments) {
        if (!options.environment.empty() || !options.database.empty()) {
            throw std::runtime_error("--all-envs takes every environment; it cannot be combined with --env or -d");
        }
        for (const auto& [name, environment] : config->environments) {
            FleetTarget target{.name = name};
            try {
                target.conninfo = desired_state::environment_conninfo(environment);
            } catch (const std::exception& error) {
                target.error = error.what();
            }
            options.fleet.push_back(std::move(target));
        }
        if (options.fleet.empty()) throw std::runtime_error(config->file.string() + " names no environments");
        return;
    }
    if (options.environment.empty()) return;
    auto found = config->environments.find(options.environment);
    if (found == config->environments.end()) {
        std::string names;
        for (const auto& [name, environment] : config->environments) names += (names.empty() ? "" : ", ") + name;
        throw std::runtime_error(fmt::format("no environment \"{}\" in {} (it has: {})", options.environment,
                                             config->file.string(), names.empty() ? "none" : names));
    }
    const auto& environment = found->second;
    if (options.database.empty()) options.database = desired_state::environment_conninfo(environment);
    if (environment.prune.value_or(false)) options.prune = true;
    if (environment.allow_destructive.value_or(false)) options.allow_destructive = true;
    if (environment.lock_timeout && (!vm.count("lock-timeout") || vm["lock-timeout"].defaulted())) {
        options.lock_timeout = *environment.lock_timeout;
    }
    if (environment.statement_timeout && (!vm.count("statement-timeout") || vm["statement-timeout"].defaulted())) {
        options.statement_timeout = *environment.statement_timeout;
    }
    if (environment.pooler && options.pooler.empty()) options.pooler = *environment.pooler;
}

ExitCode run_command(int argc, char** argv) {
    const auto print_error = [conninfos = possible_conninfos(argc, argv)](const std::string& message) {
        print_scrubbed_error(message, conninfos);
    };
    if (argc >= 2 && std::string(argv[1]) == "--version") {
        std::cout << "reconcile " << RECONCILE_VERSION << " (commit " << RECONCILE_COMMIT << ")\n";
        return ExitCode::clean;
    }
    // `reconcile help plan` is `reconcile plan --help`; `reconcile help` the usage.
    if (argc >= 2 && std::string(argv[1]) == "help") {
        if (argc == 2) {
            std::cout << usage;
            return ExitCode::clean;
        }
        std::vector<char*> args = {argv[0], argv[2], const_cast<char*>("--help")};
        if (argc > 3) {
            print_error(fmt::format("help takes one command, not {}", argc - 2));
            return ExitCode::error;
        }
        return run_command(static_cast<int>(args.size()), args.data());
    }
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
        (argc < 2 ? std::cerr : std::cout) << usage;
        return argc < 2 ? ExitCode::error : ExitCode::clean;
    }
    auto found = commands().find(argv[1]);
    if (found == commands().end()) {
        print_error(fmt::format("unknown command \"{}\"", argv[1]));
        std::cerr << usage;
        return ExitCode::error;
    }
    const Command& command = found->second;
    CommonOptions options;
    auto desc = describe_options(command, options);
    po::variables_map vm;
    try {
        // No positional arguments at all: a stray word (a path missing its
        // -m) must be an error, not silently ignored.
        po::store(po::command_line_parser(argc - 1, argv + 1).options(desc).positional({}).run(), vm);
        if (vm.count("help")) {
            std::cout << "usage: reconcile " << found->first << " [options]\n"
                      << command.summary << "\n\n"
                      << desc << "\nexamples:\n"
                      << command.examples;
            return ExitCode::clean;
        }
        po::notify(vm);
    } catch (const po::error& error) {
        print_error(fmt::format("{}: {}", found->first, error.what()));
        std::cerr << desc;
        return ExitCode::error;
    }
    // plan -o plan.json: a saved plan, which is the JSON format.
    if (vm.count("format") && vm["format"].defaulted() && options.output.ends_with(".json") &&
        std::find(command.formats.begin(), command.formats.end(), "json") != command.formats.end()) {
        options.format = "json";
    }
    if (!command.formats.empty() &&
        std::find(command.formats.begin(), command.formats.end(), options.format) == command.formats.end()) {
        std::string allowed;
        for (std::size_t i = 0; i < command.formats.size(); ++i) {
            allowed += i == 0 ? "" : (i + 1 == command.formats.size() ? " or " : ", ");
            allowed += command.formats[i];
        }
        print_error(fmt::format("{}: --format must be {}, not \"{}\"", found->first, allowed, options.format));
        return ExitCode::error;
    }

    if (options.quiet && options.verbose) {
        print_error(fmt::format("{}: --quiet and --verbose contradict each other", found->first));
        return ExitCode::error;
    }
    options.color = wants_color(STDOUT_FILENO);
    try {
        apply_project_config(options, vm);
    } catch (const desired_state::ManifestError& error) {
        for (const auto& diagnostic : error.diagnostics) std::cerr << diagnostic.to_string() << "\n";
        print_error("the project file is invalid; nothing was done");
        return ExitCode::error;
    } catch (const std::exception& error) {
        print_error(error.what());
        return ExitCode::error;
    }
    if (command.manifests && options.manifests.empty()) {
        print_error(found->first + ": no manifests: pass -m DIR, or name them in reconcile.json (\"manifests\")");
        return ExitCode::error;
    }
    install_interrupt_handlers();
    return run_reporting_errors(command, options, print_error);
}

}  // namespace

int run(int argc, char** argv) {
    return static_cast<int>(run_command(argc, argv));
}

}  // namespace reconcile::cli
