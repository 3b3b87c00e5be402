#include <initializer_list>
#include <string_view>

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

namespace {

// Keys are quoted identifiers, so names containing "." or spaces cannot
// make two different objects share a key: kind "schema"."name"... Built in
// one buffer, as a load makes one for every column.
std::string source_key(std::string_view kind, std::initializer_list<std::string_view> names) {
    std::size_t size = kind.size() + 1;
    for (auto name : names) size += name.size() + 3;
    std::string key;
    key.reserve(size);
    key += kind;
    key += ' ';
    for (auto name = names.begin(); name != names.end(); ++name) {
        if (name != names.begin()) key += '.';
        key += catalog::quote_identifier(*name);
    }
    return key;
}

}  // namespace

std::string source_key_schema(const std::string& schema) {
    return source_key("schema", {schema});
}

std::string source_key_table(const catalog::QualifiedName& table) {
    return source_key("table", {table.schema, table.name});
}

std::string source_key_column(const catalog::QualifiedName& table, const std::string& column) {
    return source_key("column", {table.schema, table.name, column});
}

std::string source_key_constraint(const catalog::QualifiedName& table, const std::string& constraint) {
    return source_key("constraint", {table.schema, table.name, constraint});
}

std::string source_key_index(const catalog::QualifiedName& table, const std::string& index) {
    return source_key("index", {table.schema, table.name, index});
}

std::string source_key_enum(const catalog::QualifiedName& type) {
    return source_key("enum", {type.schema, type.name});
}

}  // namespace reconcile::desired_state
