// Views and materialized views. A changed view whose output columns stay
// compatible is CREATE OR REPLACE VIEW; a materialized view's storage
// parameters are ALTER MATERIALIZED VIEW ... SET / RESET; anything else is a
// drop and a create, and PostgreSQL then needs every view that reads it (and
// every view reading a column whose type changes or that goes) dropped first
// and re-created after, which the `uses` the catalog recorded tell.
#include <map>

#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

namespace {

using catalog::View;

// What only a re-creation (or CREATE OR REPLACE) changes: a materialized
// view's storage parameters change in place, like its comment and indexes.
View state_of(View view) {
    view.storage.clear();
    view.comment.reset();
    view.column_comments.clear();
    view.indexes.clear();
    view.triggers.clear();
    view.uses.clear();
    return view;
}

// CREATE OR REPLACE VIEW keeps the old output columns, names and types in
// order, and may only add columns after them; a materialized view has no
// OR REPLACE at all.
bool replaceable(const View& have, const View& want) {
    if (have.materialized || want.materialized || want.columns.size() < have.columns.size()) return false;
    for (std::size_t i = 0; i < have.columns.size(); ++i) {
        if (!(have.columns[i] == want.columns[i])) return false;
    }
    return true;
}

// COMMENT ON COLUMN of the output columns; a view created again (or for
// the first time) has none, so `have` is empty then.
void diff_column_comments(const std::map<std::string, std::string>& have, const View& want, DiffResult& out) {
    auto text = [](const std::map<std::string, std::string>& comments, const std::string& column) {
        auto found = comments.find(column);
        return found == comments.end() ? std::optional<std::string>() : found->second;
    };
    std::set<std::string> columns;
    for (const auto& [column, comment] : have) columns.insert(column);
    for (const auto& [column, comment] : want.column_comments) columns.insert(column);
    for (const auto& column : columns) {
        diff_comment(out, catalog::column_id(want.name, column), text(have, column),
                     text(want.column_comments, column));
    }
}

void create_view(const View& want, bool recreated, DiffResult& out) {
    View view = want;
    view.comment.reset();
    view.column_comments.clear();
    view.indexes.clear();
    view.triggers.clear();
    out.changes.push_back(CreateView{std::move(view), recreated});
    comment_new(out, want.id(), want.comment);
    diff_column_comments({}, want, out);
    for (const auto& index : want.indexes) {
        out.changes.push_back(CreateIndex{want.name, without_comment(index)});
        comment_new(out, member_ref(ObjectKind::index, want.name, index.name), index.comment);
    }
    // DROP VIEW takes the triggers with it.
    create_triggers(want, out);
}

// What this diff drops or retypes that a view may read: tables, columns and
// views dropped, columns whose type changes.
std::set<ObjectId> broken_by_tables(const DiffResult& out) {
    std::set<ObjectId> broken;
    for (const Change& change : out.changes) {
        std::visit(overloaded{
                       [&](const DropTable& c) {
                           broken.insert(c.object());
                           for (const auto& column : c.table.columns) {
                               broken.insert(catalog::column_id(c.table.name, column.name));
                           }
                       },
                       [&](const DropColumn& c) { broken.insert(c.object()); },
                       [&](const AlterColumn& c) {
                           if (c.what == ColumnAttribute::type || c.what == ColumnAttribute::collation) {
                               broken.insert(c.object());
                           }
                       },
                       [](const auto&) {},
                   },
                   change);
    }
    return broken;
}

bool uses_any(const View& view, const std::set<ObjectId>& broken) {
    for (const auto& used : view.uses) {
        if (broken.count(used)) return true;
    }
    return false;
}

}  // namespace

void diff_views(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options, DiffResult& out) {
    // What happens to each live view, decided first and emitted last, as a
    // re-creation can spread to the views that read it.
    enum class Action { keep, replace, recreate, drop };
    std::map<QualifiedName, Action> actions;
    merge_by_key(
        have.views, want.views, [](const View& v) -> const QualifiedName& { return v.name; },
        [&](const View& h) {
            if (options.prune == Prune::yes) {
                actions[h.name] = Action::drop;
            } else {
                out.not_in_manifests.push_back(h.id());
            }
        },
        [&](const View& w) { create_view(w, false, out); },
        [&](const View& h, const View& w) {
            if (state_of(h) == state_of(w)) {
                actions[h.name] = Action::keep;
            } else {
                actions[h.name] = replaceable(h, w) ? Action::replace : Action::recreate;
            }
        });

    std::set<ObjectId> broken = broken_by_tables(out);
    // A function dropped and created again (its result type changed) takes
    // the views that call it along: PostgreSQL refuses to drop it under them.
    broken.insert(out.recreated.begin(), out.recreated.end());
    // Another view records what it reads of a view as the view's columns.
    auto break_view = [&](const View& view) {
        broken.insert(view.id());
        for (const auto& column : view.columns) broken.insert(catalog::column_id(view.name, column.name));
    };
    for (const auto& [name, action] : actions) {
        if (action == Action::recreate || action == Action::drop) break_view(*have.find_view(name));
    }
    // A view reading a broken object must go before it and come back after:
    // repeat until no more views join (each round adds at least one).
    for (bool grew = true; grew;) {
        grew = false;
        for (auto& [name, action] : actions) {
            if (action != Action::keep && action != Action::replace) continue;
            const View& h = *have.find_view(name);
            if (!uses_any(h, broken)) continue;
            action = Action::recreate;
            break_view(h);
            grew = true;
        }
    }

    for (const auto& [name, action] : actions) {
        const View& h = *have.find_view(name);
        const View* w = want.find_view(name);
        switch (action) {
            case Action::drop:
                out.changes.push_back(DropView{h});
                break;
            case Action::recreate:
                out.changes.push_back(DropView{h});
                create_view(*w, true, out);
                out.recreated.insert(w->id());
                break;
            case Action::replace: {
                View to = *w;
                to.comment.reset();
                to.column_comments.clear();
                to.indexes.clear();
                to.triggers.clear();
                out.changes.push_back(ReplaceView{h, std::move(to)});
                diff_comment(out, w->id(), h.comment, w->comment);
                diff_column_comments(h.column_comments, *w, out);
                diff_triggers(h, *w, options, out);
                break;
            }
            case Action::keep: {
                // ALTER MATERIALIZED VIEW ... SET / RESET: no re-creation, the
                // rows stay. A re-created one gets them in its CREATE ... WITH.
                if (h.storage != w->storage) out.changes.push_back(SetViewStorage{w->name, h.storage, w->storage});
                diff_comment(out, w->id(), h.comment, w->comment);
                diff_column_comments(h.column_comments, *w, out);
                diff_triggers(h, *w, options, out);
                // A materialized view's indexes, like a table's.
                Table ht, wt;
                ht.name = wt.name = h.name;
                ht.indexes = h.indexes;
                wt.indexes = w->indexes;
                diff_indexes(ht, wt, {}, out);
                break;
            }
        }
    }
}

}  // namespace reconcile::engine::diff_detail
