#include "engine/diff/renames.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

#include "engine/diff/rename_texts.hpp"
#include "engine/diff/renames_internal.hpp"

namespace reconcile::engine {

namespace rename_detail {

using catalog::Model;
using catalog::Rename;

void rename_ids(Model& model, const std::function<ObjectId(ObjectId)>& map) {
    for (auto& grant : model.grants) grant.object = map(grant.object);
    for (auto& id : model.public_stated) id = map(id);
    for (auto& owner : model.owners) owner.object = map(owner.object);
    for (auto& restricted : model.owner_privileges) restricted.object = map(restricted.object);
    // Looked up by binary search (owner_privileges.cpp).
    std::sort(model.owner_privileges.begin(), model.owner_privileges.end());
    for (auto& view : model.views) {
        for (auto& id : view.uses) id = map(id);
    }
}

void rewrite_table_expressions(catalog::Table& table, const std::function<void(std::string&)>& rewrite) {
    auto rewrite_optional = [&](std::optional<std::string>& text) {
        if (text) rewrite(*text);
    };
    for (auto& column : table.columns) {
        rewrite_optional(column.default_expr);
        rewrite_optional(column.generated);
    }
    for (auto& constraint : table.constraints) rewrite(constraint.expression);
    for (auto& index : table.indexes) {
        for (auto& key : index.keys) rewrite_optional(key.expression);
        rewrite_optional(index.where);
    }
    for (auto& policy : table.policies) {
        rewrite_optional(policy.using_expr);
        rewrite_optional(policy.check_expr);
    }
}

namespace {

std::string names_of(const std::vector<ObjectId>& ids) {
    std::vector<std::string> out;
    for (const auto& id : ids) out.push_back(catalog::display(id));
    return fmt::format("{}", fmt::join(out, ", "));
}

}  // namespace

RenameRun::RenameRun(const Model& live, const Model& want, RenamedLive& out) : live_(live), want_(want), out_(out) {
    for (const Rename& rename : want.renames) {
        for (const auto& old : rename.from) claims_[old].push_back(rename.to);
    }
}

Model& RenameRun::working() {
    if (!out_.renamed) out_.renamed = live_;
    return *out_.renamed;
}

std::optional<ObjectId> RenameRun::resolve(const Rename& rename, const Test& exists, const Test& declared) const {
    std::vector<ObjectId> old;
    for (const auto& name : rename.from) {
        if (exists(name)) old.push_back(name);
    }
    if (old.empty()) return std::nullopt;
    std::string kind(catalog::kind_name(rename.to.kind));
    if (old.size() > 1) {
        throw PlanError(
            fmt::format("{} {} is declared renamed_from {}, and several of them exist: {}; remove the "
                        "names that are not the object's from renamed_from",
                        kind, catalog::display(rename.to), names_of(rename.from), names_of(old)));
    }
    if (exists(rename.to)) {
        // Both are declared: two objects, nothing to rename (the old name
        // was reused after an earlier apply renamed the object).
        if (declared(old.front())) return std::nullopt;
        throw PlanError(fmt::format(
            "{} {} is declared renamed_from {}, but both exist: rename one of them by hand, drop the old one, or "
            "remove renamed_from",
            kind, catalog::display(rename.to), catalog::display(old.front())));
    }
    // An old name that two declarations claim, while it exists, is ambiguous.
    const auto& by = claims_.at(old.front());
    if (by.size() > 1) {
        throw PlanError(fmt::format("{} and {} are both declared renamed_from {}; only one object can be",
                                    catalog::display(by[0]), catalog::display(by[1]), catalog::display(old.front())));
    }
    return old.front();
}

}  // namespace rename_detail

namespace {

using catalog::Model;
using catalog::Rename;
using rename_detail::rename_ids;
using rename_detail::RenameRun;
using rename_detail::rewrite_table_expressions;

bool is_table_member(ObjectKind kind) {
    switch (kind) {
        case ObjectKind::column:
        case ObjectKind::constraint:
        case ObjectKind::index:
        case ObjectKind::trigger:
        case ObjectKind::policy:
        case ObjectKind::rule:
            return true;
        default:
            return false;
    }
}

// RENAME TO and RENAME COLUMN leave an identity column's sequence its name
// (SET SCHEMA moves it along, named as it was). Called before `column` of
// table `table_before` is renamed: a default name becomes the column's own
// unless it is the default for the new names too. A manifest that does not
// name the sequence then plans its rename to the new default.
void keep_identity_sequence_name(const std::string& table_before, const std::string& table_after,
                                 catalog::Column& column, const std::string& column_after) {
    if (!column.identity) return;
    std::string name = catalog::identity_sequence_name(table_before, column);
    if (name == catalog::default_sequence_name(table_after, column_after)) {
        column.identity->sequence_name.reset();
    } else {
        column.identity->sequence_name = std::move(name);
    }
}

void rename_table_in(Model& model, const QualifiedName& from, const QualifiedName& to) {
    for (auto& table : model.tables) {
        if (table.name == from) {
            for (auto& column : table.columns) keep_identity_sequence_name(from.name, to.name, column, column.name);
            table.name = to;
        }
        if (table.partition_of && table.partition_of->parent == from) table.partition_of->parent = to;
        for (auto& constraint : table.constraints) {
            if (constraint.references && constraint.references->table == from) constraint.references->table = to;
        }
        for (auto& policy : table.policies) {
            for (auto* text : {&policy.using_expr, &policy.check_expr}) {
                if (*text) *text = rename_relation_in_query(**text, from, to);
            }
        }
    }
    for (auto& sequence : model.sequences) {
        if (sequence.owned_by && sequence.owned_by->table == from) sequence.owned_by->table = to;
    }
    for (auto& view : model.views) view.definition = rename_relation_in_query(view.definition, from, to);
    rename_ids(model, [&](ObjectId id) {
        bool ours = id.schema == from.schema && id.name == from.name;
        if (ours && (id.kind == ObjectKind::table || is_table_member(id.kind))) {
            id.schema = to.schema;
            id.name = to.name;
        }
        return id;
    });
    model.normalize();
}

void rename_column_in(Model& model, const QualifiedName& table_name, const std::string& from, const std::string& to) {
    auto rename_list = [&](std::vector<std::string>& names) {
        for (auto& name : names) {
            if (name == from) name = to;
        }
    };
    auto rename_text = [&](std::optional<std::string>& text) {
        if (text) text = rename_column_in_expression(*text, from, to);
    };
    for (auto& table : model.tables) {
        for (auto& constraint : table.constraints) {
            if (constraint.references && constraint.references->table == table_name) {
                rename_list(constraint.references->columns);
            }
        }
        if (table.name != table_name) continue;
        rename_text(table.partitioning);
        for (auto& column : table.columns) {
            if (column.name == from) {
                keep_identity_sequence_name(table.name.name, table.name.name, column, to);
                column.name = to;
            }
            rename_text(column.default_expr);
            rename_text(column.generated);
        }
        for (auto& constraint : table.constraints) {
            rename_list(constraint.columns);
            if (constraint.references) rename_list(constraint.references->on_delete_columns);
            if (!constraint.expression.empty()) {
                constraint.expression = rename_column_in_expression(constraint.expression, from, to);
            }
        }
        for (auto& index : table.indexes) {
            for (auto& key : index.keys) {
                if (key.column == from) key.column = to;
                rename_text(key.expression);
            }
            rename_list(index.include);
            rename_text(index.where);
        }
        for (auto& trigger : table.triggers) rename_list(trigger.events.update_of);
        for (auto& policy : table.policies) {
            rename_text(policy.using_expr);
            rename_text(policy.check_expr);
        }
    }
    for (auto& sequence : model.sequences) {
        if (sequence.owned_by && sequence.owned_by->table == table_name && sequence.owned_by->column == from) {
            sequence.owned_by->column = to;
        }
    }
    const ObjectId old_id = catalog::column_id(table_name, from);
    for (auto& view : model.views) {
        bool reads = std::find(view.uses.begin(), view.uses.end(), old_id) != view.uses.end();
        if (reads) view.definition = rename_column_in_query(view.definition, table_name, from, to);
    }
    rename_ids(model, [&](ObjectId id) { return id == old_id ? catalog::column_id(table_name, to) : id; });
    model.normalize();
}

// Where a type's name appears in text the server printed: a column's type
// ("public.status", "public.status[]"), casts in defaults, checks and view
// queries ('a'::public.status).
void rename_type_in(Model& model, const QualifiedName& from, const QualifiedName& to) {
    auto rename = [&](std::string& text) { text = rename_relation_in_query(text, from, to); };
    for (auto& enum_type : model.enums) {
        if (enum_type.name == from) enum_type.name = to;
    }
    for (auto& table : model.tables) {
        for (auto& column : table.columns) rename(column.type);
        rewrite_table_expressions(table, rename);
    }
    for (auto& view : model.views) rename(view.definition);
    const ObjectId old_id = catalog::enum_id(from);
    rename_ids(model, [&](ObjectId id) { return id == old_id ? catalog::enum_id(to) : id; });
    model.normalize();
}

}  // namespace

RenamedLive apply_declared_renames(const Model& have, const Model& want) {
    RenamedLive out;
    if (want.renames.empty()) return out;
    RenameRun run(have, want, out);
    auto current = [&]() -> const Model& { return run.current(); };
    auto working = [&]() -> Model& { return run.working(); };
    // Tables first, so that a renamed column of a renamed table is found
    // under the table's new name.
    for (const Rename& rename : want.renames) {
        if (rename.to.kind != ObjectKind::table) continue;
        auto old = run.resolve(
            rename, [&](const ObjectId& id) { return current().find_table(id.qualified()) != nullptr; },
            [&](const ObjectId& id) { return want.find_table(id.qualified()) != nullptr; });
        if (!old) continue;
        run.add(RenameTable{old->qualified(), rename.to.qualified()});
        rename_table_in(working(), old->qualified(), rename.to.qualified());
    }
    // After the tables: a view's query then reads them by their new names
    // already, and a sequence's owner is found.
    rename_detail::rename_sequences(run);
    rename_detail::rename_views(run);
    rename_detail::rename_functions(run);
    // Enum types before their values, so a value of a renamed type is found.
    for (const Rename& rename : want.renames) {
        if (rename.to.kind != ObjectKind::enum_type || !rename.to.member.empty()) continue;
        auto old = run.resolve(
            rename, [&](const ObjectId& id) { return current().find_enum(id.qualified()) != nullptr; },
            [&](const ObjectId& id) { return want.find_enum(id.qualified()) != nullptr; });
        if (!old) continue;
        run.add(RenameEnum{old->qualified(), rename.to.qualified()});
        rename_type_in(working(), old->qualified(), rename.to.qualified());
    }
    for (const Rename& rename : want.renames) {
        if (rename.to.kind != ObjectKind::enum_type || rename.to.member.empty()) continue;
        const QualifiedName type = rename.to.qualified();
        const catalog::EnumType* live = current().find_enum(type);
        const catalog::EnumType* wanted = want.find_enum(type);
        if (!live) continue;  // created with its values
        auto has = [](const catalog::EnumType* e, const std::string& value) {
            return e && std::find(e->values.begin(), e->values.end(), value) != e->values.end();
        };
        auto old = run.resolve(
            rename, [&](const ObjectId& id) { return has(live, id.member); },
            [&](const ObjectId& id) { return has(wanted, id.member); });
        if (!old) continue;
        run.add(RenameEnumValue{type, old->member, rename.to.member});
        for (auto& enum_type : working().enums) {
            if (enum_type.name != type) continue;
            std::replace(enum_type.values.begin(), enum_type.values.end(), old->member, rename.to.member);
        }
    }
    // Indexes, constraints and policies: a member of a table, renamed in
    // place; nothing else names them by name but the model's own keys.
    auto rename_members = [&](ObjectKind kind, auto find, auto rename_in, auto make_change) {
        for (const Rename& rename : want.renames) {
            if (rename.to.kind != kind) continue;
            const QualifiedName table = rename.to.qualified();
            const catalog::Table* live = current().find_table(table);
            const catalog::Table* wanted = want.find_table(table);
            if (!live) continue;
            auto old = run.resolve(
                rename, [&](const ObjectId& id) { return find(*live, id.member); },
                [&](const ObjectId& id) { return wanted && find(*wanted, id.member); });
            if (!old) continue;
            run.add(make_change(table, old->member, rename.to.member));
            Model& model = working();
            rename_in(*model.find_table(table), old->member, rename.to.member);
            rename_ids(model, [&](ObjectId id) { return id == *old ? rename.to : id; });
        }
    };
    rename_members(
        ObjectKind::index,
        [](const catalog::Table& t, const std::string& name) { return t.find_index(name) != nullptr; },
        [](catalog::Table& t, const std::string& from, const std::string& to) {
            for (auto& index : t.indexes) {
                if (index.name == from) index.name = to;
            }
            if (t.replica_identity_index == from) t.replica_identity_index = to;
            std::sort(t.indexes.begin(), t.indexes.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
        },
        [](const QualifiedName& table, const std::string& from, const std::string& to) -> Change {
            return RenameIndex{table, from, to};
        });
    rename_members(
        ObjectKind::constraint,
        [](const catalog::Table& t, const std::string& name) { return t.find_constraint(name) != nullptr; },
        [](catalog::Table& t, const std::string& from, const std::string& to) {
            for (auto& constraint : t.constraints) {
                if (constraint.name == from) constraint.name = to;
            }
            if (t.replica_identity_index == from) t.replica_identity_index = to;
            std::sort(t.constraints.begin(), t.constraints.end(),
                      [](const auto& a, const auto& b) { return a.name < b.name; });
        },
        [](const QualifiedName& table, const std::string& from, const std::string& to) -> Change {
            return RenameConstraint{table, from, to};
        });
    rename_members(
        ObjectKind::policy,
        [](const catalog::Table& t, const std::string& name) { return t.find_policy(name) != nullptr; },
        [](catalog::Table& t, const std::string& from, const std::string& to) {
            for (auto& policy : t.policies) {
                if (policy.name == from) policy.name = to;
            }
            std::sort(t.policies.begin(), t.policies.end(),
                      [](const auto& a, const auto& b) { return a.name < b.name; });
        },
        [](const QualifiedName& table, const std::string& from, const std::string& to) -> Change {
            return RenamePolicy{table, from, to};
        });
    for (const Rename& rename : want.renames) {
        if (rename.to.kind != ObjectKind::column) continue;
        const QualifiedName table = rename.to.qualified();
        const catalog::Table* live = current().find_table(table);
        const catalog::Table* wanted = want.find_table(table);
        if (!live) continue;  // created by the plan, with its columns
        auto old = run.resolve(
            rename, [&](const ObjectId& id) { return live->find_column(id.member) != nullptr; },
            [&](const ObjectId& id) { return wanted && wanted->find_column(id.member); });
        if (!old) continue;
        run.add(RenameColumn{table, old->member, rename.to.member});
        rename_column_in(working(), table, old->member, rename.to.member);
    }
    return out;
}

}  // namespace reconcile::engine
