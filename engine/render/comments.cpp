#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

namespace {

std::string target_sql(const ObjectRef& target) {
    switch (target.kind) {
        case ObjectKind::schema:
            return "SCHEMA " + sql::ident(target.name.name);
        case ObjectKind::enum_type:
            return "TYPE " + sql::qualified(target.name);
        case ObjectKind::table:
            return "TABLE " + sql::qualified(target.name);
        case ObjectKind::column:
            return "COLUMN " + sql::qualified(target.name) + "." + sql::ident(target.member);
        // A constraint name is only unique within its table.
        case ObjectKind::constraint:
            return "CONSTRAINT " + sql::ident(target.member) + " ON " + sql::qualified(target.name);
        case ObjectKind::index:
            return "INDEX " + sql::qualified({target.name.schema, target.member});
    }
    return "";
}

}  // namespace

std::string comment_statement(const ObjectRef& target, const std::optional<std::string>& comment) {
    return "COMMENT ON " + target_sql(target) + " IS " + (comment ? sql::literal(*comment) : "NULL");
}

Statements sql_of(const SetComment& change) {
    return {comment_statement(change.target, change.comment)};
}

std::string description_of(const SetComment& change) {
    // The text itself stays out: it can be long, and the SQL shows it.
    return (change.comment ? "set comment on " : "remove comment on ") + kind_name(change.target.kind) + " " +
           display(change.target);
}

}  // namespace reconcile::engine::render_detail
