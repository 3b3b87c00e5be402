// View files: one view or materialized view, its query inline ("query") or
// in a .sql file beside it ("query_file"):
//   {"schema": "public", "view": "active_users", "query_file": "active_users.sql",
//    "security_invoker": true, "column_comments": {"last_seen": "UTC"}}
//   {"materialized_view": "daily_totals", "query": "SELECT ...", "with_no_data": true,
//    "storage_parameters": {"fillfactor": 70}, "indexes": {"daily_totals_day_idx": {"columns": ["day"]}}}
#include <algorithm>

#include "desired-state/edit_distance.hpp"
#include "desired-state/loader.hpp"
#include "desired-state/sql_text.hpp"
#include "desired-state/vocabulary.hpp"

namespace reconcile::desired_state::detail {

bool is_view_file(const Json& document) {
    return document.is_object() && (document.contains("view") || document.contains("materialized_view"));
}

std::optional<ViewDeclaration> read_view_file(const Json& document, Problems& problems) {
    ObjectReader reader(document, "", problems,
                        {"$schema",
                         "schema",
                         "view",
                         "materialized_view",
                         "comment",
                         "query",
                         "query_file",
                         "columns",
                         "column_comments",
                         "check_option",
                         "security_barrier",
                         "security_invoker",
                         "with_no_data",
                         "storage_parameters",
                         "indexes",
                         "triggers",
                         "owner",
                         "owner_privileges",
                         "grants",
                         "renamed_from"});
    if (!reader.valid()) return std::nullopt;
    reader.string("$schema");
    bool materialized = reader.has("materialized_view");
    if (materialized && reader.has("view")) {
        problems.error(reader.pointer("view"), "a view file declares either \"view\" or \"materialized_view\"");
        return std::nullopt;
    }
    const char* name_key = materialized ? "materialized_view" : "view";
    auto name = reader.string(name_key, Need::required);
    auto schema = reader.string("schema").value_or("public");
    bool named = name && check_identifier(*name, reader.pointer(name_key), problems, "view");
    if (!check_identifier(schema, reader.pointer("schema"), problems, "schema") || !named) return std::nullopt;

    catalog::View view;
    view.name = {std::move(schema), std::move(*name)};
    view.materialized = materialized;
    view.comment = reader.string("comment");
    if (auto query = read_code(reader, "query", "query_file")) view.definition = trim_statement_end(*query);
    if (auto columns = reader.strings("columns")) {
        for (std::size_t i = 0; i < columns->size(); ++i) {
            auto pointer = pointer_join(reader.pointer("columns"), i);
            const auto& column = (*columns)[i];
            if (!check_identifier(column, pointer, problems, "column")) continue;
            bool repeated = std::any_of(view.columns.begin(), view.columns.end(),
                                        [&](const catalog::ViewColumn& c) { return c.name == column; });
            if (repeated) problems.error(pointer, "column \"" + column + "\" is listed twice");
            view.columns.push_back({column, ""});
        }
    }
    if (const Json* comments = reader.object("column_comments")) {
        for (const auto& [column, value] : comments->items()) {
            auto pointer = pointer_join(reader.pointer("column_comments"), column);
            if (!check_identifier(column, pointer, problems, "column")) continue;
            if (!value.is_string()) {
                problems.error(pointer, "expected a string, got " + describe_type(value));
                continue;
            }
            view.column_comments.emplace(column, value.get<std::string>());
        }
    }
    if (auto option = read_word(reader, "check_option", check_options, "check option")) view.check_option = *option;
    view.security_barrier = reader.boolean("security_barrier").value_or(false);
    view.security_invoker = reader.boolean("security_invoker").value_or(false);
    view.with_no_data = reader.boolean("with_no_data").value_or(false);
    if (materialized) view.storage = reader.storage_parameters("storage_parameters");
    auto only = [&](const char* key, bool allowed, const char* why) {
        if (reader.has(key) && !allowed) problems.error(reader.pointer(key), why);
    };
    only("with_no_data", materialized, "only a materialized view can be WITH NO DATA");
    only("indexes", materialized, "only a materialized view has indexes");
    only("storage_parameters", materialized,
         "only a materialized view has storage parameters (a view's options are check_option, security_barrier "
         "and security_invoker)");
    only("check_option", !materialized, "a materialized view cannot have a check option");
    only("security_barrier", !materialized, "a materialized view cannot be a security barrier");
    only("security_invoker", !materialized, "security_invoker applies to views, not materialized views");
    only("triggers", !materialized, "a materialized view cannot have triggers");

    ViewDeclaration out{std::move(view), {}, {}, {}};
    read_owner(reader, out.view.id(), out.declared);
    read_grants(reader, "grants", out.view.id(), out.declared);
    // ALTER [MATERIALIZED] VIEW ... RENAME TO, or SET SCHEMA from another
    // claimed schema ("schema.name").
    if (auto rename = read_renamed_from(reader, out.view.id(), OtherSchema::allowed)) {
        out.renames.push_back(std::move(*rename));
    }
    if (materialized && reader.has("indexes")) {
        // The index reader checks key columns against a table's columns;
        // a materialized view's columns are only known to the server (or
        // from "columns"), so those checks are left to it.
        TableReading reading{{}, problems, {}, {}, {}, false, {}, {}};
        reading.table.name = out.view.name;
        reading.unknown_columns = out.view.columns.empty();
        for (const auto& column : out.view.columns) reading.table.columns.push_back({column.name, "text"});
        read_indexes(reader, reading);
        out.view.indexes = std::move(reading.table.indexes);
        out.sources = std::move(reading.sources);
    }
    if (!materialized && reader.has("triggers")) {
        // As for indexes: "update_of" columns are checked against the
        // view's when its file lists them, else by the server.
        TableReading reading{{}, problems, {}, {}, {}, false, {}, {}};
        reading.table.name = out.view.name;
        reading.unknown_columns = out.view.columns.empty();
        for (const auto& column : out.view.columns) reading.table.columns.push_back({column.name, "text"});
        read_view_triggers(reader, reading);
        out.view.triggers = std::move(reading.table.triggers);
        for (auto& source : reading.sources) out.sources.insert(std::move(source));
    }
    return out;
}

void add_view(ViewDeclaration declaration, Problems& problems, Draft& draft) {
    auto key = declaration.view.id();
    const std::string pointer = pointer_join("", declaration.view.materialized ? "materialized_view" : "view");
    // A view and a materialized view of one name are one relation.
    auto other = key;
    other.kind = declaration.view.materialized ? catalog::ObjectKind::view : catalog::ObjectKind::materialized_view;
    for (const auto& id : {key, other}) {
        if (auto previous = draft.sources.find(id); previous != draft.sources.end()) {
            problems.error(pointer, "view " + catalog::display(declaration.view.name) + " is declared twice: in " +
                                        previous->second.file + " and in " + problems.file());
            return;
        }
    }
    draft.sources.emplace(key, problems.at(pointer));
    for (auto& source : declaration.sources) draft.sources.insert(std::move(source));
    draft.model.views.push_back(std::move(declaration.view));
    draft.declared.append(std::move(declaration.declared));
    for (auto& rename : declaration.renames) draft.model.renames.push_back(std::move(rename));
}

// A view lives in a claimed schema, and shares the relation namespace with
// the tables there.
void check_views(Draft& draft) {
    std::vector<std::string> declared;
    for (const auto& schema : draft.model.schemas) declared.push_back(schema.name);
    for (const auto& view : draft.model.views) {
        auto problems = problems_at(draft, view.id());
        if (!draft.model.find_schema(view.name.schema)) {
            problems.error("/schema",
                           "schema \"" + view.name.schema +
                               "\" is not declared in any schema file; declare it in a "
                               "schema file",
                           closest(view.name.schema, declared));
        }
        if (draft.model.find_table(view.name)) {
            problems.error(source_of(draft, view.id()).pointer, "table " + catalog::display(view.name) +
                                                                    " has the same name; tables and views share "
                                                                    "names within a schema");
        }
    }
}

}  // namespace reconcile::desired_state::detail
