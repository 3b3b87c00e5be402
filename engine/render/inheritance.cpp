// ALTER TABLE ... INHERIT / NO INHERIT. Creating a child is CREATE TABLE
// ... INHERITS (tables.cpp).
#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

Statements sql_of(const Inherit& change) {
    return {"ALTER TABLE " + sql::qualified(change.table) + " INHERIT " + sql::qualified(change.parent)};
}

Statements sql_of(const NoInherit& change) {
    return {"ALTER TABLE " + sql::qualified(change.table) + " NO INHERIT " + sql::qualified(change.parent)};
}

std::string description_of(const Inherit& change) {
    return "make " + catalog::display(change.table) + " inherit from " + catalog::display(change.parent);
}

std::string description_of(const NoInherit& change) {
    return "make " + catalog::display(change.table) + " stop inheriting from " + catalog::display(change.parent) +
           " (its columns and rows stay)";
}

}  // namespace reconcile::engine::render_detail
