#pragma once
// Shared steps of the scenario and round-trip tests.
#include <string>
#include <vector>

#include "catalog/model/model.hpp"
#include "tests/support/cli_runner.hpp"

namespace reconcile::testing {

struct ScenarioDatabases {
    std::string before;  // loaded from platform.sql + before.sql
    std::string after;   // loaded from platform.sql + after.sql
};

// Creates both databases of a scenario in the shared test cluster.
ScenarioDatabases load_scenario(const std::string& scenario);

// Loads platform.sql (if the scenario has one) and one of its files into a new database.
std::string load_scenario_file(const std::string& scenario, const std::string& file);

// The claimed schemas of a database, read by the introspector.
catalog::Model read_schemas(const std::string& dbname, const std::vector<std::string>& schemas);

// Differences between two models, column order aside, one per line (empty
// when equal). Used for readable failures.
std::string schema_differences(const catalog::Model& have, const catalog::Model& want);

// The round-trip law's first half: exports the database into a new temp
// directory, requires a plan of that export against the same database to be
// empty, and returns the directory.
std::string export_and_check_empty_plan(const std::string& dbname);

// The other half of the round-trip law: applies the export in dir to a new,
// empty database, checks that a second plan there is empty and that
// pg_dump --schema-only of it equals that of source (when a pg_dump as new
// as the server is there). Returns the new database's name.
std::string check_rebuilds_from_export(const std::string& source, const std::string& dir);

// apply --yes (plus extra) of the manifests in dir to db must succeed, and
// a second plan must be empty. Returns apply's result, for its output.
CliResult apply_and_check_converged(const std::string& dir, const std::string& db,
                                    std::vector<std::string> extra = {});

// A schema file claiming public and keeping PostgreSQL's stock comment on
// it, so that a plan does not propose changing that comment.
inline constexpr const char* public_schema =
    R"json({"schemas": {"public": {"comment": "standard public schema"}}})json";

// Writes text to dir/name (name may hold folders), creating folders on the way.
void write_manifest(const std::string& dir, const std::string& name, const std::string& text);

// `reconcile <command> -m dir -d <conninfo of db in the shared cluster> extra...`.
// For apply, `--allow-hazards all` unless extra gives --allow-hazards: the
// tests that are not about the hazard gate (apply_hazards_test.cpp) test
// convergence. --allow-destructive still has to be passed.
CliResult reconcile_on(const std::string& command, const std::string& dir, const std::string& db,
                       std::vector<std::string> extra = {});

inline bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// First column of every row of a query, joined by newlines.
std::string query_column(const std::string& dbname, const std::string& sql);

}  // namespace reconcile::testing
