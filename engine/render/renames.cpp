// Renames declared with "renamed_from". The description says what a rename
// keeps, since that is why it is not a drop and a create.
#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

// SET SCHEMA first: it keeps the name, so the RENAME TO that follows finds
// the table in its new schema.
Statements sql_of(const RenameTable& change) {
    Statements out;
    QualifiedName at = change.from;
    if (change.from.schema != change.to.schema) {
        out.push_back("ALTER TABLE " + sql::qualified(at) + " SET SCHEMA " + sql::ident(change.to.schema));
        at.schema = change.to.schema;
    }
    if (change.from.name != change.to.name) {
        out.push_back("ALTER TABLE " + sql::qualified(at) + " RENAME TO " + sql::ident(change.to.name));
    }
    return out;
}

Statements sql_of(const RenameColumn& change) {
    return {"ALTER TABLE " + sql::qualified(change.table) + " RENAME COLUMN " + sql::ident(change.from) + " TO " +
            sql::ident(change.to)};
}

std::string description_of(const RenameTable& change) {
    std::string verb = change.from.schema == change.to.schema ? "rename" : "move";
    return verb + " table " + printable(catalog::display(change.from)) + " to " +
           printable(catalog::display(change.to)) + " (rows, indexes, keys, views and privileges are kept)";
}

std::string description_of(const RenameColumn& change) {
    return "rename column " + printable(catalog::display(catalog::column_id(change.table, change.from))) + " to " +
           printable(change.to) + " (data, indexes, constraints, views and privileges are kept)";
}

}  // namespace reconcile::engine::render_detail
