#pragma once
// Declarative partitioning. A partitioned table says how it splits its rows
// (Table::partitioning); each partition is a table of its own that names its
// parent and the rows it takes (Table::partition_of). A partition's columns
// are its parent's: the model keeps them on the parent only, so a column
// added to the parent is one change, not one per partition.
#include <string>
#include <string_view>

#include "catalog/model/name.hpp"

namespace reconcile::catalog {

struct PartitionOf {
    QualifiedName parent;
    // As pg_get_expr(relpartbound) prints it: "FOR VALUES FROM ('2022-01-01')
    // TO ('2022-02-01')", "FOR VALUES IN ('a', 'b')", "FOR VALUES WITH
    // (modulus 4, remainder 0)" or "DEFAULT".
    std::string bound;

    bool operator==(const PartitionOf&) const = default;
};

// Whether `name` matches `pattern`, where '*' stands for any run of
// characters (none included) and every other character for itself.
bool matches_name_pattern(std::string_view pattern, std::string_view name);

}  // namespace reconcile::catalog
