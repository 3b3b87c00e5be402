#pragma once
// The project file, reconcile.json: where the manifests are, the
// environments reconcile works on and each one's policy, so that CI jobs
// and people run `reconcile plan --env staging` instead of repeating
// options. Format: docs/project.md; JSON Schema: docs/project.schema.json.
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace reconcile::desired_state {

inline constexpr const char* project_file_name = "reconcile.json";

struct Environment {
    std::string name;
    // As written: "$VARIABLE" (the connection string is read from the
    // environment when the environment is used) or a libpq service name.
    // Never a connection string, which could carry a password into the
    // repository.
    std::string database;
    // Policy; absent means the command's default. Flags on the command line
    // can turn a policy on, and their values win over these.
    std::optional<bool> prune;
    std::optional<bool> allow_destructive;
    std::optional<std::string> lock_timeout;
    std::optional<std::string> statement_timeout;
    // How the pooler in front of this environment's database works
    // ("session" or "transaction"), as apply --pooler.
    std::optional<std::string> pooler;
};

struct ProjectConfig {
    std::filesystem::path file;
    // Relative paths in the file are relative to its folder; made absolute
    // against it here.
    std::optional<std::filesystem::path> manifests;
    std::map<std::string, Environment> environments;
};

// Reads and strictly validates a project file. Throws ManifestError (file
// and JSON pointer of every problem).
ProjectConfig load_project_config(const std::filesystem::path& file);

// The libpq connection string for an environment: the variable's value, or
// "service=NAME". Throws std::runtime_error naming the environment when its
// variable is unset or empty.
std::string environment_conninfo(const Environment& environment);

}  // namespace reconcile::desired_state
