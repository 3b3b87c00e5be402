#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

namespace {

using catalog::TriggerEnabled;
using catalog::TriggerLevel;
using catalog::TriggerTiming;

std::string events_text(const catalog::TriggerEvents& events) {
    std::vector<std::string> out;
    if (events.insert) out.emplace_back("INSERT");
    if (events.update) {
        out.emplace_back(events.update_of.empty() ? "UPDATE" : "UPDATE OF " + sql::ident_list(events.update_of));
    }
    if (events.delete_) out.emplace_back("DELETE");
    if (events.truncate) out.emplace_back("TRUNCATE");
    return join(out, " OR ");
}

std::string timing_text(TriggerTiming timing) {
    switch (timing) {
        case TriggerTiming::before:
            return "BEFORE";
        case TriggerTiming::after:
            return "AFTER";
        case TriggerTiming::instead_of:
            return "INSTEAD OF";
    }
    return "AFTER";
}

std::string trigger_on(const QualifiedName& table, const std::string& name) {
    return sql::ident(name) + " ON " + sql::qualified(table);
}

}  // namespace

std::string create_trigger_statement(const QualifiedName& table, const Trigger& t) {
    std::string out = t.constraint ? "CREATE CONSTRAINT TRIGGER " : "CREATE TRIGGER ";
    out += sql::ident(t.name) + " " + timing_text(t.timing) + " " + events_text(t.events) + " ON " +
           sql::qualified(table);
    if (t.constraint) {
        if (t.deferrable) out += t.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
    }
    if (t.old_table || t.new_table) {
        out += " REFERENCING";
        if (t.old_table) out += " OLD TABLE AS " + sql::ident(*t.old_table);
        if (t.new_table) out += " NEW TABLE AS " + sql::ident(*t.new_table);
    }
    out += t.level == TriggerLevel::row ? " FOR EACH ROW" : " FOR EACH STATEMENT";
    if (t.when) out += " WHEN (" + sql::expression(*t.when) + ")";
    std::vector<std::string> arguments;
    for (const auto& argument : t.arguments) arguments.push_back(sql::literal(argument));
    out += " EXECUTE FUNCTION " + sql::qualified(t.function) + "(" + join(arguments, ", ") + ")";
    return out;
}

std::string trigger_enabled_statement(const QualifiedName& table, const std::string& name, TriggerEnabled to) {
    std::string action;
    switch (to) {
        case TriggerEnabled::origin:
            action = "ENABLE TRIGGER ";
            break;
        case TriggerEnabled::disabled:
            action = "DISABLE TRIGGER ";
            break;
        case TriggerEnabled::replica:
            action = "ENABLE REPLICA TRIGGER ";
            break;
        case TriggerEnabled::always:
            action = "ENABLE ALWAYS TRIGGER ";
            break;
    }
    return "ALTER TABLE " + sql::qualified(table) + " " + action + sql::ident(name);
}

Statements sql_of(const CreateTrigger& change) {
    return {create_trigger_statement(change.table, change.trigger)};
}

Statements sql_of(const DropTrigger& change) {
    return {"DROP TRIGGER " + trigger_on(change.table, change.trigger.name)};
}

// PostgreSQL 13 has no CREATE OR REPLACE TRIGGER; both statements run in
// the step's transaction, so the table is never without its trigger.
Statements sql_of(const ReplaceTrigger& change) {
    return {"DROP TRIGGER " + trigger_on(change.table, change.from.name),
            create_trigger_statement(change.table, change.to)};
}

Statements sql_of(const SetTriggerEnabled& change) {
    return {trigger_enabled_statement(change.table, change.trigger, change.to)};
}

std::string description_of(const CreateTrigger& change) {
    return "create trigger " + display(change.object()) + " (" + timing_text(change.trigger.timing) + " " +
           events_text(change.trigger.events) + ", calls " + catalog::display(change.trigger.function) + ")";
}

std::string description_of(const DropTrigger& change) {
    return "drop trigger " + display(change.object());
}

std::string description_of(const ReplaceTrigger& change) {
    return "replace trigger " + display(change.object());
}

std::string description_of(const SetTriggerEnabled& change) {
    static constexpr std::string_view states[] = {"enabled", "disabled", "enabled for replica sessions only",
                                                  "enabled always"};
    return "set trigger " + display(change.object()) + " " + std::string(states[static_cast<int>(change.to)]);
}

}  // namespace reconcile::engine::render_detail
