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

Statements sql_of(const RenameEnum& change) {
    return {"ALTER TYPE " + sql::qualified(change.from) + " RENAME TO " + sql::ident(change.to.name)};
}

Statements sql_of(const RenameEnumValue& change) {
    return {"ALTER TYPE " + sql::qualified(change.type) + " RENAME VALUE " + sql::literal(change.from) + " TO " +
            sql::literal(change.to)};
}

std::string description_of(const RenameEnum& change) {
    return "rename enum " + printable(catalog::display(change.from)) + " to " + printable(change.to.name) +
           " (its columns keep their values)";
}

std::string description_of(const RenameEnumValue& change) {
    return "rename value '" + printable(change.from) + "' of enum " + printable(catalog::display(change.type)) +
           " to '" + printable(change.to) + "' (rows holding it keep it)";
}

// An index lives in its table's schema.
Statements sql_of(const RenameIndex& change) {
    return {"ALTER INDEX " + sql::qualified({change.table.schema, change.from}) + " RENAME TO " +
            sql::ident(change.to)};
}

Statements sql_of(const RenameConstraint& change) {
    return {"ALTER TABLE " + sql::qualified(change.table) + " RENAME CONSTRAINT " + sql::ident(change.from) + " TO " +
            sql::ident(change.to)};
}

Statements sql_of(const RenamePolicy& change) {
    return {"ALTER POLICY " + sql::ident(change.from) + " ON " + sql::qualified(change.table) + " RENAME TO " +
            sql::ident(change.to)};
}

std::string description_of(const RenameIndex& change) {
    return "rename index " + printable(catalog::display(catalog::index_id(change.table, change.from))) + " to " +
           printable(change.to) + " (not rebuilt)";
}

std::string description_of(const RenameConstraint& change) {
    return "rename constraint " + printable(catalog::display(catalog::constraint_id(change.table, change.from))) +
           " to " + printable(change.to) + " (not validated again)";
}

std::string description_of(const RenamePolicy& change) {
    return "rename policy " +
           printable(catalog::display(catalog::member_id(ObjectKind::policy, change.table, change.from))) + " to " +
           printable(change.to);
}

}  // namespace reconcile::engine::render_detail
