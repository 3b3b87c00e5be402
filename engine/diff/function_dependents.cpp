// What PostgreSQL records as depending on a routine this plan drops and
// creates again (its result type or an argument's name changed): it refuses
// DROP FUNCTION under them, and reconcile never uses CASCADE. Column
// defaults, check constraints, indexes (an expression or predicate),
// policies and triggers (their function, or one their WHEN condition calls)
// of the tables and views both sides keep are taken down before the drop
// and put back after the create; the planner orders them by what they
// release and need. Views that call the routine are
// diff_views' (out.recreated), aggregates over it diff_aggregates'.
//
// Calls in expressions are found by name, textually, as the planner finds
// them (PlanContext::functions_called): a string literal holding "f(" takes
// the expression down and up again needlessly, but a call is never missed.
#include <algorithm>
#include <map>
#include <set>

#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

namespace {

using catalog::Column;
using catalog::ConstraintKind;
using catalog::View;

// Routines an expression can call, by name.
std::vector<QualifiedName> recreated_callables(const DiffResult& out) {
    std::vector<QualifiedName> names;
    for (const auto& id : out.recreated) {
        if (id.kind == ObjectKind::function || id.kind == ObjectKind::aggregate) names.push_back(id.qualified());
    }
    return names;
}

struct Recreated {
    std::set<ObjectId> ids;
    std::vector<QualifiedName> callables;

    bool called_by(const std::optional<std::string>& text) const {
        if (!text) return false;
        for (const auto& routine : callables) {
            if (text->find(routine.name + "(") != std::string::npos ||
                text->find("\"" + routine.name + "\"(") != std::string::npos) {
                return true;
            }
        }
        return false;
    }
    bool used_by(const Trigger& trigger) const {
        return ids.count(catalog::routine_id(ObjectKind::function, trigger.function, {})) || called_by(trigger.when);
    }
};

// Where this diff already changes a member, by the member's id: a change
// that both takes the old shape down and puts the new one up in one step is
// split, as the routine's drop and create must come in between.
struct Existing {
    std::map<ObjectId, std::size_t> at;
    std::set<QualifiedName> dropped_relations;
    std::set<ObjectId> dropped;  // members dropped by a change of their own

