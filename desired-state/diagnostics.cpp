#include "catalog/model/identifier.hpp"
#include "desired-state/manifests.hpp"

namespace reconcile::desired_state {

namespace {

std::string join(const std::vector<Diagnostic>& diagnostics) {
    std::string out;
    for (const auto& diagnostic : diagnostics) {
        if (!out.empty()) out += '\n';
        out += diagnostic.to_string();
    }
    return out;
}

}  // namespace

std::string Diagnostic::to_string() const {
    std::string out = where.file;
    if (!out.empty()) out += ": ";
    if (!where.pointer.empty()) out += where.pointer + ": ";
    out += message;
    if (!suggestion.empty()) out += " (did you mean \"" + suggestion + "\"?)";
    return out;
}

ManifestError::ManifestError(std::vector<Diagnostic> diagnostics_)
    : std::runtime_error(join(diagnostics_)), diagnostics(std::move(diagnostics_)) {}

// Keys are quoted identifiers, so names containing "." or spaces cannot
// make two different objects share a key.
std::string source_key_schema(const std::string& schema) {
    return "schema " + catalog::quote_identifier(schema);
}

std::string source_key_table(const catalog::QualifiedName& table) {
    return "table " + catalog::quote_identifier(table.schema) + "." + catalog::quote_identifier(table.name);
}

std::string source_key_column(const catalog::QualifiedName& table, const std::string& column) {
    return "column " + catalog::quote_identifier(table.schema) + "." + catalog::quote_identifier(table.name) + "." +
           catalog::quote_identifier(column);
}

std::string source_key_constraint(const catalog::QualifiedName& table, const std::string& constraint) {
    return "constraint " + catalog::quote_identifier(table.schema) + "." + catalog::quote_identifier(table.name) + "." +
           catalog::quote_identifier(constraint);
}

std::string source_key_index(const catalog::QualifiedName& table, const std::string& index) {
    return "index " + catalog::quote_identifier(table.schema) + "." + catalog::quote_identifier(table.name) + "." +
           catalog::quote_identifier(index);
}

std::string source_key_enum(const catalog::QualifiedName& type) {
    return "enum " + catalog::quote_identifier(type.schema) + "." + catalog::quote_identifier(type.name);
}

}  // namespace reconcile::desired_state
