// Triggers on the tables and views in scope, one row each; internal
// triggers (those that implement foreign keys) belong to their constraint.
// Runs after the views reader, whose views the triggers attach to. The WHEN
// condition is cut out of pg_get_triggerdef, the only place the server
// deparses it (its variables name OLD and NEW, which pg_get_expr cannot
// print).
#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

namespace {

// pg_trigger.tgtype bits (catalog/pg_trigger.h).
constexpr long long type_row = 1, type_before = 2, type_insert = 4, type_delete = 8, type_update = 16,
                    type_truncate = 32, type_instead = 64;

TriggerEnabled enabled_of(std::string_view code) {
    if (code == "D") return TriggerEnabled::disabled;
    if (code == "R") return TriggerEnabled::replica;
    if (code == "A") return TriggerEnabled::always;
    return TriggerEnabled::origin;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return c - 'A' + 10;
}

// tgargs as hex: each argument followed by a zero byte.
std::vector<std::string> split_arguments(std::string_view hex, long long count) {
    std::vector<std::string> out;
    std::string current;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        char byte = static_cast<char>(hex_value(hex[i]) * 16 + hex_value(hex[i + 1]));
        if (byte == '\0') {
            out.push_back(std::move(current));
            current.clear();
        } else {
            current += byte;
        }
    }
    out.resize(static_cast<std::size_t>(count));
    return out;
}

}  // namespace

std::string relations_with_triggers(std::string_view c) {
    const std::string rel(c);
    return "(" + tables_in_scope(c) + " OR (" + rel +
           ".relkind = 'v' AND n.nspname = ANY ($1::pg_catalog.text[]) AND " +
           not_extension_member("pg_class", rel + ".oid") + "))";
}

std::optional<std::string> trigger_when_clause(std::string_view definition) {
    // Outside quotes and parentheses, " WHEN (" starts the condition; its
    // closing parenthesis ends it. Deparsed text quotes names with "..."
    // and literals with '...', doubling the quote character inside.
    int depth = 0;
    char quote = 0;
    std::size_t start = std::string_view::npos;
    for (std::size_t i = 0; i < definition.size(); ++i) {
        char c = definition[i];
        if (quote) {
            if (c == quote) quote = (i + 1 < definition.size() && definition[i + 1] == quote) ? (++i, quote) : 0;
            continue;
        }
        if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '(') {
            if (depth == 0 && start == std::string_view::npos && definition.substr(0, i).ends_with(" WHEN ")) {
                start = i + 1;
            }
            ++depth;
        } else if (c == ')') {
            --depth;
            if (depth == 0 && start != std::string_view::npos) return std::string(definition.substr(start, i - start));
        }
    }
    return std::nullopt;
}

std::string triggers_sql(int) {
    return R"SQL(
SELECT tg.tgrelid AS table_oid, tg.tgname AS name, tg.tgtype AS type, tg.tgenabled AS enabled,
       fn.nspname AS function_schema, f.proname AS function_name, tg.tgnargs AS argument_count,
       pg_catalog.encode(tg.tgargs, 'hex') AS arguments, '{' || pg_catalog.array_to_string(tg.tgattr::pg_catalog.int2[], ',') || '}' AS update_of,
       tg.tgconstraint <> 0 AS is_constraint, tg.tgdeferrable AS deferrable, tg.tginitdeferred AS initially_deferred,
       CASE WHEN tg.tgqual IS NOT NULL THEN pg_catalog.pg_get_triggerdef(tg.oid) END AS definition,
       tg.tgoldtable AS old_table, tg.tgnewtable AS new_table, d.description AS comment
FROM pg_catalog.pg_trigger tg
JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_proc f ON f.oid = tg.tgfoid
JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = tg.oid AND d.classoid = 'pg_catalog.pg_trigger'::pg_catalog.regclass AND d.objsubid = 0
-- A partition's clone of a trigger on its parent (tgparentid, PostgreSQL
-- 13) belongs to the parent's trigger.
WHERE NOT tg.tgisinternal AND tg.tgparentid = 0 AND )SQL" +
           relations_with_triggers("c") + "\n";
}

void build_triggers(const ResultSet& result, ReadContext& ctx, Model& model) {
    const auto table_oid = result.column("table_oid"), name = result.column("name"), type = result.column("type"),
               enabled = result.column("enabled"), function_schema = result.column("function_schema"),
               function_name = result.column("function_name"), argument_count = result.column("argument_count"),
               arguments = result.column("arguments"), update_of = result.column("update_of"),
               is_constraint = result.column("is_constraint"), deferrable = result.column("deferrable"),
               initially_deferred = result.column("initially_deferred"), definition = result.column("definition"),
               old_table = result.column("old_table"), new_table = result.column("new_table"),
               comment = result.column("comment");
    for (auto row : result) {
        const auto relation = oid(row, table_oid);
        Table* table = ctx.table(model, relation);
        auto view_at = ctx.views.find(relation);
        View* on_view = view_at == ctx.views.end() ? nullptr : &model.views[view_at->second];
        if (table == nullptr && on_view == nullptr) continue;
        Trigger trigger;
        trigger.name = text(row, name);
        const long long bits = integer(row, type);
        trigger.timing = (bits & type_instead)  ? TriggerTiming::instead_of
                         : (bits & type_before) ? TriggerTiming::before
                                                : TriggerTiming::after;
        trigger.level = (bits & type_row) ? TriggerLevel::row : TriggerLevel::statement;
        trigger.events.insert = bits & type_insert;
        trigger.events.update = bits & type_update;
        trigger.events.delete_ = bits & type_delete;
        trigger.events.truncate = bits & type_truncate;
        for (int attnum : parse_int_array(view(row, update_of))) {
            if (on_view) {
                // A view's columns cannot be dropped: attnum is the position.
                if (attnum >= 1 && static_cast<std::size_t>(attnum) <= on_view->columns.size()) {
                    trigger.events.update_of.push_back(on_view->columns[attnum - 1].name);
                }
            } else if (const Column* column = ctx.column(model, relation, attnum)) {
                trigger.events.update_of.push_back(column->name);
            }
        }
        if (auto text = optional_text(row, definition)) trigger.when = trigger_when_clause(*text);
        trigger.function = {text(row, function_schema), text(row, function_name)};
        trigger.arguments = split_arguments(view(row, arguments), integer(row, argument_count));
        trigger.enabled = enabled_of(view(row, enabled));
        trigger.constraint = boolean(row, is_constraint);
        trigger.deferrable = boolean(row, deferrable);
        trigger.initially_deferred = boolean(row, initially_deferred);
        trigger.old_table = optional_text(row, old_table);
        trigger.new_table = optional_text(row, new_table);
        trigger.comment = optional_text(row, comment);
        (table ? table->triggers : on_view->triggers).push_back(std::move(trigger));
    }
}

}  // namespace reconcile::catalog::introspect_detail
