// Views and materialized views canonicalized: the desired ones whose query
// text is not the live view's are created in scratch, with the tables they
// read that are new or changing, and read back with the catalog reader.
#include "engine/canonicalize/views.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "catalog/introspect/introspector.hpp"
#include "catalog/model/identifier.hpp"
#include "engine/canonicalize/canonicalizer.hpp"
#include "engine/canonicalize/scratch_batch.hpp"
#include "engine/canonicalize/scratch_names.hpp"
#include "engine/canonicalize/scratch_references.hpp"
#include "engine/canonicalize/scratch_session.hpp"
#include "engine/diff/mentions.hpp"
#include "engine/render/render.hpp"

namespace reconcile::engine::canonicalize_detail {

namespace {

using catalog::Model;
using catalog::QualifiedName;

// A view whose query text is the live view's (an export, an unchanged
// manifest) is canonical as written: the live text is the server's own.
// Changed storage parameters send a materialized view to scratch, as they
// send a table: the server checks their names and values at plan time
// rather than at apply.
bool view_already_canonical(const catalog::View& want, const catalog::View* have) {
    if (!have || have->materialized != want.materialized || have->definition != want.definition) return false;
    if (want.storage != have->storage) return false;
    if (want.indexes.size() != have->indexes.size()) return false;
    for (std::size_t i = 0; i < want.indexes.size(); ++i) {
        auto w = want.indexes[i], h = have->indexes[i];
        w.comment = h.comment = std::nullopt;
        if (!(w == h)) return false;
    }
    if (want.columns.empty()) return true;
    if (want.columns.size() != have->columns.size()) return false;
    for (std::size_t i = 0; i < want.columns.size(); ++i) {
        if (want.columns[i].name != have->columns[i].name) return false;
    }
    return true;
}

// Views that mention another view's name come after it: the order the
// scratch copies can be created in. Textual, so it may over-order, which
// is harmless; views cannot form a cycle.
std::vector<const catalog::View*> in_creation_order(std::vector<const catalog::View*> views) {
    std::vector<const catalog::View*> out;
    std::set<const catalog::View*> placed;
    while (out.size() < views.size()) {
        bool progressed = false;
        for (const auto* view : views) {
            if (placed.count(view)) continue;
            bool waits = std::any_of(views.begin(), views.end(), [&](const catalog::View* other) {
                return other != view && !placed.count(other) && expression_mentions(view->definition, other->name.name);
            });
            if (waits) continue;
            out.push_back(view);
            placed.insert(view);
            progressed = true;
        }
        if (!progressed) {  // mentions in both directions: leave the rest to the server
            for (const auto* view : views) {
                if (placed.insert(view).second) out.push_back(view);
            }
        }
    }
    return out;
}

void map_view(catalog::View& view, const ScratchNames& names, const std::vector<std::string>& quoted) {
    auto real = [&](std::string& schema) {
        const auto& scratch = names.scratch_schemas();
        if (std::find(scratch.begin(), scratch.end(), schema) != scratch.end()) schema = names.real_of(schema);
    };
    real(view.name.schema);
    view.definition = names.to_real(view.definition, quoted);
    for (auto& column : view.columns) column.type = names.to_real(column.type, quoted);
    for (auto& used : view.uses) {
        real(used.schema);
        for (auto& argument : used.arguments) argument = names.to_real(argument, quoted);
    }
}

}  // namespace

// The desired views that are not canonical as written, created in scratch
// in one always-rolled-back transaction together with the tables they may
// read that are new or changing (the others are read where they are), then
// read back with the catalog reader: pg_get_viewdef under the same empty
// search_path as the live read, output columns with their types, and what
// each one reads. A query naming a claimed relation schema-qualified is
// pointed at its scratch copy when there is one.
void canonicalize_views(Model& want, const Model& live, catalog::Connection& conn,
                        const std::vector<const catalog::Table*>& changing_tables,
                        const std::set<QualifiedName>& renamed) {
    std::vector<const catalog::View*> to_server;
    for (const auto& view : want.views) {
        // A renamed view goes to scratch whatever its text: a view that
        // reads it by its new name can only be created there.
        if (renamed.count(view.name) || !view_already_canonical(view, live.find_view(view.name))) {
            to_server.push_back(&view);
        }
    }
    if (to_server.empty()) return;
    std::vector<std::string> real;
    for (const auto& schema : want.schemas) real.push_back(schema.name);
    ScratchNames names(real);

    // The signatures of the functions the views call may name a table's
    // row type (FROM s.above(1) returning SETOF s.projects).
    std::vector<std::string> signatures;
    for (const auto& function : want.functions) {
        const std::string call = function.name.name + "(";
        bool called = std::any_of(to_server.begin(), to_server.end(), [&](const catalog::View* view) {
            return view->definition.find(call) != std::string::npos;
        });
        if (!called) continue;
        std::string signature = function.returns.value_or("");
        for (const auto& argument : function.arguments) signature += " " + argument.type;
        signatures.push_back(std::move(signature));
    }
    std::vector<const catalog::Table*> tables;
    std::set<QualifiedName> relations;
    for (const auto* table : changing_tables) {
        auto mentioned = [&](const std::string& text) { return expression_mentions(text, table->name.name); };
        bool read = std::any_of(to_server.begin(), to_server.end(),
                                [&](const catalog::View* view) { return mentioned(view->definition); }) ||
                    std::any_of(signatures.begin(), signatures.end(), mentioned);
        if (!read) continue;
        tables.push_back(table);
    }
    // An INHERITS child or a partition the views read cannot be created in
    // scratch without its parents (a new database has none of them live).
    tables = with_what_they_stand_on(std::move(tables), want);
    for (const auto* table : tables) relations.insert(table->name);
    for (const auto* view : to_server) relations.insert(view->name);
    // A declared sequence that a view reads as a relation: every one has a
    // scratch copy, and a new or renamed one exists only there.
    for (const auto& sequence : want.sequences) relations.insert(sequence.name);
    std::vector<std::string> queries;
    for (const auto* view : to_server) queries.push_back(view->definition);
    std::vector<ScratchStatement> statements = scratch_statements(want, live, tables, names, queries);
    ScratchReferences references(want, names, relations);
    for (const auto* view : in_creation_order(to_server)) {
        catalog::View scratch = *view;
        scratch.name.schema = names.scratch_of(view->name.schema);
        scratch.definition = references.rewrite(view->definition);
        scratch.comment.reset();
        scratch.indexes.clear();
        // Options are not printed text; WITH NO DATA saves running the query.
        // Storage parameters stay, so the server rejects a bad one at plan
        // time, naming the view.
        scratch.security_invoker = false;
        scratch.with_no_data = true;
        for (auto& sql : render_sql(CreateView{scratch, false})) {
            statements.push_back({std::move(sql), Creates::desired_object, view->id(), {}});
        }
        for (auto index : view->indexes) {
            index.comment.reset();
            for (auto& key : index.keys) {
                if (key.expression) key.expression = references.rewrite(*key.expression);
            }
            if (index.where) index.where = references.rewrite(*index.where);
            for (auto& sql : render_sql(CreateIndex{scratch.name, index})) {
                statements.push_back(
                    {std::move(sql), Creates::desired_object, catalog::index_id(view->name, index.name), {}});
            }
        }
    }

    auto [scratch, quoted] = run_scratch_batch(conn, statements, names, real);
    std::map<QualifiedName, catalog::View> read;
    for (auto& view : scratch.views) {
        map_view(view, names, quoted);
        auto name = view.name;
        read.insert_or_assign(std::move(name), std::move(view));
    }
    for (auto& view : want.views) {
        auto found = read.find(view.name);
        if (found != read.end()) {
            for (auto& index : found->second.indexes) {
                for (auto& key : index.keys) {
                    if (key.expression) key.expression = names.to_real(*key.expression, quoted);
                }
                if (index.where) index.where = names.to_real(*index.where, quoted);
            }
        }
        if (found == read.end()) continue;
        // Options, comments and indexes are the manifest's: not printed by
        // the server, or not created in scratch.
        view.definition = found->second.definition;
        view.columns = found->second.columns;
        view.uses = found->second.uses;
        for (auto& index : found->second.indexes) {
            if (auto written = std::find_if(view.indexes.begin(), view.indexes.end(),
                                            [&](const catalog::Index& i) { return i.name == index.name; });
                written != view.indexes.end()) {
                index.comment = written->comment;
            }
        }
        view.indexes = std::move(found->second.indexes);
    }
}

// The live spelling of what view_already_canonical found equal.
void views_as_live_spell_them(Model& want, const Model& live) {
    for (auto& view : want.views) {
        const auto* have = live.find_view(view.name);
        if (!have || !view_already_canonical(view, have)) continue;
        view.columns = have->columns;
        view.uses = have->uses;
    }
}

// A view's output columns are known only now: a comment on a column the
// query does not give is the manifest's mistake, named before apply.
void check_column_comments(const Model& want) {
    for (const auto& view : want.views) {
        for (const auto& [column, comment] : view.column_comments) {
            bool found = std::any_of(view.columns.begin(), view.columns.end(),
                                     [&](const catalog::ViewColumn& c) { return c.name == column; });
            if (found) continue;
            throw CanonicalizeError(
                view.id(), fmt::format("{} {} has no column \"{}\" to comment on (column_comments)",
                                       catalog::kind_name(view.id().kind), catalog::display(view.name), column));
        }
    }
}

}  // namespace reconcile::engine::canonicalize_detail
