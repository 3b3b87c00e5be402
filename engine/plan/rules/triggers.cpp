// Triggers: after their table or view, columns and function; dropped
// before the function they call.
#include "engine/diff/mentions.hpp"
#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

namespace {

// The columns of this plan's reshaped ones that the trigger names in UPDATE
// OF or its WHEN condition.
std::vector<ObjectId> mentioned_columns(const QualifiedName& table, const Trigger& trigger,
                                        const PlanContext& context) {
    std::vector<ObjectId> out;
    for (const auto& column : trigger.events.update_of) out.push_back(catalog::column_id(table, column));
    auto reshaped = context.reshaped_columns.find(table);
    if (trigger.when && reshaped != context.reshaped_columns.end()) {
        for (const auto& column : reshaped->second) {
            if (expression_mentions(*trigger.when, column)) out.push_back(catalog::column_id(table, column));
        }
    }
    return out;
}

std::vector<ObjectId> trigger_needs(const QualifiedName& table, ObjectKind relation, const Trigger& trigger,
                                    const PlanContext& context) {
    std::vector<ObjectId> out{catalog::object_id(relation, table),
                              catalog::routine_id(ObjectKind::function, trigger.function, {}),
                              any_overload(trigger.function)};
    for (auto& id : mentioned_columns(table, trigger, context)) out.push_back(std::move(id));
    if (trigger.when) {
        for (auto& id : context.functions_called(*trigger.when, {})) out.push_back(id);
    }
    return out;
}

// What the trigger stops using when it goes: its function, and the columns
// it names (a type change of one waits until the trigger is gone).
std::vector<ObjectId> released_by(const QualifiedName& table, const Trigger& trigger, const PlanContext& context) {
    std::vector<ObjectId> out{catalog::routine_id(ObjectKind::function, trigger.function, {}),
                              any_overload(trigger.function)};
    for (auto& id : mentioned_columns(table, trigger, context)) out.push_back(std::move(id));
    return out;
}

}  // namespace

int priority_of(const CreateTrigger&) {
    return 8;
}
int priority_of(const ReplaceTrigger&) {
    return 8;
}
int priority_of(const SetTriggerEnabled&) {
    return 8;
}
int priority_of(const DropTrigger&) {
    return 10;
}

Dependencies dependencies_of(const CreateTrigger& change, const PlanContext& context) {
    return {.creates = {change.object()},
            .needs = trigger_needs(change.table, change.relation, change.trigger, context)};
}

Dependencies dependencies_of(const ReplaceTrigger& change, const PlanContext& context) {
    return {.creates = {change.object()},
            .needs = trigger_needs(change.table, change.relation, change.to, context),
            .releases = released_by(change.table, change.from, context)};
}

Dependencies dependencies_of(const DropTrigger& change, const PlanContext& context) {
    return {.drops = {change.object()}, .releases = released_by(change.table, change.trigger, context)};
}

Dependencies dependencies_of(const SetTriggerEnabled& change, const PlanContext&) {
    return {.needs = {change.object(), catalog::table_id(change.table)}};
}

// CREATE TRIGGER and ENABLE / DISABLE TRIGGER take a SHARE ROW EXCLUSIVE
// lock: reads go on, writes wait. DROP TRIGGER takes ACCESS EXCLUSIVE.
std::vector<Hazard> hazards(const CreateTrigger& change, const HazardContext& context) {
    if (context.created_tables.count(change.table)) return {};
    return {Hazard::acquires_share_lock};
}
std::vector<Hazard> hazards(const ReplaceTrigger&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}
// A table the plan creates has no readers or writers to block: a fresh
// database built from an export with a disabled trigger needed
// --allow-hazards ACQUIRES_SHARE_LOCK (found on a real schema).
std::vector<Hazard> hazards(const SetTriggerEnabled& change, const HazardContext& context) {
    if (context.created_tables.count(change.table)) return {};
    return {Hazard::acquires_share_lock};
}
std::vector<Hazard> hazards(const DropTrigger&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}

std::optional<std::string> refusal(const CreateTrigger&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const ReplaceTrigger&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const SetTriggerEnabled&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const DropTrigger&, const HazardContext&) {
    return std::nullopt;
}

}  // namespace reconcile::engine::plan_detail
