// Declared renames of schema-level objects other than tables and enums:
// sequences, views and materialized views, functions and procedures. Each is found live under one
// old name (possibly in another schema), renamed in the live model, and
// every text the server prints with its name (a default's
// nextval('public.s'::regclass), a view's query) is spelled as the server
// will print it after the rename, so only real differences reach the diff.
#include <algorithm>

#include "engine/diff/rename_texts.hpp"
#include "engine/diff/renames_internal.hpp"

namespace reconcile::engine::rename_detail {

namespace {

using catalog::Model;
using catalog::Rename;

// What a schema-level object's name is also part of: the ids of its
// columns, indexes and triggers (column privileges on a view, what other
// views read of it).
bool is_relation_member(ObjectKind kind) {
    switch (kind) {
        case ObjectKind::column:
        case ObjectKind::index:
        case ObjectKind::trigger:
            return true;
        default:
            return false;
    }
}

// `id` when it is `kind` named `from`, or one of its members: named `to`.
ObjectId renamed_id(ObjectId id, ObjectKind kind, const QualifiedName& from, const QualifiedName& to) {
    bool ours = id.schema == from.schema && id.name == from.name;
    if (ours && (id.kind == kind || is_relation_member(id.kind))) {
        id.schema = to.schema;
        id.name = to.name;
    }
    return id;
}

void rename_sequence_in(Model& model, const QualifiedName& from, const QualifiedName& to) {
    auto rewrite = [&](std::optional<std::string>& text) {
        if (text) *text = rename_regclass_in_expression(*text, from, to);
    };
    for (auto& sequence : model.sequences) {
        if (sequence.name == from) sequence.name = to;
    }
    for (auto& table : model.tables) {
        for (auto& column : table.columns) rewrite(column.default_expr);
    }
    for (auto& domain : model.domains) rewrite(domain.default_expr);
    for (auto& function : model.functions) {
        for (auto& argument : function.arguments) rewrite(argument.default_expr);
    }
    // A view may draw from it (nextval) or read it as a relation.
    for (auto& view : model.views) {
        view.definition = rename_relation_in_query(rename_regclass_in_expression(view.definition, from, to), from, to);
    }
    rename_ids(model, [&](ObjectId id) { return renamed_id(std::move(id), ObjectKind::sequence, from, to); });
    model.normalize();
}

void rename_view_in(Model& model, const QualifiedName& from, const QualifiedName& to) {
    ObjectKind kind = ObjectKind::view;
    for (auto& view : model.views) {
        if (view.name != from) continue;
        view.name = to;
        kind = view.id().kind;
    }
    for (auto& view : model.views) view.definition = rename_relation_in_query(view.definition, from, to);
    for (auto& table : model.tables) {
        for (auto& policy : table.policies) {
            for (auto* text : {&policy.using_expr, &policy.check_expr}) {
                if (*text) *text = rename_relation_in_query(**text, from, to);
            }
        }
    }
    // A SQL-standard body is stored parsed and printed by the server, with
    // the view's current name; any other body is text the server keeps.
    for (auto& function : model.functions) {
        if (function.sql_standard_body) function.body = rename_relation_in_query(function.body, from, to);
    }
    rename_ids(model, [&](ObjectId id) { return renamed_id(std::move(id), kind, from, to); });
    model.normalize();
}

// Every text the server prints with a function call in it, spelled after
// the function's rename: the server prints a call by the function's current
// name (the expression stores its oid), schema-qualified under the empty
// search_path the catalog is read with. Textual, as the other renames: a
// call of an overload of the same name is renamed too, which costs a
// replaced object, never a missed change.
void rename_function_in(Model& model, const ObjectId& from, const ObjectId& to) {
    const QualifiedName old_name = from.qualified(), new_name = to.qualified();
    auto rewrite = [&](std::string& text) { text = rename_relation_in_query(text, old_name, new_name); };
    auto rewrite_optional = [&](std::optional<std::string>& text) {
        if (text) rewrite(*text);
    };
    auto follow = [&](QualifiedName& name) {
        if (name == old_name) name = new_name;
    };
    for (auto& function : model.functions) {
        if (function.id() == from) function.name = new_name;
        for (auto& argument : function.arguments) rewrite_optional(argument.default_expr);
        if (function.sql_standard_body) rewrite(function.body);
    }
    for (auto& table : model.tables) {
        rewrite_table_expressions(table, rewrite);
        // A trigger function takes no SQL arguments: only that overload is
        // the one a trigger calls.
        for (auto& trigger : table.triggers) {
            rewrite_optional(trigger.when);
            if (from.arguments.empty()) follow(trigger.function);
        }
    }
    for (auto& view : model.views) {
        rewrite(view.definition);
        for (auto& trigger : view.triggers) {
            if (from.arguments.empty()) follow(trigger.function);
        }
    }
    for (auto& domain : model.domains) {
        rewrite_optional(domain.default_expr);
        for (auto& check : domain.checks) rewrite(check.expression);
    }
    // An aggregate names its support functions without their arguments
    // (the server finds them by the aggregate's types): by name, as calls.
    auto follow_optional = [&](std::optional<QualifiedName>& name) {
        if (name) follow(*name);
    };
    for (auto& aggregate : model.aggregates) {
        follow(aggregate.state_function);
        if (aggregate.final) follow(aggregate.final->function);
        follow_optional(aggregate.combine_function);
        follow_optional(aggregate.serial_function);
        follow_optional(aggregate.deserial_function);
        if (aggregate.moving) {
            follow(aggregate.moving->state_function);
            follow(aggregate.moving->inverse_function);
            if (aggregate.moving->final) follow(aggregate.moving->final->function);
        }
    }
    rename_ids(model, [&](ObjectId id) { return id == from ? to : id; });
    model.normalize();
}

// The serial column whose sequence `name` is, if any: the model keeps such
// a sequence on its column (as `serial`), not in `sequences`.
const catalog::Column* serial_owner(const Model& model, const QualifiedName& name, QualifiedName& table_name) {
    for (const auto& table : model.tables) {
        if (table.name.schema != name.schema) continue;
        for (const auto& column : table.columns) {
            if (column.serial == catalog::Serial::none) continue;
            if (catalog::column_sequence_name(table.name, column) != name) continue;
            table_name = table.name;
            return &column;
        }
    }
    return nullptr;
}

}  // namespace

void rename_sequences(RenameRun& run) {
    for (const Rename& rename : run.want().renames) {
        if (rename.to.kind != ObjectKind::sequence) continue;
        // Renaming a serial column's sequence turns the column into an
        // integer with a nextval() default and the sequence into one of
        // its own in the model; that conversion is not made here, and
        // creating the new sequence instead would restart the numbering.
        for (const auto& old : rename.from) {
            QualifiedName table;
            const catalog::Column* column = serial_owner(run.current(), old.qualified(), table);
            if (!column || run.current().find_sequence(rename.to.qualified())) continue;
            throw PlanError(fmt::format(
                "sequence {} is declared renamed_from {}, which is the sequence of serial column {}; renaming a "
                "serial column's sequence is not supported: rename it by hand (ALTER SEQUENCE ... RENAME TO) "
                "or remove renamed_from",
                catalog::display(rename.to), catalog::display(old),
                catalog::display(catalog::column_id(table, column->name))));
        }
        auto old = run.resolve(
            rename, [&](const ObjectId& id) { return run.current().find_sequence(id.qualified()) != nullptr; },
            [&](const ObjectId& id) { return run.want().find_sequence(id.qualified()) != nullptr; });
        if (!old) continue;
        const catalog::Sequence* live = run.current().find_sequence(old->qualified());
        if (live->owned_by && old->schema != rename.to.schema) {
            // PostgreSQL: "cannot move an owned sequence into another
            // schema"; it moves with its table instead.
            throw PlanError(fmt::format(
                "sequence {} is declared renamed_from {} in another schema, but it is owned by {}; an owned "
                "sequence moves only with its table",
                catalog::display(rename.to), catalog::display(*old),
                catalog::display(catalog::column_id(live->owned_by->table, live->owned_by->column))));
        }
        run.add(RenameSequence{old->qualified(), rename.to.qualified()});
        rename_sequence_in(run.working(), old->qualified(), rename.to.qualified());
    }
}

void rename_views(RenameRun& run) {
    for (const Rename& rename : run.want().renames) {
        if (rename.to.kind != ObjectKind::view && rename.to.kind != ObjectKind::materialized_view) continue;
        auto old = run.resolve(
            rename, [&](const ObjectId& id) { return run.current().find_view(id.qualified()) != nullptr; },
            [&](const ObjectId& id) { return run.want().find_view(id.qualified()) != nullptr; });
        if (!old) continue;
        const catalog::View* live = run.current().find_view(old->qualified());
        RenameView change{old->qualified(), rename.to.qualified(), live->materialized, {}};
        for (const auto& column : live->columns) change.columns.push_back(column.name);
        run.add(std::move(change));
        rename_view_in(run.working(), old->qualified(), rename.to.qualified());
    }
}

void rename_functions(RenameRun& run) {
    for (const Rename& rename : run.want().renames) {
        if (rename.to.kind != ObjectKind::function && rename.to.kind != ObjectKind::procedure) continue;
        auto old = run.resolve(
            rename, [&](const ObjectId& id) { return run.current().find_function(id) != nullptr; },
            [&](const ObjectId& id) { return run.want().find_function(id) != nullptr; });
        if (!old) continue;
        run.add(RenameFunction{*old, rename.to});
        rename_function_in(run.working(), *old, rename.to);
    }
}

}  // namespace reconcile::engine::rename_detail