    explicit Existing(const DiffResult& out) {
        for (std::size_t i = 0; i < out.changes.size(); ++i) {
            std::visit(overloaded{
                           [&](const AlterColumn& c) {
                               if (c.what == ColumnAttribute::default_value) at[c.object()] = i;
                           },
                           [&](const ReplaceConstraint& c) { at[c.object()] = i; },
                           [&](const ReplaceTrigger& c) { at[c.object()] = i; },
                           [&](const ReplaceIndex& c) { at[c.object()] = i; },
                           [&](const AlterPolicy& c) { at[c.object()] = i; },
                           [&](const DropConstraint& c) { dropped.insert(c.object()); },
                           [&](const DropTrigger& c) { dropped.insert(c.object()); },
                           [&](const DropIndex& c) { dropped.insert(c.object()); },
                           [&](const DropPolicy& c) { dropped.insert(c.object()); },
                           [&](const DropColumn& c) { dropped.insert(c.object()); },
                           [&](const DropTable& c) { dropped_relations.insert(c.table.name); },
                           [&](const DropView& c) { dropped_relations.insert(c.view.name); },
                           [](const auto&) {},
                       },
                       out.changes[i]);
        }
    }
    const std::size_t* find(const ObjectId& id) const {
        auto found = at.find(id);
        return found == at.end() ? nullptr : &found->second;
    }
};

void rebuild_default(const Table& table, const Column& have, const Column& want, const Recreated& recreated,
                     const Existing& existing, DiffResult& out) {
    if (have.serial != catalog::Serial::none || want.serial != catalog::Serial::none) return;
    if (!recreated.called_by(have.default_expr) || !recreated.called_by(want.default_expr)) return;
    Column bare = have;
    bare.default_expr.reset();
    const bool partitioned = table.partitioning.has_value();
    if (const std::size_t* i = existing.find(catalog::column_id(table.name, have.name))) {
        // SET DEFAULT of a new text that calls it too: DROP DEFAULT first.
        AlterColumn set = std::get<AlterColumn>(out.changes[*i]);
        out.changes[*i] = AlterColumn{table.name, have, bare, ColumnAttribute::default_value, partitioned};
        set.from = bare;
        out.changes.push_back(std::move(set));
        return;
    }
    out.changes.push_back(AlterColumn{table.name, have, bare, ColumnAttribute::default_value, partitioned});
    out.changes.push_back(
        AlterColumn{table.name, bare, without_comment(want), ColumnAttribute::default_value, partitioned});
}

void rebuild_check(const Table& table, const Constraint& have, const Constraint& want, const Recreated& recreated,
                   const Existing& existing, DiffResult& out) {
    if (have.kind != ConstraintKind::check || want.kind != ConstraintKind::check) return;
    auto id = catalog::constraint_id(table.name, have.name);
    if (existing.dropped.count(id)) return;
    if (!recreated.called_by(have.expression) || !recreated.called_by(want.expression)) return;
    const bool partitioned = table.partitioning.has_value();
    if (const std::size_t* i = existing.find(id)) {
        // ReplaceConstraint already re-set the comment.
        auto replace = std::get<ReplaceConstraint>(out.changes[*i]);
        out.changes[*i] = DropConstraint{table.name, replace.from};
        out.changes.push_back(AddConstraint{table.name, replace.to, replace.partitioned});
        return;
    }
    out.changes.push_back(DropConstraint{table.name, have});
    out.changes.push_back(AddConstraint{table.name, without_comment(want), partitioned});
    comment_new(out, id, want.comment);
}

bool calls_recreated(const Index& index, const Recreated& recreated) {
    if (recreated.called_by(index.where)) return true;
    return std::any_of(index.keys.begin(), index.keys.end(),
                       [&](const catalog::IndexKey& key) { return recreated.called_by(key.expression); });
}

void rebuild_index(const Table& table, const Index& have, const Index& want, const Recreated& recreated,
                   const Existing& existing, DiffResult& out) {
    auto id = catalog::index_id(table.name, have.name);
    if (existing.dropped.count(id)) return;
    if (!calls_recreated(have, recreated) || !calls_recreated(want, recreated)) return;
    const bool partitioned = table.partitioning.has_value();
    if (const std::size_t* i = existing.find(id)) {
        // ReplaceIndex already set the comment again.
        auto replace = std::get<ReplaceIndex>(out.changes[*i]);
        out.changes[*i] = DropIndex{.table = table.name, .index = replace.from, .partitioned = partitioned};
        out.changes.push_back(CreateIndex{.table = table.name, .index = replace.to, .partitioned = partitioned});
        return;
    }
    out.changes.push_back(DropIndex{.table = table.name, .index = have, .partitioned = partitioned});
    out.changes.push_back(CreateIndex{.table = table.name, .index = without_comment(want), .partitioned = partitioned});
    comment_new(out, id, want.comment);
}

bool calls_recreated(const catalog::Policy& policy, const Recreated& recreated) {
    return recreated.called_by(policy.using_expr) || recreated.called_by(policy.check_expr);
}

void rebuild_policy(const Table& table, const catalog::Policy& have, const catalog::Policy& want,
                    const Recreated& recreated, const Existing& existing, DiffResult& out) {
    auto id = catalog::member_id(ObjectKind::policy, table.name, have.name);
    if (existing.dropped.count(id)) return;
    if (!calls_recreated(have, recreated) || !calls_recreated(want, recreated)) return;
    if (const std::size_t* i = existing.find(id)) {
        auto alter = std::get<AlterPolicy>(out.changes[*i]);
        out.changes[*i] = DropPolicy{table.name, alter.from};
        out.changes.push_back(CreatePolicy{table.name, alter.to});
        // A changed comment is already set again; an unchanged one is not.
        if (have.comment == want.comment) comment_new(out, id, want.comment);
        return;
    }
    out.changes.push_back(DropPolicy{table.name, have});
    out.changes.push_back(CreatePolicy{table.name, without_comment(want)});
    comment_new(out, id, want.comment);
}

void rebuild_triggers(const QualifiedName& relation, ObjectKind kind, const std::vector<Trigger>& have,
                      const std::vector<Trigger>& want, const Recreated& recreated, const Existing& existing,
                      DiffResult& out) {
    for (const Trigger& h : have) {
        auto w = std::find_if(want.begin(), want.end(), [&](const Trigger& t) { return t.name == h.name; });
        if (w == want.end() || !recreated.used_by(h) || !recreated.used_by(*w)) continue;
        auto id = catalog::member_id(ObjectKind::trigger, relation, h.name);
        if (existing.dropped.count(id)) continue;
        if (const std::size_t* i = existing.find(id)) {
            // ReplaceTrigger already set the state and comment again.
            auto replace = std::get<ReplaceTrigger>(out.changes[*i]);
            out.changes[*i] = DropTrigger{relation, replace.from, kind};
            out.changes.push_back(CreateTrigger{relation, replace.to, kind});
            continue;
        }
        recreate_trigger(relation, kind, h, *w, out);
    }
}

}  // namespace

void rebuild_function_dependents(const catalog::Model& have, const catalog::Model& want, DiffResult& out) {
    Recreated recreated{out.recreated, recreated_callables(out)};
    if (recreated.callables.empty()) return;
    const Existing existing(out);
    for (const Table& h : have.tables) {
        const Table* w = want.find_table(h.name);
        if (!w || existing.dropped_relations.count(h.name)) continue;
        for (const Column& column : h.columns) {
            const Column* kept = w->find_column(column.name);
            if (kept && !existing.dropped.count(catalog::column_id(h.name, column.name))) {
                rebuild_default(*w, column, *kept, recreated, existing, out);
            }
        }
        for (const Constraint& constraint : h.constraints) {
            if (const Constraint* kept = w->find_constraint(constraint.name)) {
                rebuild_check(*w, constraint, *kept, recreated, existing, out);
            }
        }
        for (const Index& index : h.indexes) {
            if (const Index* kept = w->find_index(index.name))
                rebuild_index(*w, index, *kept, recreated, existing, out);
        }
        for (const catalog::Policy& policy : h.policies) {
            if (const auto* kept = w->find_policy(policy.name)) {
                rebuild_policy(*w, policy, *kept, recreated, existing, out);
            }
        }
        rebuild_triggers(h.name, ObjectKind::table, h.triggers, w->triggers, recreated, existing, out);
    }
    for (const View& h : have.views) {
        const View* w = want.find_view(h.name);
        // A view dropped (and maybe created again) takes its triggers along.
        if (!w || existing.dropped_relations.count(h.name)) continue;
        rebuild_triggers(h.name, ObjectKind::view, h.triggers, w->triggers, recreated, existing, out);
    }
}

}  // namespace reconcile::engine::diff_detail
