#include "engine/diff/change.hpp"

namespace reconcile::engine {

std::string kind_name(const Change& change) {
    return std::visit(overloaded{
                          [](const CreateSchema&) { return "create_schema"; },
                          [](const DropSchema&) { return "drop_schema"; },
                          [](const CreateEnum&) { return "create_enum"; },
                          [](const DropEnum&) { return "drop_enum"; },
                          [](const AddEnumValue&) { return "add_enum_value"; },
                          [](const CreateTable&) { return "create_table"; },
                          [](const DropTable&) { return "drop_table"; },
                          [](const SetLogged&) { return "set_logged"; },
                          [](const SetStorage&) { return "set_storage"; },
                          [](const AddColumn&) { return "add_column"; },
                          [](const DropColumn&) { return "drop_column"; },
                          [](const AlterColumn&) { return "alter_column"; },
                          [](const AddConstraint&) { return "add_constraint"; },
                          [](const DropConstraint&) { return "drop_constraint"; },
                          [](const ReplaceConstraint&) { return "replace_constraint"; },
                          [](const CreateIndex&) { return "create_index"; },
                          [](const DropIndex&) { return "drop_index"; },
                          [](const ReplaceIndex&) { return "replace_index"; },
                          [](const SetComment&) { return "set_comment"; },
                      },
                      change);
}

ObjectId object_of(const Change& change) {
    using namespace catalog;
    return std::visit(overloaded{
                          [](const CreateSchema& c) { return schema_id(c.schema.name); },
                          [](const DropSchema& c) { return schema_id(c.schema.name); },
                          [](const CreateEnum& c) { return enum_id(c.type.name); },
                          [](const DropEnum& c) { return enum_id(c.type.name); },
                          [](const AddEnumValue& c) { return enum_id(c.type); },
                          [](const CreateTable& c) { return table_id(c.table.name); },
                          [](const DropTable& c) { return table_id(c.table.name); },
                          [](const SetLogged& c) { return table_id(c.table); },
                          [](const SetStorage& c) { return table_id(c.table); },
                          [](const AddColumn& c) { return column_id(c.table, c.column.name); },
                          [](const DropColumn& c) { return column_id(c.table, c.column.name); },
                          [](const AlterColumn& c) { return column_id(c.table, c.to.name); },
                          [](const AddConstraint& c) { return constraint_id(c.table, c.constraint.name); },
                          [](const DropConstraint& c) { return constraint_id(c.table, c.constraint.name); },
                          [](const ReplaceConstraint& c) { return constraint_id(c.table, c.to.name); },
                          [](const CreateIndex& c) { return index_id(c.table, c.index.name); },
                          [](const DropIndex& c) { return index_id(c.table, c.index.name); },
                          [](const ReplaceIndex& c) { return index_id(c.table, c.to.name); },
                          [](const SetComment& c) { return c.target; },
                      },
                      change);
}

}  // namespace reconcile::engine
