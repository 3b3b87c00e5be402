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

void create_trigger(const QualifiedName& table, const Trigger& want, DiffResult& out) {
    out.changes.push_back(CreateTrigger{table, as_created(want)});
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

}  // namespace

void create_triggers(const Table& want, DiffResult& out) {
    for (const Trigger& trigger : want.triggers) create_trigger(want.name, trigger, out);
}

// Triggers match by name within their table. Only the enabled state and the
// comment can be altered in place; any other difference re-creates the
// trigger (PostgreSQL 13 has no CREATE OR REPLACE TRIGGER).
void diff_triggers(const Table& have, const Table& want, const RecreatedColumns& recreated,
                   const DiffOptions& options, DiffResult& out) {
    merge_by_key(
        have.triggers, want.triggers, [](const Trigger& t) -> const std::string& { return t.name; },
        [&](const Trigger& h) {
            if (options.prune == Prune::yes) {
                out.changes.push_back(DropTrigger{have.name, h});
            } else {
                out.not_in_manifests.push_back(trigger_ref(have.name, h));
            }
        },
        [&](const Trigger& w) { create_trigger(want.name, w, out); },
        [&](const Trigger& h, const Trigger& w) {
            if (uses_recreated(h, recreated)) {
                // DROP COLUMN takes the trigger with it; see diff_constraints.
                out.changes.push_back(DropTrigger{have.name, h});
                create_trigger(want.name, w, out);
            } else if (!(as_created(h) == as_created(w))) {
                out.changes.push_back(ReplaceTrigger{want.name, h, as_created(w)});
                if (w.enabled != TriggerEnabled::origin) {
                    out.changes.push_back(SetTriggerEnabled{want.name, w.name, TriggerEnabled::origin, w.enabled});
                }
                // DROP TRIGGER drops its comment with it.
                comment_new(out, trigger_ref(want.name, w), w.comment);
            } else {
                if (h.enabled != w.enabled) {
                    out.changes.push_back(SetTriggerEnabled{want.name, w.name, h.enabled, w.enabled});
                }
                diff_comment(out, trigger_ref(want.name, w), h.comment, w.comment);
            }
        });
}

}  // namespace reconcile::engine::diff_detail
