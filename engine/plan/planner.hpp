#pragma once
#include <stdexcept>

#include "engine/diff/diff.hpp"
#include "engine/plan/plan.hpp"

namespace reconcile::engine {

enum class AllowDestructive { no, yes };

// --online: index builds and drops on existing tables run CONCURRENTLY, on
// their own after the transactional steps, so writes to the table go on.
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
