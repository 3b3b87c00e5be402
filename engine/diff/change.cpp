#include "engine/diff/change.hpp"

namespace reconcile::engine {

std::string kind_name(ObjectKind kind) {
    switch (kind) {
        case ObjectKind::schema:
            return "schema";
        case ObjectKind::enum_type:
            return "enum";
        case ObjectKind::table:
            return "table";
        case ObjectKind::column:
            return "column";
        case ObjectKind::constraint:
            return "constraint";
        case ObjectKind::index:
            return "index";
    }
    return "object";
}

std::string display(const ObjectRef& ref) {
    if (ref.kind == ObjectKind::schema) return ref.name.name;
    std::string out = catalog::display(ref.name);
    if (!ref.member.empty()) out += "." + ref.member;
    return out;
}

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

ObjectRef object_of(const Change& change) {
    auto schema = [](const std::string& name) { return ObjectRef{ObjectKind::schema, {"", name}, ""}; };
    return std::visit(overloaded{
                          [&](const CreateSchema& c) { return schema(c.schema.name); },
                          [&](const DropSchema& c) { return schema(c.schema.name); },
                          [](const CreateEnum& c) {
                              return ObjectRef{ObjectKind::enum_type, c.type.name, ""};
                          },
                          [](const DropEnum& c) {
                              return ObjectRef{ObjectKind::enum_type, c.type.name, ""};
                          },
                          [](const AddEnumValue& c) {
                              return ObjectRef{ObjectKind::enum_type, c.type, ""};
                          },
                          [](const CreateTable& c) {
                              return ObjectRef{ObjectKind::table, c.table.name, ""};
                          },
                          [](const DropTable& c) {
                              return ObjectRef{ObjectKind::table, c.table.name, ""};
                          },
                          [](const SetLogged& c) {
                              return ObjectRef{ObjectKind::table, c.table, ""};
                          },
                          [](const SetStorage& c) {
                              return ObjectRef{ObjectKind::table, c.table, ""};
                          },
                          [](const AddColumn& c) {
                              return ObjectRef{ObjectKind::column, c.table, c.column.name};
                          },
                          [](const DropColumn& c) {
                              return ObjectRef{ObjectKind::column, c.table, c.column.name};
                          },
                          [](const AlterColumn& c) {
                              return ObjectRef{ObjectKind::column, c.table, c.to.name};
                          },
                          [](const AddConstraint& c) {
                              return ObjectRef{ObjectKind::constraint, c.table, c.constraint.name};
                          },
                          [](const DropConstraint& c) {
                              return ObjectRef{ObjectKind::constraint, c.table, c.constraint.name};
                          },
                          [](const ReplaceConstraint& c) {
                              return ObjectRef{ObjectKind::constraint, c.table, c.to.name};
                          },
                          [](const CreateIndex& c) {
                              return ObjectRef{ObjectKind::index, c.table, c.index.name};
                          },
                          [](const DropIndex& c) {
                              return ObjectRef{ObjectKind::index, c.table, c.index.name};
                          },
                          [](const ReplaceIndex& c) {
                              return ObjectRef{ObjectKind::index, c.table, c.to.name};
                          },
                          [](const SetComment& c) { return c.target; },
                      },
                      change);
}

}  // namespace reconcile::engine
