#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

namespace {

using catalog::CheckOption;

// pg_get_viewdef ends its text with ';' (and a manifest's query may too);
// inside CREATE VIEW ... AS <query> WITH CHECK OPTION it must not.
std::string query_text(const std::string& definition) {
    std::size_t end = definition.size();
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (end > 0 && blank(definition[end - 1])) --end;
    if (end > 0 && definition[end - 1] == ';') --end;
    return definition.substr(0, end);
}

std::string view_kind(const View& view) {
    return view.materialized ? "materialized view" : "view";
}

std::string create_statement(const View& view, bool or_replace) {
    std::string out = or_replace ? "CREATE OR REPLACE " : "CREATE ";
    out += view.materialized ? "MATERIALIZED VIEW " : "VIEW ";
    out += sql::qualified(view.name);
    // Names the manifest gives the columns (no type yet: not read back from
    // the server). The server's own definition names them with AS.
    bool named = !view.columns.empty() && view.columns.front().type.empty();
    if (named) {
        std::vector<std::string> names;
        for (const auto& column : view.columns) names.push_back(column.name);
        out += " (" + sql::ident_list(names) + ")";
    }
    std::vector<std::string> options;
    if (view.security_barrier) options.push_back("security_barrier=true");
    if (view.security_invoker) options.push_back("security_invoker=true");
    if (!options.empty()) out += " WITH (" + join(options, ", ") + ")";
    if (!view.storage.empty()) out += " WITH " + sql::storage_list(view.storage);
    // On a line of its own, after the query: a query from a .sql file may
    // end in a -- comment.
    out += " AS\n" + query_text(view.definition) + "\n";
    if (view.check_option == CheckOption::local) out += "WITH LOCAL CHECK OPTION";
    if (view.check_option == CheckOption::cascaded) out += "WITH CASCADED CHECK OPTION";
    if (view.materialized) out += view.with_no_data ? "WITH NO DATA" : "WITH DATA";
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

}  // namespace

Statements sql_of(const CreateView& change) {
    return {create_statement(change.view, false)};
}

Statements sql_of(const ReplaceView& change) {
    return {create_statement(change.to, true)};
}

Statements sql_of(const DropView& change) {
    return {std::string(change.view.materialized ? "DROP MATERIALIZED VIEW " : "DROP VIEW ") +
            sql::qualified(change.view.name)};
}

Statements sql_of(const SetViewStorage& change) {
    auto actions = storage_actions(change.from, change.to);
    if (actions.empty()) return {};
    return {"ALTER MATERIALIZED VIEW " + sql::qualified(change.view) + " " + actions};
}

std::string description_of(const CreateView& change) {
    std::string out = (change.recreated ? "re-create " : "create ") + view_kind(change.view) + " " +
                      catalog::display(change.view.name);
    if (change.view.materialized && change.recreated) {
        out += change.view.with_no_data ? " (empty until REFRESH MATERIALIZED VIEW)" : " (its query runs again)";
    }
    return out;
}

std::string description_of(const DropView& change) {
    return "drop " + view_kind(change.view) + " " + catalog::display(change.view.name);
}

std::string description_of(const ReplaceView& change) {
    return "replace view " + catalog::display(change.to.name) + " (CREATE OR REPLACE: same columns" +
           (change.to.columns.size() > change.from.columns.size() ? ", new ones last" : "") + ")";
}

std::string description_of(const SetViewStorage& change) {
    return "change storage parameters of materialized view " + catalog::display(change.view) + ": (" +
           join(change.from, ", ") + ") -> (" + join(change.to, ", ") + ")";
}

}  // namespace reconcile::engine::render_detail
