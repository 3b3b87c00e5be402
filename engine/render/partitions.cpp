// Attaching and detaching partitions. Creating one is CREATE TABLE ...
// PARTITION OF (tables.cpp).
#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

Statements sql_of(const AttachPartition& change) {
    return {"ALTER TABLE " + sql::qualified(change.of.parent) + " ATTACH PARTITION " + sql::qualified(change.table) +
            " " + change.of.bound};
}

// Not CONCURRENTLY: that cannot run in a transaction block, and the plan's
// other steps would have to commit around it.
Statements sql_of(const DetachPartition& change) {
    return {"ALTER TABLE " + sql::qualified(change.of.parent) + " DETACH PARTITION " + sql::qualified(change.table)};
}

std::string description_of(const AttachPartition& change) {
    return "attach " + catalog::display(change.table) + " to " + catalog::display(change.of.parent) + " as partition " +
           change.of.bound;
}

std::string description_of(const DetachPartition& change) {
    return "detach partition " + catalog::display(change.table) + " from " + catalog::display(change.of.parent) +
           " (the table and its rows stay)";
}

}  // namespace reconcile::engine::render_detail
