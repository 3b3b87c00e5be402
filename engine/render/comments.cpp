#include <stdexcept>

#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

namespace {

std::string target_sql(const ObjectId& target) {
    switch (target.kind) {
        case ObjectKind::schema:
            return "SCHEMA " + sql::ident(target.name);
        case ObjectKind::extension:
            return "EXTENSION " + sql::ident(target.name);
        case ObjectKind::composite_type:
        case ObjectKind::range_type:
            return "TYPE " + sql::qualified(target.qualified());
        case ObjectKind::domain:
            return "DOMAIN " + sql::qualified(target.qualified());
        case ObjectKind::role:
            return "ROLE " + sql::ident(target.name);
        case ObjectKind::enum_type:
            return "TYPE " + sql::qualified(target.qualified());
        case ObjectKind::sequence:
            return "SEQUENCE " + sql::qualified(target.qualified());
        case ObjectKind::table:
            return "TABLE " + sql::qualified(target.qualified());
        case ObjectKind::column:
            return "COLUMN " + sql::qualified(target.qualified()) + "." + sql::ident(target.member);
        // A constraint name is only unique within its table.
        case ObjectKind::constraint:
            return "CONSTRAINT " + sql::ident(target.member) + " ON " + sql::qualified(target.qualified());
        case ObjectKind::index:
            return "INDEX " + sql::qualified({target.schema, target.member});
        case ObjectKind::trigger:
            return "TRIGGER " + sql::ident(target.member) + " ON " + sql::qualified(target.qualified());
        case ObjectKind::function:
        case ObjectKind::procedure:
        case ObjectKind::aggregate:
            return routine_target(target);
        case ObjectKind::view:
            return "VIEW " + sql::qualified(target.qualified());
        case ObjectKind::materialized_view:
            return "MATERIALIZED VIEW " + sql::qualified(target.qualified());
        case ObjectKind::policy:
            return "POLICY " + sql::ident(target.member) + " ON " + sql::qualified(target.qualified());
        default:
            // The diff only comments on the kinds above; a new kind that
            // carries comments adds its COMMENT ON form here.
            throw std::logic_error("COMMENT ON " + std::string(kind_name(target.kind)) + " is not rendered yet");
    }
}

}  // namespace

std::string comment_statement(const ObjectId& target, const std::optional<std::string>& comment) {
    return "COMMENT ON " + target_sql(target) + " IS " + (comment ? sql::literal(*comment) : "NULL");
}

Statements sql_of(const SetComment& change) {
    return {comment_statement(change.target, change.comment)};
}

std::string description_of(const SetComment& change) {
    // The text itself stays out: it can be long, and the SQL shows it.
    return (change.comment ? "set comment on " : "remove comment on ") + std::string(kind_name(change.target.kind)) +
           " " + display(change.target);
}

}  // namespace reconcile::engine::render_detail
