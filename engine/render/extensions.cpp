#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

// Never CASCADE, never IF NOT EXISTS: an extension that exists already, or
// is missing a dependency, is an error to see, not to skip.
Statements sql_of(const CreateExtension& change) {
    const auto& extension = change.extension;
    std::string out = "CREATE EXTENSION " + sql::ident(extension.name) + " WITH SCHEMA " + sql::ident(extension.schema);
    if (extension.version) out += " VERSION " + sql::literal(*extension.version);
    return {out};
}

// Without CASCADE the server refuses while anything outside the extension
// still uses its types, functions or operators.
Statements sql_of(const DropExtension& change) {
    return {"DROP EXTENSION " + sql::ident(change.extension.name)};
}

Statements sql_of(const AlterExtension& change) {
    Statements out;
    const std::string target = "ALTER EXTENSION " + sql::ident(change.to.name);
    if (change.from.schema != change.to.schema) out.push_back(target + " SET SCHEMA " + sql::ident(change.to.schema));
    if (change.from.version != change.to.version && change.to.version) {
        out.push_back(target + " UPDATE TO " + sql::literal(*change.to.version));
    }
    return out;
}

std::string description_of(const CreateExtension& change) {
    std::string out = "create extension " + change.extension.name + " in schema " + change.extension.schema;
    if (change.extension.version) out += " (version " + *change.extension.version + ")";
    return out;
}

std::string description_of(const DropExtension& change) {
    return "drop extension " + change.extension.name;
}

std::string description_of(const AlterExtension& change) {
    std::vector<std::string> parts;
    if (change.from.schema != change.to.schema) {
        parts.push_back("move from schema " + change.from.schema + " to " + change.to.schema);
    }
    if (change.from.version != change.to.version) {
        parts.push_back("update from version " + change.from.version.value_or("?") + " to " +
                        change.to.version.value_or("?"));
    }
    return "alter extension " + change.to.name + ": " + join(parts, ", ");
}

}  // namespace reconcile::engine::render_detail
