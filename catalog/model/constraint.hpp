#pragma once
#include <optional>
#include <string>
#include <vector>

#include "catalog/model/name.hpp"

namespace reconcile::catalog {

enum class ConstraintKind { primary_key, unique, check, foreign_key, exclusion };

enum class ReferentialAction { no_action, restrict, cascade, set_null, set_default };
enum class MatchType { simple, full };

struct ForeignKey {
    QualifiedName table;               // referenced table
    std::vector<std::string> columns;  // referenced columns, in key order
    ReferentialAction on_delete = ReferentialAction::no_action;
    ReferentialAction on_update = ReferentialAction::no_action;
    MatchType match = MatchType::simple;
    // ON DELETE SET NULL / SET DEFAULT (columns), PostgreSQL 15+: the local
    // columns to clear, in the order written; empty means all of them.
    std::vector<std::string> on_delete_columns;

    bool operator==(const ForeignKey&) const = default;
};

// A table constraint. Which fields matter depends on kind:
//   primary_key, unique: columns (+ nulls_not_distinct for unique)
//   check: expression (pg_get_expr of conbin, canonical)
//   foreign_key: columns + references
//   exclusion: expression holds what follows EXCLUDE, as the server prints
//     it (pg_get_constraintdef without the DEFERRABLE clauses, which are
//     the flags below): "USING gist (room WITH =, during WITH &&)" with any
//     INCLUDE and WHERE. Kept as one canonical text like a check's: its
//     parts (operators, opclasses, predicate) are all server-printed.
struct Constraint {
    std::string name;
    ConstraintKind kind = ConstraintKind::check;
    std::vector<std::string> columns;
    std::string expression;
    std::optional<ForeignKey> references;
    bool nulls_not_distinct = false;  // UNIQUE NULLS NOT DISTINCT, PostgreSQL 15+
    bool deferrable = false;
    bool initially_deferred = false;
    std::optional<std::string> comment;
    bool no_inherit = false;  // CHECK ... NO INHERIT: not passed to child tables
    // Added NOT VALID (check, foreign key): rows that existed then were never
    // checked. A validated constraint satisfies a NOT VALID declaration.
    bool not_valid = false;

    bool operator==(const Constraint&) const = default;
};

}  // namespace reconcile::catalog
