#pragma once
// Passwords at apply time. A plan's SQL shows a password set from the
// environment as PASSWORD :'VAR' (engine/render/roles_detail.hpp); only here
// is the variable read, turned into a SCRAM verifier on the client, and put
// into the statement that is sent. Nothing here logs or keeps the value.
#include <map>
#include <stdexcept>
#include <string>

#include "catalog/pg/connection.hpp"
#include "engine/plan/plan.hpp"

namespace reconcile::engine {

// A password variable the plan needs is not set (or empty). Thrown before
// any step runs.
struct MissingSecret : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The statements to send instead of what the plan shows, by the shown text:
// one per password set from the environment. Throws MissingSecret naming
// every variable that is missing.
std::map<std::string, std::string> resolve_secrets(const Plan& plan, catalog::Connection& conn);

// Names of the environment variables the plan reads passwords from that are
// not set; empty when all are.
std::vector<std::string> missing_password_variables(const Plan& plan);

}  // namespace reconcile::engine
