#pragma once
#include <optional>
#include <string>

#include "catalog/model/column.hpp"
#include "catalog/model/name.hpp"

namespace reconcile::catalog {

// The column a sequence belongs to (ALTER SEQUENCE ... OWNED BY): dropping
// the column or its table drops the sequence.
struct SequenceOwner {
    QualifiedName table;
    std::string column;

    auto operator<=>(const SequenceOwner&) const = default;
    bool operator==(const SequenceOwner&) const = default;
};

// A sequence that is not part of a column's definition: standalone, or
// owned by a column in a shape `serial` would not create (a bigint sequence
// behind an integer column, another start, another name). The sequences of
// identity columns and of serial columns are modelled on their column.
// Its value (last_value, is_called) is data, never compared.
struct Sequence {
    QualifiedName name;
    // The catalog side fills every option; a manifest may leave them unset,
    // and canonicalization fills PostgreSQL's defaults (type bigint).
    SequenceOptions options;
    std::optional<SequenceOwner> owned_by;
    std::optional<std::string> comment;

    bool operator==(const Sequence&) const = default;
};

}  // namespace reconcile::catalog

namespace reconcile::catalog {

// The options with every unset one filled as CREATE SEQUENCE would: type
// bigint, increment 1, an ascending sequence from 1 up to its type's
// maximum, a descending one from -1 down to its type's minimum, cache 1,
// no cycle. Both sides then compare field by field.
SequenceOptions with_sequence_defaults(SequenceOptions options);

// The options of the sequence `serial` creates: of the column's integer
// type, counting from 1 by 1 up to its maximum, cache 1, no cycle.
SequenceOptions serial_sequence_options(Serial serial);

// The sequence behind a serial or identity column: an identity column's own
// name where it has one (Identity::sequence_name), else the name PostgreSQL
// gives a new column's when nothing else has it, <table>_<column>_seq (it
// would shorten one over 63 bytes and add digits on a clash), in the
// table's schema.
QualifiedName column_sequence_name(const QualifiedName& table, const Column& column);

}  // namespace reconcile::catalog
