#pragma once
#include <stdexcept>

#include "engine/diff/diff.hpp"
#include "engine/plan/plan.hpp"

namespace reconcile::engine {

enum class AllowDestructive { no, yes };

// --online: on tables that exist before the plan, index builds and drops run
// CONCURRENTLY, and checks and foreign keys are added NOT VALID and validated
// in a transaction of their own, each after the transactional steps, so
// reads and writes of the table go on while rows are read.
enum class Online { no, yes };

struct PlanOptions {
    AllowDestructive allow_destructive = AllowDestructive::no;
    Online online = Online::no;
};

// A planning failure that no option fixes (a dependency cycle with no known
// repair, an enum change PostgreSQL cannot do in place). The message names
// the objects.
struct PlanError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Orders the changes by a deterministic topological sort over their real
// dependencies (schemas and types before tables, tables before keys, keys
// before the foreign keys that need them, indexes after their table; drops in
// reverse), attaches hazards and refusals. Leaves description and sql empty.
Plan make_plan(DiffResult diff, const PlanOptions& options);

}  // namespace reconcile::engine
