#pragma once
// Aggregates (pg_proc prokind 'a' with their pg_aggregate row). Identity is
// the name plus the input argument types, like a function's. The support
// functions are named, not typed: CREATE AGGREGATE finds the overload from
// the aggregate's own argument and state types. Types are kept as
// format_type prints them under an empty search_path, so the model
// compares with ==.
//
// Ordered-set and hypothetical-set aggregates (called WITHIN GROUP) keep
// all their argument types in `arguments`, in pg_proc's order, with how
// many of them are direct (before ORDER BY in CREATE AGGREGATE).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/model/function.hpp"
#include "catalog/model/name.hpp"
#include "catalog/model/object_id.hpp"

namespace reconcile::catalog {

// FINALFUNC_MODIFY: whether the final function leaves the state alone
// ('r'), may leave it unusable for more transitions ('s'), or writes it ('w').
enum class FinalModify : std::uint8_t { read_only, shareable, read_write };

// pg_aggregate.aggkind: normal ('n'), ordered-set ('o'), or hypothetical-set
// ('h': an ordered-set aggregate whose direct arguments line up with the
// aggregated ones, as rank(x) WITHIN GROUP (ORDER BY y)).
enum class AggregateKind : std::uint8_t { normal, ordered_set, hypothetical };

// The final-function part of a mode (plain or moving).
struct FinalStep {
    QualifiedName function;
    bool extra = false;  // FINALFUNC_EXTRA: dummy arguments for the input types
    FinalModify modify = FinalModify::read_only;

    bool operator==(const FinalStep&) const = default;
};

// The moving-aggregate mode (MSFUNC, MINVFUNC, MSTYPE...), used for window
// frames that move: all or nothing.
struct MovingMode {
    QualifiedName state_function;
    QualifiedName inverse_function;
    std::string state_type;
    int state_space = 0;  // 0: the server estimates it
    std::optional<FinalStep> final;
    std::optional<std::string> initial_condition;

    bool operator==(const MovingMode&) const = default;
};

struct Aggregate {
    QualifiedName name;
    // In declaration order; only in and variadic modes exist for aggregates,
    // and they have no defaults. Empty for an aggregate over `*`.
    std::vector<Argument> arguments;
    AggregateKind kind = AggregateKind::normal;
    // Ordered-set: how many of `arguments` come before ORDER BY
    // (aggnumdirectargs); the rest are aggregated. All of them when the last
    // is VARIADIC: `(VARIADIC "any" ORDER BY VARIADIC "any")` stores one
    // argument that stands for both lists.
    int direct_arguments = 0;
    QualifiedName state_function;  // SFUNC
    std::string state_type;        // STYPE
    int state_space = 0;           // SSPACE; 0: the server estimates it
    std::optional<FinalStep> final;
    std::optional<QualifiedName> combine_function;
    std::optional<QualifiedName> serial_function;
    std::optional<QualifiedName> deserial_function;
    // INITCOND as the server stores it: text, compared byte for byte.
    std::optional<std::string> initial_condition;
    std::optional<MovingMode> moving;
    // SORTOP: an operator name ("<", ">"), in its schema.
    std::optional<QualifiedName> sort_operator;
    ParallelSafety parallel = ParallelSafety::unsafe;
    std::optional<std::string> comment;

    bool operator==(const Aggregate&) const = default;

    std::vector<std::string> identity_types() const;
    ObjectId id() const { return routine_id(ObjectKind::aggregate, name, identity_types()); }
    // Ordered-set: the arguments before ORDER BY and those after it, as
    // CREATE AGGREGATE lists them.
    std::vector<Argument> direct() const;
    std::vector<Argument> aggregated() const;
    // Every function the aggregate calls, by name.
    std::vector<QualifiedName> support_functions() const;
};

}  // namespace reconcile::catalog
