#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

Statements sql_of(const CreateSchema& change) {
    return {"CREATE SCHEMA " + sql::ident(change.schema.name)};
}

// Never CASCADE: the planner drops what a schema holds as steps of their own,
// so a drop that would take anything else along fails instead.
Statements sql_of(const DropSchema& change) {
    return {"DROP SCHEMA " + sql::ident(change.schema.name)};
}

std::string description_of(const CreateSchema& change) {
    return "create schema " + change.schema.name;
}

std::string description_of(const DropSchema& change) {
    return "drop schema " + change.schema.name;
}

}  // namespace reconcile::engine::render_detail
