#include <algorithm>

#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

namespace {

using catalog::TriggerEnabled;

// CREATE TRIGGER always makes an enabled trigger; the enabled state is a
// change of its own (ALTER TABLE ... DISABLE TRIGGER) so that flipping it
// never re-creates the trigger.
Trigger as_created(Trigger trigger) {
    trigger.comment.reset();
    trigger.enabled = TriggerEnabled::origin;
    return trigger;
}

ObjectId trigger_ref(const QualifiedName& table, const Trigger& trigger) {
    return member_ref(ObjectKind::trigger, table, trigger.name);
}

void create_trigger(const QualifiedName& table, ObjectKind relation, const Trigger& want, DiffResult& out) {
    out.changes.push_back(CreateTrigger{table, as_created(want), relation});
    if (want.enabled != TriggerEnabled::origin) {
        out.changes.push_back(SetTriggerEnabled{table, want.name, TriggerEnabled::origin, want.enabled});
    }
    comment_new(out, trigger_ref(table, want), want.comment);
}

bool uses_recreated(const Trigger& trigger, const RecreatedColumns& recreated) {
    return std::any_of(recreated.begin(), recreated.end(), [&](const std::string& column) {
        const auto& of = trigger.events.update_of;
        return std::find(of.begin(), of.end(), column) != of.end() ||
               (trigger.when && expression_mentions(*trigger.when, column));
    });
}

// Triggers match by name within their table. Only the enabled state and the
// comment can be altered in place; any other difference re-creates the
// trigger (PostgreSQL 13 has no CREATE OR REPLACE TRIGGER).
void diff_relation_triggers(const QualifiedName& name, ObjectKind relation, const std::vector<Trigger>& have,
                            const std::vector<Trigger>& want, const RecreatedColumns& recreated,
                            const DiffOptions& options, DiffResult& out) {
    merge_by_key(
        have, want, [](const Trigger& t) -> const std::string& { return t.name; },
        [&](const Trigger& h) {
            if (options.prune == Prune::yes) {
                out.changes.push_back(DropTrigger{name, h, relation});
            } else {
                out.not_in_manifests.push_back(trigger_ref(name, h));
            }
        },
        [&](const Trigger& w) { create_trigger(name, relation, w, out); },
        [&](const Trigger& h, const Trigger& w) {
            if (uses_recreated(h, recreated)) {
                // DROP COLUMN takes the trigger with it; see diff_constraints.
                out.changes.push_back(DropTrigger{name, h, relation});
                create_trigger(name, relation, w, out);
            } else if (!(as_created(h) == as_created(w))) {
                out.changes.push_back(ReplaceTrigger{name, h, as_created(w), relation});
                if (w.enabled != TriggerEnabled::origin) {
                    out.changes.push_back(SetTriggerEnabled{name, w.name, TriggerEnabled::origin, w.enabled});
                }
                // DROP TRIGGER drops its comment with it.
                comment_new(out, trigger_ref(name, w), w.comment);
            } else {
                if (h.enabled != w.enabled) {
                    out.changes.push_back(SetTriggerEnabled{name, w.name, h.enabled, w.enabled});
                }
                diff_comment(out, trigger_ref(name, w), h.comment, w.comment);
            }
        });
}

}  // namespace

void create_triggers(const Table& want, DiffResult& out) {
    for (const Trigger& trigger : want.triggers) create_trigger(want.name, ObjectKind::table, trigger, out);
}

void create_triggers(const catalog::View& want, DiffResult& out) {
    for (const Trigger& trigger : want.triggers) create_trigger(want.name, ObjectKind::view, trigger, out);
}

void recreate_trigger(const QualifiedName& relation, ObjectKind kind, const Trigger& have, const Trigger& want,
                      DiffResult& out) {
    out.changes.push_back(DropTrigger{relation, have, kind});
    create_trigger(relation, kind, want, out);
}

void diff_triggers(const Table& have, const Table& want, const RecreatedColumns& recreated, const DiffOptions& options,
                   DiffResult& out) {
    diff_relation_triggers(want.name, ObjectKind::table, have.triggers, want.triggers, recreated, options, out);
}

void diff_triggers(const catalog::View& have, const catalog::View& want, const DiffOptions& options, DiffResult& out) {
    diff_relation_triggers(want.name, ObjectKind::view, have.triggers, want.triggers, {}, options, out);
}

}  // namespace reconcile::engine::diff_detail
