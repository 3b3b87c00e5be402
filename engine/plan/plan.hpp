#pragma once
// A plan: ordered steps, each describing itself (SQL, description, hazards,
// whether it can run in a transaction, and why apply would refuse it).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model/model.hpp"
#include "catalog/model/possible_rename.hpp"
#include "catalog/model/unmanaged.hpp"
#include "engine/diff/change.hpp"

namespace reconcile::engine {

// Stable codes; tests and JSON consumers rely on the names. What each means
// is hazard_reason's sentence.
enum class Hazard {
    deletes_data,                    // DELETES_DATA
    acquires_access_exclusive_lock,  // ACQUIRES_ACCESS_EXCLUSIVE_LOCK
    acquires_share_lock,             // ACQUIRES_SHARE_LOCK (blocks writes)
    table_rewrite,                   // TABLE_REWRITE
    full_table_scan,                 // FULL_TABLE_SCAN (validation under lock)
    index_build,                     // INDEX_BUILD
    index_dropped,                   // INDEX_DROPPED
    not_transactional,               // NOT_TRANSACTIONAL
    authz_update,                    // AUTHZ_UPDATE
    correctness,                     // CORRECTNESS (may fail on existing data)
    repopulates_materialized_view,   // REPOPULATES_MATERIALIZED_VIEW (re-created: its query runs again)
    // The names rules used before the codes were settled; same values.
    table_scan = full_table_scan,
    may_fail_on_existing_data = correctness,
};
inline constexpr Hazard all_hazards[] = {Hazard::deletes_data,
                                         Hazard::acquires_access_exclusive_lock,
                                         Hazard::acquires_share_lock,
                                         Hazard::table_rewrite,
                                         Hazard::full_table_scan,
                                         Hazard::index_build,
                                         Hazard::index_dropped,
                                         Hazard::not_transactional,
                                         Hazard::authz_update,
                                         Hazard::correctness,
                                         Hazard::repopulates_materialized_view};
std::string hazard_code(Hazard hazard);
// Why the code matters, in one sentence.
std::string hazard_reason(Hazard hazard);
// The hazard a code names ("TABLE_REWRITE"), nullopt for an unknown code.
std::optional<Hazard> hazard_from_code(std::string_view code);

// Steps run in plan order. Consecutive transactional steps share one
// transaction; a non-transactional step runs on its own and commits at once.
enum class Transactional { yes, no };

// The plan's steps grouped the way they are executed: each group is either a
// run of consecutive transactional steps (one transaction) or a single
// non-transactional step. Indexes into Plan::steps.
struct StepGroup {
    Transactional transactional = Transactional::yes;
    std::vector<std::size_t> steps;
};

// A question about the rows a step will meet, whose answer must be 0 for
// the step to succeed without losing data: NULLs before SET NOT NULL,
// duplicates before a unique key, orphans before a foreign key, violations
// before a check, any row before a NOT NULL column without a default, values
// outside an enum before a type change to it.
// render_plan() writes the queries from the model; plan answers them (the
// pipeline's guards_check) and apply asks again right before the step.
enum class GuardKind {
    null_rows,
    duplicate_keys,
    orphan_rows,
    check_violations,
    table_not_empty,
    unconvertible_values,  // a type change to an enum: values not among its labels
};
struct Guard {
    GuardKind kind = GuardKind::null_rows;
    QualifiedName table;       // the table whose rows are counted
    std::string what;          // "rows of public.t with NULL in c", for people
    std::string count_sql;     // one statement; one row, one column: the count
    std::string examples_sql;  // empty, or one statement: up to 3 offending keys as text
    // The answer, filled when plan asked: the count and examples, or why
    // there is none (timed out, or it names what an earlier step creates).
    std::optional<long long> count;
    std::vector<std::string> examples;
    std::string not_checked;

    bool fails() const { return count && *count > 0; }
};

// How big a table a step works on is, from the server's statistics: what
// a lock held on it blocks, and how long a rewrite or scan of it lasts.
struct TableSize {
    QualifiedName table;
    std::optional<long long> rows;  // pg_class.reltuples; nullopt: never analyzed or vacuumed
    long long bytes = 0;            // with its indexes and TOAST
};

struct Step {
    Change change;
    std::vector<Hazard> hazards;  // sorted, unique
    Transactional transactional = Transactional::yes;
    // Set when apply must refuse this step without an explicit allowance,
    // e.g. "drops column public.jobs.phone and its data; pass --allow-destructive".
    std::optional<std::string> refused;
    // Filled by render_plan():
    std::string description;       // one line, for people
    std::vector<std::string> sql;  // statements, each without trailing ';'
    std::vector<Guard> guards;
    // Filled by plan (engine/pipeline/table_sizes.hpp) for a step with
    // hazards on a table that exists.
    std::optional<TableSize> table_size;
    // Those of `hazards` that the manifest of the step's table allows
    // ("allow_hazards"), so apply runs the step without --allow-hazards
    // naming them. Sorted. Filled by allow_declared_hazards.
    std::vector<Hazard> allowed_by_manifest;
    // A transactional step that neither joins the transaction before it nor
    // lets the next step join its own: the locks earlier steps took are
    // released before it starts (a long VALIDATE after a brief ADD ... NOT
    // VALID), and a failure rolls back only this step.
    bool own_transaction = false;
};

struct Plan {
    std::vector<Step> steps;
    std::vector<ObjectId> not_in_manifests;
    std::vector<catalog::UnmanagedObject> not_managed;
    std::vector<catalog::PossibleRename> possible_renames;  // hints from the diff

    bool has_changes() const { return !steps.empty(); }
    std::vector<StepGroup> execution_groups() const;
    bool has_refused_steps() const;
    // Every hazard some step carries, sorted.
    std::vector<Hazard> hazards() const;
};

// The table a change works on: the table itself, or the table its column,
// key, index, trigger or policy belongs to; nullopt for other objects.
std::optional<QualifiedName> table_worked_on(const Change& change);

// Fills Step::allowed_by_manifest from the tables' "allow_hazards" in
// `want`. DELETES_DATA is never allowed this way (it takes
// --allow-destructive and --allow-hazards on the command line); an unknown
// code is ignored here, the CLI rejects it when loading the manifests.
void allow_declared_hazards(Plan& plan, const catalog::Model& want);

// apply's gate: the hazards of the plan not in `allowed` nor allowed by the
// manifest of the step that carries them, each with the 1-based numbers of
// those steps. Empty: the plan may run.
struct UnallowedHazard {
    Hazard hazard;
    std::vector<std::size_t> steps;
};
std::vector<UnallowedHazard> unallowed_hazards(const Plan& plan, const std::vector<Hazard>& allowed);

}  // namespace reconcile::engine
