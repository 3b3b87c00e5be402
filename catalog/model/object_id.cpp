#include "catalog/model/object_id.hpp"

namespace reconcile::catalog {

std::string_view kind_name(ObjectKind kind) {
    switch (kind) {
        case ObjectKind::database:
            return "database";
        case ObjectKind::role:
            return "role";
        case ObjectKind::schema:
            return "schema";
        case ObjectKind::extension:
            return "extension";
        case ObjectKind::cast:
            return "cast";
        case ObjectKind::event_trigger:
            return "event trigger";
        case ObjectKind::publication:
            return "publication";
        case ObjectKind::foreign_data_wrapper:
            return "foreign-data wrapper";
        case ObjectKind::foreign_server:
            return "foreign server";
        case ObjectKind::enum_type:
            return "enum";
        case ObjectKind::domain:
            return "domain";
        case ObjectKind::composite_type:
            return "composite type";
        case ObjectKind::range_type:
            return "range type";
        case ObjectKind::collation:
            return "collation";
        case ObjectKind::operator_:
            return "operator";
        case ObjectKind::operator_class:
            return "operator class";
        case ObjectKind::operator_family:
            return "operator family";
        case ObjectKind::text_search_configuration:
            return "text search configuration";
        case ObjectKind::text_search_dictionary:
            return "text search dictionary";
        case ObjectKind::text_search_parser:
            return "text search parser";
        case ObjectKind::text_search_template:
            return "text search template";
        case ObjectKind::conversion:
            return "conversion";
        case ObjectKind::sequence:
            return "sequence";
        case ObjectKind::table:
            return "table";
        case ObjectKind::partitioned_table:
            return "partitioned table";
        case ObjectKind::partition:
            return "partition";
        case ObjectKind::foreign_table:
            return "foreign table";
        case ObjectKind::column:
            return "column";
        case ObjectKind::constraint:
            return "constraint";
        case ObjectKind::index:
            return "index";
        case ObjectKind::trigger:
            return "trigger";
        case ObjectKind::policy:
            return "policy";
        case ObjectKind::rule:
            return "rule";
        case ObjectKind::statistics:
            return "statistics";
        case ObjectKind::view:
            return "view";
        case ObjectKind::materialized_view:
            return "materialized view";
        case ObjectKind::function:
            return "function";
        case ObjectKind::procedure:
            return "procedure";
        case ObjectKind::aggregate:
            return "aggregate";
    }
    return "object";
}

namespace {

bool is_routine(ObjectKind kind) {
    return kind == ObjectKind::function || kind == ObjectKind::procedure || kind == ObjectKind::aggregate;
}

}  // namespace

const std::string& ObjectId::containing_schema() const {
    return kind == ObjectKind::schema ? name : schema;
}

std::string display(const ObjectId& id) {
    std::string out;
    if (!id.schema.empty()) {
        out += id.schema;
        out += '.';
    }
    out += id.name;
    if (!id.member.empty()) {
        out += '.';
        out += id.member;
    }
    // A routine without arguments still shows "()": f() and f(integer) are
    // different functions.
    if (is_routine(id.kind) || !id.arguments.empty()) {
        out += '(';
        for (std::size_t i = 0; i < id.arguments.size(); ++i) {
            if (i > 0) out += ", ";
            out += id.arguments[i];
        }
        out += ')';
    }
    return out;
}

ObjectId schema_id(std::string name) {
    return ObjectId{ObjectKind::schema, {}, std::move(name), {}, {}};
}

ObjectId database_id(std::string name) {
    return ObjectId{ObjectKind::database, {}, std::move(name), {}, {}};
}

ObjectId role_id(std::string name) {
    return ObjectId{ObjectKind::role, {}, std::move(name), {}, {}};
}

ObjectId extension_id(std::string name) {
    return ObjectId{ObjectKind::extension, {}, std::move(name), {}, {}};
}

ObjectId object_id(ObjectKind kind, const QualifiedName& name) {
    return ObjectId{kind, name.schema, name.name, {}, {}};
}

ObjectId enum_id(const QualifiedName& name) {
    return object_id(ObjectKind::enum_type, name);
}

ObjectId table_id(const QualifiedName& name) {
    return object_id(ObjectKind::table, name);
}

ObjectId member_id(ObjectKind kind, const QualifiedName& table, std::string member) {
    return ObjectId{kind, table.schema, table.name, std::move(member), {}};
}

ObjectId column_id(const QualifiedName& table, std::string column) {
    return member_id(ObjectKind::column, table, std::move(column));
}

ObjectId constraint_id(const QualifiedName& table, std::string constraint) {
    return member_id(ObjectKind::constraint, table, std::move(constraint));
}

ObjectId index_id(const QualifiedName& table, std::string index) {
    return member_id(ObjectKind::index, table, std::move(index));
}

ObjectId routine_id(ObjectKind kind, const QualifiedName& name, std::vector<std::string> arguments) {
    return ObjectId{kind, name.schema, name.name, {}, std::move(arguments)};
}

}  // namespace reconcile::catalog
