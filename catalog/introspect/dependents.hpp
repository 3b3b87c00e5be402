#pragma once
// The objects that would stop a plan's drops and column type changes, found
// the way PostgreSQL finds them when it executes DROP ... RESTRICT and ALTER
// COLUMN ... TYPE: from pg_depend, in one query for the whole plan.
#include <cstddef>
#include <string>
#include <vector>

#include "catalog/model/object_id.hpp"
#include "catalog/pg/connection.hpp"

namespace reconcile::catalog {

// What a plan is about to do to an object that others may depend on.
enum class PlannedAction {
    drop,    // object: a schema, enum, domain, domain check, composite or range
             // type, sequence, table, column, constraint, index, trigger, view,
             // policy, function, procedure or aggregate
    retype,  // object: a column whose type (or collation: also ALTER COLUMN
             // ... TYPE) changes
    // object: a column whose own sequence goes (it stops being serial, with
    // its default, or stops being an identity column)
    drop_owned_sequence,
    // object: a column whose default expression goes (DROP DEFAULT, or SET
    // DEFAULT with another expression), which
    // takes what the default used out of the way (a function the plan
    // drops and creates again).
    drop_default,
};
struct PlannedChange {
    PlannedAction action = PlannedAction::drop;
    ObjectId object;
};

// An object the server would refuse to leave dangling.
struct Dependent {
    std::size_t change = 0;  // index into the planned changes it blocks
    // pg_identify_object's type and identity: "view" "reporting.active",
    // "table constraint" "orders_fkey on other.orders", "policy" "p on
    // public.t", "function" "public.f(integer)". A view stands for the
    // rewrite rule that holds its dependencies; a column stands for its
    // default expression (via_default).
    std::string kind;
    std::string identity;
    // Its schema, or its table's for objects that live on a table (policies,
    // triggers, constraints). Empty when it has none (a publication).
    std::string schema;
    bool via_default = false;
    // What it needs among the objects the change drops or retypes, in the
    // same form ("table column public.customers.id"). Sorted.
    std::vector<std::string> uses;
};

// Everything the planned changes would drop, taken together: the objects
// themselves plus whatever PostgreSQL drops with them (their indexes,
// constraints, triggers, policies, owned sequences, row types), and then
// every other object with a normal dependency on any of those that is not
// dropped too; for a column type change, the views, rules, triggers,
// policies, functions with SQL-standard bodies, publications and generated
// columns that use the column, and columns anywhere that store the table's
// row type (PostgreSQL refuses to retype the column under any of them).
// Objects that do not exist in the database, and kinds other than those
// above, are ignored. One query (in a read-only transaction: three round
// trips); sorted by change, then identity. REQUIRES: conn is not in a
// transaction. Throws QueryError.
std::vector<Dependent> read_blocking_dependents(Connection& conn, const std::vector<PlannedChange>& changes);

}  // namespace reconcile::catalog
