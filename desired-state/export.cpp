// write_manifests: the model as a manifest directory. Re-exporting mirrors
// the database: files are rewritten only when their content changes, and
// manifests of tables that no longer exist are removed.
#include <algorithm>
#include <stdexcept>
#include <system_error>

#include "desired-state/export_json.hpp"
#include "desired-state/export_steps.hpp"
#include "desired-state/file_names.hpp"
#include "desired-state/manifests.hpp"

namespace reconcile::desired_state {

namespace fs = std::filesystem;

namespace detail {

std::string encode_file_name(std::string_view name) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        auto byte = static_cast<unsigned char>(name[i]);
        bool keep = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9') ||
                    byte == '_' || byte == '-' || (byte == '.' && i > 0);
        if (keep) {
            out += static_cast<char>(byte);
        } else {
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 0xF];
        }
    }
    return out;
}

fs::path table_file_path(const catalog::QualifiedName& table) {
    std::string directory = encode_file_name(table.schema);
    // A schema named "schemas.json" must not turn into a directory that
    // shadows the schema file.
    if (directory == schema_file_name) directory = "schemas%2Ejson";
    if (directory == roles_file_name) directory = "roles%2Ejson";
    return fs::path(directory) / (encode_file_name(table.name) + ".json");
}

namespace {

fs::path routine_file_path(const catalog::ObjectId& id, const std::string& folder, bool overloaded) {
    std::string name = id.name;
    if (overloaded) {
        name += "(";
        for (std::size_t i = 0; i < id.arguments.size(); ++i) name += (i ? ", " : "") + id.arguments[i];
        name += ")";
    }
    return table_file_path({id.schema, folder}).replace_extension() / (encode_file_name(name) + ".json");
}

}  // namespace

fs::path function_file_path(const catalog::ObjectId& id, bool overloaded) {
    return routine_file_path(id, "functions", overloaded);
}

fs::path aggregate_file_path(const catalog::ObjectId& id, bool overloaded) {
    return routine_file_path(id, "aggregates", overloaded);
}

}  // namespace detail

namespace {

// A body of more than one line goes to a .sql file beside its manifest,
// where a review shows its changes line by line.
void add_function_files(const catalog::Model& model, std::map<fs::path, std::string>& files) {
    std::map<catalog::QualifiedName, int> names;
    for (const auto& function : model.functions) ++names[function.name];
    for (const auto& function : model.functions) {
        const bool overloaded = names[function.name] > 1;
        const fs::path manifest = detail::function_file_path(function.id(), overloaded);
        std::optional<std::string> body_file;
        if (function.body.find('\n') != std::string::npos) {
            fs::path body = manifest;
            body.replace_extension(".sql");
            body_file = body.filename().string();
            files[body] = function.body;
        }
        files[manifest] = detail::render_document(detail::function_document(model, function, body_file));
    }
}

}  // namespace

std::map<fs::path, std::string> render_manifests(const catalog::Model& input) {
    // Sorted inside: file content must not depend on the order objects were read in.
    catalog::Model model = detail::with_referenced_roles(input);
    std::map<fs::path, std::string> files;
    files[fs::path(detail::schema_file_name)] = detail::render_document(detail::schema_document(model));
    if (!model.roles.empty() || !model.external_roles.empty()) {
        files[fs::path(detail::roles_file_name)] = detail::render_document(detail::roles_document(model));
    }
    for (const auto& table : model.tables) {
        files[detail::table_file_path(table.name)] = detail::render_document(detail::table_document(model, table));
    }
    add_function_files(model, files);
    std::map<catalog::QualifiedName, int> aggregate_names;
    for (const auto& aggregate : model.aggregates) ++aggregate_names[aggregate.name];
    for (const auto& aggregate : model.aggregates) {
        files[detail::aggregate_file_path(aggregate.id(), aggregate_names[aggregate.name] > 1)] =
            detail::render_document(detail::aggregate_document(model, aggregate));
    }
    // A query of more than one line goes to a .sql file beside the view's
    // manifest, where a review shows a diff of code, not of a JSON string.
    // The file ends the query with ';' as a .sql file would (the reader
    // drops it again).
    for (const auto& view : model.views) {
        auto path = detail::table_file_path(view.name);
        std::string query_file;
        if (view.definition.find('\n') != std::string::npos) {
            auto sql = path;
            sql.replace_extension(".sql");
            query_file = sql.filename().string();
            files[sql] = view.definition + ";\n";
        }
        files[path] = detail::render_document(detail::view_document(model, view, query_file));
    }
    return files;
}

fs::path manifest_path_of(const catalog::Model& model, const catalog::ObjectId& id) {
    using catalog::ObjectKind;
    if (id.kind == ObjectKind::role) return detail::roles_file_name;
    if (id.kind == ObjectKind::function || id.kind == ObjectKind::procedure) {
        auto same_name = std::count_if(model.functions.begin(), model.functions.end(), [&](const catalog::Function& f) {
            return f.name == catalog::QualifiedName{id.schema, id.name};
        });
        return detail::function_file_path(id, same_name > 1);
    }
    if (id.kind == ObjectKind::aggregate) {
        auto same_name = std::count_if(model.aggregates.begin(), model.aggregates.end(),
                                       [&](const catalog::Aggregate& a) { return a.name == id.qualified(); });
        return detail::aggregate_file_path(id, same_name > 1);
    }
    // A table, view, or one of their members (also of one not created
    // yet): the file named after them.
    constexpr ObjectKind relation_kinds[] = {ObjectKind::table,      ObjectKind::column,  ObjectKind::constraint,
                                             ObjectKind::index,      ObjectKind::trigger, ObjectKind::policy,
                                             ObjectKind::view,       ObjectKind::materialized_view,
                                             ObjectKind::partitioned_table, ObjectKind::partition};
    const catalog::QualifiedName relation{id.schema, id.name};
    const bool relation_file = std::find(std::begin(relation_kinds), std::end(relation_kinds), id.kind) !=
                                   std::end(relation_kinds) ||
                               model.find_table(relation) || model.find_view(relation);
    return relation_file ? detail::table_file_path(relation) : fs::path(detail::schema_file_name);
}

ExportResult write_manifests(const catalog::Model& model, const fs::path& dir) {
    auto files = render_manifests(model);

    // Everything is checked before anything is written.
    auto work = detail::check_export_directory(dir, files);
    ExportResult result;
    std::error_code error;
    bool created = fs::create_directories(dir, error);
    if (error) throw std::runtime_error("cannot create directory " + dir.string() + ": " + error.message());
    try {
        detail::StagedFiles staged(dir);
        for (const auto& [relative, content] : work.write) {
            staged.stage(relative, content);
            result.written.push_back(relative);
        }
        staged.commit();
    } catch (...) {
        // StagedFiles removed what it wrote; a directory made for this
        // export goes too, so a failed export leaves nothing behind.
        std::error_code ignored;
        if (created) fs::remove(dir, ignored);
        throw;
    }
    for (const auto& relative : work.remove) {
        fs::remove(dir / relative);
        result.removed.push_back(relative);
        // A schema directory left empty goes too; remove() leaves it if not.
        std::error_code ignored;
        auto parent = (dir / relative).parent_path();
        if (relative.has_parent_path() && fs::is_empty(parent, ignored)) fs::remove(parent, ignored);
    }
    return result;
}

}  // namespace reconcile::desired_state
