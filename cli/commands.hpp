#pragma once
// `reconcile` subcommands. Exit codes follow what review tooling expects:
// 0 nothing to do / no drift, 2 changes or drift found, 1 error.
#include <string>
#include <vector>

namespace reconcile::cli {

// interrupted: SIGINT/SIGTERM, as shells report a command killed by SIGINT.
enum class ExitCode : int { clean = 0, error = 1, changes = 2, interrupted = 130 };

// Parses argv, runs the subcommand, turns every error into a message on
// stderr and an exit code (for main to return).
int run(int argc, char** argv);

// drift --all-envs: one environment of the project file.
struct FleetTarget {
    std::string name;
    std::string conninfo;
    std::string error;  // why it cannot be checked (its variable is unset); conninfo empty then
};

struct CommonOptions {
    std::string database;      // -d; falls back to DATABASE_URL, then libpq's PG* variables
    std::string dev_database;  // --dev-database: canonicalize there instead
    std::string manifests;     // -m; else "manifests" of the project file
    std::string config;        // --config: the project file (default ./reconcile.json when present)
    std::string environment;   // --env: an environment of the project file
    std::string format = "text";
    std::string output;  // -o; stdout when empty
    bool prune = false;
    bool allow_destructive = false;
    bool online = false;  // --online: index builds and drops CONCURRENTLY
    bool yes = false;
    bool verbose = false;  // list every object not managed, not a summary line
    std::string lock_timeout = "2s";
    int lock_attempts = 5;
    bool quiet = false;            // no report on stdout (the exit code tells); errors and warnings still on stderr
    bool prompt_password = false;  // -W: ask on the terminal before connecting
    bool never_prompt = false;     // -w: never ask, even when the server wants a password
    bool color = false;            // colour the text report: stdout is a terminal and NO_COLOR is not set
    std::string statement_timeout = "30min";
    std::string wait_for_apply = "0";  // how long to wait for another apply
    std::string pooler;                // apply --pooler: session, transaction, or empty (refuse one)
    std::string allow_hazards;         // apply --allow-hazards: codes, comma-separated, or "all"
    std::string saved_plan;            // apply --plan: a plan saved by plan -o plan.json
    std::vector<std::string> schemas;  // export --schema
    std::vector<FleetTarget> fleet;    // drift --all-envs, by name
    bool all_environments = false;     // --all-envs
    int jobs = 4;                      // --jobs: environments checked at once
};

ExitCode cmd_export(const CommonOptions& options);
ExitCode cmd_validate(const CommonOptions& options);
ExitCode cmd_plan(const CommonOptions& options);
ExitCode cmd_apply(const CommonOptions& options);
ExitCode cmd_drift(const CommonOptions& options);

}  // namespace reconcile::cli
