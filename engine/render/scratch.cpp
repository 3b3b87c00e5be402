// The desired model as CREATE statements, for canonicalization: the server
// parses the user's spellings and the introspector reads back its own text.
#include "engine/render/detail.hpp"
#include "engine/render/render.hpp"

namespace reconcile::engine {

std::vector<std::string> render_create_model(const catalog::Model& model) {
    using namespace render_detail;
    std::vector<std::string> out;
    // Plain CREATE SCHEMA, no IF NOT EXISTS: the caller passes scratch names,
    // and quietly reusing an existing schema of that name would be a bug.
    for (const auto& schema : model.schemas) out.push_back(sql_of(CreateSchema{schema}).front());
    // All enums before any table: a column may use an enum of another schema.
    for (const auto& type : model.enums) out.push_back(sql_of(CreateEnum{type}).front());
    // Foreign keys stay out: they have no canonical text to learn and would
    // tie scratch tables to each other (or lock real ones).
    for (const auto& table : model.tables) out.push_back(create_table_statement(table, ForeignKeys::skip));
    for (const auto& table : model.tables) {
        for (const auto& index : table.indexes) out.push_back(create_index_statement(table.name, index));
    }

    auto comment = [&](ObjectRef target, const std::optional<std::string>& text) {
        if (text) out.push_back(comment_statement(target, text));
    };
    for (const auto& schema : model.schemas) comment({ObjectKind::schema, {"", schema.name}, ""}, schema.comment);
    for (const auto& type : model.enums) comment({ObjectKind::enum_type, type.name, ""}, type.comment);
    for (const auto& table : model.tables) {
        comment({ObjectKind::table, table.name, ""}, table.comment);
        for (const auto& column : table.columns) comment({ObjectKind::column, table.name, column.name}, column.comment);
        for (const auto& constraint : table.constraints) {
            if (constraint.kind == catalog::ConstraintKind::foreign_key) continue;
            comment({ObjectKind::constraint, table.name, constraint.name}, constraint.comment);
        }
        for (const auto& index : table.indexes) comment({ObjectKind::index, table.name, index.name}, index.comment);
    }
    return out;
}

}  // namespace reconcile::engine
