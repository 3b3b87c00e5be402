#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

namespace {

std::string attribute_definition(const catalog::CompositeAttribute& attribute) {
    return sql::ident(attribute.name) + " " + attribute.type + collate_clause(attribute.collation);
}

const catalog::CompositeAttribute* find(const CompositeType& type, const std::string& name) {
    for (const auto& attribute : type.attributes) {
        if (attribute.name == name) return &attribute;
    }
    return nullptr;
}

}  // namespace

Statements sql_of(const CreateCompositeType& change) {
    std::vector<std::string> attributes;
    for (const auto& attribute : change.type.attributes) attributes.push_back(attribute_definition(attribute));
    return {"CREATE TYPE " + sql::qualified(change.type.name) + " AS (" + join(attributes, ", ") + ")"};
}

Statements sql_of(const DropCompositeType& change) {
    return {"DROP TYPE " + sql::qualified(change.type.name)};
}

// Never CASCADE: a type used by a table column cannot change this way, and
// the server says so.
Statements sql_of(const AlterCompositeType& change) {
    std::vector<std::string> actions;
    for (const auto& old : change.from.attributes) {
        if (!find(change.to, old.name)) actions.push_back("DROP ATTRIBUTE " + sql::ident(old.name));
    }
    for (const auto& now : change.to.attributes) {
        const auto* old = find(change.from, now.name);
        if (old && *old != now) {
            actions.push_back("ALTER ATTRIBUTE " + sql::ident(now.name) + " TYPE " + now.type +
                              collate_clause(now.collation));
        } else if (!old) {
            actions.push_back("ADD ATTRIBUTE " + attribute_definition(now));
        }
    }
    return {"ALTER TYPE " + sql::qualified(change.to.name) + " " + join(actions, ", ")};
}

std::string description_of(const CreateCompositeType& change) {
    std::vector<std::string> names;
    for (const auto& attribute : change.type.attributes) names.push_back(attribute.name + " " + attribute.type);
    return "create composite type " + catalog::display(change.type.name) + " (" + join(names, ", ") + ")";
}
std::string description_of(const DropCompositeType& change) {
    return "drop composite type " + catalog::display(change.type.name);
}
std::string description_of(const AlterCompositeType& change) {
    return "alter the attributes of composite type " + catalog::display(change.to.name);
}

}  // namespace reconcile::engine::render_detail
