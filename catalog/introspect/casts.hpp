#pragma once
// Whether the server can convert one column type into another with an
// explicit cast, the conversion `ALTER COLUMN ... TYPE t USING col::t` asks
// for. The server decides this in find_coercion_pathway (parse_coerce.c);
// the query here follows the same steps over pg_cast and pg_type, for every
// type change of a plan in one round trip.
#include <string>
#include <vector>

#include "catalog/pg/connection.hpp"

namespace reconcile::catalog {

// A target type that the plan creates, so the server cannot look it up
// yet. Enums are the only types reconcile creates.
enum class NewTarget { no, enum_type, enum_array };

struct CastQuestion {
    std::string from;  // type text as format_type prints it
    std::string to;    // likewise; with NewTarget, the name of the new type
    NewTarget new_target = NewTarget::no;
};

enum class CastVerdict {
    exists,
    missing,
    // A type the server does not know, a composite type (whose casts also
    // depend on table inheritance) or a pseudo-type: not decided here.
    unknown,
};

// One verdict per question, in order. One query (in a read-only
// transaction: three round trips); none when questions is empty.
// REQUIRES: conn is not in a transaction. Throws QueryError.
std::vector<CastVerdict> read_cast_verdicts(Connection& conn, const std::vector<CastQuestion>& questions);

}  // namespace reconcile::catalog
