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

namespace {

// SET SCHEMA first, as for a table: the RENAME TO that follows finds the
// object in its new schema.
Statements move_and_rename(const std::string& what, const QualifiedName& from, const QualifiedName& to) {
    Statements out;
    QualifiedName at = from;
    if (from.schema != to.schema) {
        out.push_back("ALTER " + what + " " + sql::qualified(at) + " SET SCHEMA " + sql::ident(to.schema));
        at.schema = to.schema;
    }
    if (from.name != to.name)
        out.push_back("ALTER " + what + " " + sql::qualified(at) + " RENAME TO " + sql::ident(to.name));
    return out;
}

std::string moved_or_renamed(const std::string& what, const QualifiedName& from, const QualifiedName& to) {
    std::string verb = from.schema == to.schema ? "rename" : "move";
    return verb + " " + what + " " + printable(catalog::display(from)) + " to " + printable(catalog::display(to));
}

}  // namespace

Statements sql_of(const RenameSequence& change) {
    return move_and_rename("SEQUENCE", change.from, change.to);
}

Statements sql_of(const RenameView& change) {
    return move_and_rename(change.materialized ? "MATERIALIZED VIEW" : "VIEW", change.from, change.to);
}

std::string description_of(const RenameSequence& change) {
    return moved_or_renamed("sequence", change.from, change.to) +
           " (its current value, the defaults drawing from it and privileges are kept)";
}

std::string description_of(const RenameView& change) {
    return moved_or_renamed(change.materialized ? "materialized view" : "view", change.from, change.to) +
           (change.materialized ? " (rows, indexes, views reading it and privileges are kept)"
                                : " (views reading it and privileges are kept)");
}

// ALTER FUNCTION names the function by its argument types, as DROP does.
Statements sql_of(const RenameFunction& change) {
    Statements out;
    ObjectId at = change.from;
    if (change.from.schema != change.to.schema) {
        out.push_back("ALTER " + routine_target(at) + " SET SCHEMA " + sql::ident(change.to.schema));
        at.schema = change.to.schema;
    }
    if (change.from.name != change.to.name) {
        out.push_back("ALTER " + routine_target(at) + " RENAME TO " + sql::ident(change.to.name));
    }
    return out;
}

std::string description_of(const RenameFunction& change) {
    std::string verb = change.from.schema == change.to.schema ? "rename" : "move";
    return verb + " " + std::string(catalog::kind_name(change.to.kind)) + " " +
           printable(catalog::display(change.from)) + " to " + printable(catalog::display(change.to)) +
           " (the defaults, checks, views and triggers calling it, and privileges, are kept)";
}

}  // namespace reconcile::engine::render_detail
