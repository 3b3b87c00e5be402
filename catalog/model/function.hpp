#pragma once
// Functions and procedures (pg_proc prokind 'f' and 'p') written in a
// procedural or SQL language. Identity is the name plus the input argument
// types, as format_type prints them with an empty search_path; every text
// the server prints (types, defaults, the result, a SQL-standard body) is
// kept in the server's spelling, so the model compares with ==.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/model/name.hpp"
#include "catalog/model/object_id.hpp"

namespace reconcile::catalog {

enum class ArgumentMode : std::uint8_t { in, out, inout, variadic };

struct Argument {
    ArgumentMode mode = ArgumentMode::in;
    std::string name;  // empty when unnamed
    std::string type;
    std::optional<std::string> default_expr;

    bool operator==(const Argument&) const = default;
};

enum class Volatility : std::uint8_t { volatile_, stable, immutable };
enum class ParallelSafety : std::uint8_t { unsafe, restricted, safe };

struct Function {
    ObjectKind kind = ObjectKind::function;  // function or procedure
    QualifiedName name;
    // In declaration order. The columns of RETURNS TABLE (...) are part of
    // `returns`, not listed here.
    std::vector<Argument> arguments;
    // pg_get_function_result: "integer", "SETOF public.posts",
    // "TABLE(id bigint, title text)", "trigger". Empty for a procedure.
    std::optional<std::string> returns;
    std::string language;  // "plpgsql", "sql"...
    // The body exactly as the server stores it (prosrc). A SQL-standard
    // body (BEGIN ATOMIC ... END, RETURN expr; PostgreSQL 14+) has no
    // prosrc: `body` then holds the server's deparsed form and
    // `sql_standard_body` is set.
    std::string body;
    bool sql_standard_body = false;
    Volatility volatility = Volatility::volatile_;
    bool strict = false;
    bool security_definer = false;
    bool leakproof = false;
    ParallelSafety parallel = ParallelSafety::unsafe;
    // Estimated execution cost (procost) and rows (prorows, set-returning
    // functions only); nullopt means PostgreSQL's default for the language.
    std::optional<double> cost;
    std::optional<double> rows;
    // SET clauses as proconfig holds them, "name=value", sorted by name.
    std::vector<std::string> config;
    std::optional<std::string> comment;

    bool operator==(const Function&) const = default;

    // The types that make up the identity: those of the in, inout and
    // variadic arguments, in order.
    std::vector<std::string> identity_types() const;
    ObjectId id() const { return routine_id(kind, name, identity_types()); }
};

}  // namespace reconcile::catalog
