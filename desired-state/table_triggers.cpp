// A table file's or a view file's "triggers": {"name": {...}}, read into the
// relation's triggers, with the rules PostgreSQL would otherwise refuse at
// apply.
#include <algorithm>

#include "desired-state/loader.hpp"
#include "desired-state/vocabulary.hpp"

namespace reconcile::desired_state::detail {

namespace {

using catalog::TriggerLevel;
using catalog::TriggerTiming;

// What the triggers hang on: the rules differ.
enum class Relation : std::uint8_t { table, view };

// "name" (the table's schema), "schema.name", or {"schema": ..., "name": ...}
// for names that hold a dot.
std::optional<catalog::QualifiedName> read_function_name(const ObjectReader& reader, const std::string& table_schema) {
    const Json* value = reader.value("function", Need::required);
    if (!value) return std::nullopt;
    const auto pointer = reader.pointer("function");
    catalog::QualifiedName name;
    if (value->is_string()) {
        const auto& text = value->get_ref<const std::string&>();
        const auto dot = text.find('.');
        name = dot == std::string::npos ? catalog::QualifiedName{table_schema, text}
                                        : catalog::QualifiedName{text.substr(0, dot), text.substr(dot + 1)};
    } else {
        ObjectReader object(*value, pointer, reader.problems(), {"schema", "name"});
        if (!object.valid()) return std::nullopt;
        auto function = object.string("name", Need::required);
        if (!function) return std::nullopt;
        name = {object.string("schema").value_or(table_schema), *function};
    }
    if (!check_identifier(name.schema, pointer, reader.problems(), "schema") ||
        !check_identifier(name.name, pointer, reader.problems(), "function")) {
        return std::nullopt;
    }
    return name;
}

void read_events(const ObjectReader& reader, catalog::Trigger& trigger) {
    auto events = reader.strings("events", Need::required);
    if (!events) return;
    if (events->empty()) reader.problems().error(reader.pointer("events"), "a trigger needs at least one event");
    for (std::size_t i = 0; i < events->size(); ++i) {
        const auto& event = (*events)[i];
        const auto match = std::find_if(std::begin(trigger_events), std::end(trigger_events), [&](const auto& word) {
            return normalize_word(word.text) == normalize_word(event);
        });
        if (match == std::end(trigger_events)) {
            reader.problems().error(
                pointer_join(reader.pointer("events"), i),
                "unknown event \"" + event + "\"; expected one of: insert, update, delete, truncate");
            continue;
        }
        switch (match->value) {
            case TriggerEvent::insert:
                trigger.events.insert = true;
                break;
            case TriggerEvent::update:
                trigger.events.update = true;
                break;
            case TriggerEvent::delete_:
                trigger.events.delete_ = true;
                break;
            case TriggerEvent::truncate:
                trigger.events.truncate = true;
                break;
        }
    }
}

void read_constraint(const ObjectReader& reader, catalog::Trigger& trigger) {
    const Json* value = reader.value("constraint");
    if (!value) return;
    ObjectReader constraint(*value, reader.pointer("constraint"), reader.problems(),
                            {"deferrable", "initially_deferred"});
    if (!constraint.valid()) return;
    trigger.constraint = true;
    trigger.deferrable = constraint.boolean("deferrable").value_or(false);
    trigger.initially_deferred = constraint.boolean("initially_deferred").value_or(false);
    if (trigger.initially_deferred && !trigger.deferrable) {
        reader.problems().error(constraint.pointer("initially_deferred"),
                                "a trigger that is not deferrable cannot be initially deferred");
    }
}

void read_referencing(const ObjectReader& reader, catalog::Trigger& trigger) {
    const Json* value = reader.value("referencing");
    if (!value) return;
    ObjectReader referencing(*value, reader.pointer("referencing"), reader.problems(), {"old_table", "new_table"});
    if (!referencing.valid()) return;
    trigger.old_table = referencing.string("old_table");
    trigger.new_table = referencing.string("new_table");
}

// A view takes INSTEAD OF row triggers and statement triggers, nothing
// that needs stored rows (constraint, transition tables, TRUNCATE), and
// ALTER TABLE ... DISABLE TRIGGER does not take a view.
void check_view_trigger(const ObjectReader& reader, const catalog::Trigger& t) {
    Problems& problems = reader.problems();
    if (t.level == TriggerLevel::row && t.timing != TriggerTiming::instead_of) {
        problems.error(reader.pointer("timing"), "a row-level trigger on a view is INSTEAD OF");
    }
    if (t.timing == TriggerTiming::instead_of && !t.events.update_of.empty()) {
        problems.error(reader.pointer("update_of"), "an INSTEAD OF trigger cannot name columns (\"update_of\")");
    }
    if (t.when) {
        // PostgreSQL refuses WHEN on INSTEAD OF; on a statement trigger it
        // could not be compared in the server's spelling yet.
        problems.error(reader.pointer("when"), "a trigger on a view cannot have a WHEN condition here");
    }
    if (t.events.truncate) problems.error(reader.pointer("events"), "a view has no TRUNCATE triggers");
    if (t.constraint) problems.error(reader.pointer("constraint"), "a view cannot have a constraint trigger");
    if (t.old_table || t.new_table) {
        problems.error(reader.pointer("referencing"), "a trigger on a view cannot have transition tables");
    }
    if (reader.has("enabled") && t.enabled != catalog::TriggerEnabled::origin) {
        problems.error(reader.pointer("enabled"), "a trigger on a view is always enabled");
    }
}

// What CREATE TRIGGER refuses, said before any database is involved.
void check_trigger(const ObjectReader& reader, const catalog::Trigger& t, Relation relation) {
    Problems& problems = reader.problems();
    if (relation == Relation::view) check_view_trigger(reader, t);
    if (t.timing == TriggerTiming::instead_of && relation == Relation::table) {
        problems.error(reader.pointer("timing"), "INSTEAD OF triggers are for views, not tables");
    }
    if (t.timing == TriggerTiming::instead_of && t.level != TriggerLevel::row) {
        problems.error(reader.pointer("level"), "an INSTEAD OF trigger is FOR EACH ROW");
    }
    if (!t.events.update_of.empty() && !t.events.update) {
        problems.error(reader.pointer("update_of"), "\"update_of\" needs \"update\" among the events");
    }
    if (t.events.truncate && t.level == TriggerLevel::row) {
        problems.error(reader.pointer("events"),
                       "a TRUNCATE trigger fires per statement: give \"level\": \"statement\"");
    }
    if (t.constraint && (t.timing != TriggerTiming::after || t.level != TriggerLevel::row)) {
        problems.error(reader.pointer("constraint"), "a constraint trigger is AFTER ... FOR EACH ROW");
    }
    if ((t.old_table || t.new_table) && t.timing != TriggerTiming::after) {
        problems.error(reader.pointer("referencing"), "transition tables (\"referencing\") need an AFTER trigger");
    }
}

std::optional<catalog::Trigger> read_trigger(const Json& value, const std::string& pointer, const std::string& name,
                                             TableReading& reading, Relation relation) {
    ObjectReader reader(value, pointer, reading.problems,
                        {"timing", "events", "update_of", "level", "when", "function", "arguments", "enabled",
                         "constraint", "referencing", "comment"});
    if (!reader.valid()) return std::nullopt;
    catalog::Trigger trigger;
    trigger.name = name;
    reader.value("timing", Need::required);
    if (auto timing = read_word(reader, "timing", trigger_timings, "trigger timing")) trigger.timing = *timing;
    read_events(reader, trigger);
    if (auto columns = reader.strings("update_of")) {
        reading.check_columns_exist(*columns, reader.pointer("update_of"), "update_of");
        trigger.events.update_of = std::move(*columns);
    }
    if (auto level = read_word(reader, "level", trigger_levels, "trigger level")) trigger.level = *level;
    trigger.when = reader.string("when");
    auto function = read_function_name(reader, reading.table.name.schema);
    if (function) trigger.function = std::move(*function);
    if (auto arguments = reader.strings("arguments")) trigger.arguments = std::move(*arguments);
    if (auto enabled = read_word(reader, "enabled", trigger_states, "trigger state")) trigger.enabled = *enabled;
    read_constraint(reader, trigger);
    read_referencing(reader, trigger);
    trigger.comment = reader.string("comment");
    check_trigger(reader, trigger, relation);
    if (!function) return std::nullopt;
    return trigger;
}

void read_relation_triggers(const ObjectReader& reader, TableReading& reading, Relation relation) {
    const Json* triggers = reader.object("triggers");
    if (!triggers) return;
    for (const auto& [name, value] : triggers->items()) {
        auto pointer = pointer_join(reader.pointer("triggers"), name);
        if (!check_identifier(name, pointer, reading.problems, "trigger")) continue;
        auto trigger = read_trigger(value, pointer, name, reading, relation);
        if (!trigger) continue;
        reading.sources[catalog::member_id(catalog::ObjectKind::trigger, reading.table.name, name)] =
            reading.problems.at(pointer);
        reading.table.triggers.push_back(std::move(*trigger));
    }
}

}  // namespace

void read_triggers(const ObjectReader& reader, TableReading& reading) {
    read_relation_triggers(reader, reading, Relation::table);
}

void read_view_triggers(const ObjectReader& reader, TableReading& reading) {
    read_relation_triggers(reader, reading, Relation::view);
}

}  // namespace reconcile::desired_state::detail
