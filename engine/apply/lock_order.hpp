#pragma once
// The order in which one apply transaction takes its table locks.
//
// A transaction that alters two tables joined by a foreign key locks them
// one step at a time. If it takes the referenced table first, it can
// deadlock with the most common write an application makes: a session that
// has written the referencing table (holding ROW EXCLUSIVE on it) and then
// inserts a row there, whose key check needs a share lock on the referenced
// row, queues behind apply's lock on the referenced table, while apply
// queues behind the session for the referencing one. The server then kills
// one of the two after deadlock_timeout, and either the application's
// transaction or the apply fails.
//
// So before its first step, a transaction of several steps locks every
// existing table those steps lock strongly, referencing tables before the
// tables they reference (the order an application's writes take them), in
// the strongest mode any of its steps needs. While it waits it holds
// nothing the application needs, and once it has them no step waits again.
#include <cstddef>
#include <string>
#include <vector>

#include "catalog/pg/connection.hpp"
#include "engine/plan/plan.hpp"

namespace reconcile::engine {

enum class TableLockMode {
    share_row_exclusive,  // what adding a foreign key takes on the table it references
    access_exclusive,
};

struct TableLock {
    QualifiedName table;
    TableLockMode mode = TableLockMode::access_exclusive;
    std::size_t step = 0;  // the first step of the group that needs it (index into Plan::steps)
};

// A foreign key between two of the tables: `from` references `to`.
struct TableReference {
    QualifiedName from;
    QualifiedName to;
};

// The tables the steps of `group` lock in SHARE ROW EXCLUSIVE mode or
// stronger (their ACQUIRES_* hazards), each once in the strongest mode, in
// plan order; empty for a group of fewer than two transactional steps,
// whose one statement takes its locks as the server orders them.
std::vector<TableLock> tables_to_lock(const Plan& plan, const StepGroup& group);

// Foreign keys the steps of `group` add or drop, between tables of `locks`.
std::vector<TableReference> planned_references(const Plan& plan, const StepGroup& group);

// `locks` ordered so that a table comes before every table it references;
// otherwise (and within a cycle) in the order given.
std::vector<TableLock> referencing_first(const std::vector<TableLock>& locks,
                                         const std::vector<TableReference>& references);

// The locks to take before the group's first step, in the order to take
// them: those of `locks` whose table exists now, ordered by the foreign
// keys the server holds among them and `planned`. One query. Throws
// QueryError.
std::vector<TableLock> order_locks(catalog::Connection& conn, const std::vector<TableLock>& locks,
                                   const std::vector<TableReference>& planned);

// "LOCK TABLE ONLY "public"."posts" IN ACCESS EXCLUSIVE MODE"
std::string lock_statement(const TableLock& lock);

}  // namespace reconcile::engine
