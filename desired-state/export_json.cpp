#include "desired-state/export_json.hpp"

#include <algorithm>
#include <set>

#include "desired-state/json_reader.hpp"
#include "desired-state/types.hpp"
#include "desired-state/vocabulary.hpp"

namespace reconcile::desired_state::detail {

namespace {

using catalog::ConstraintKind;

template <typename T>
void put_optional(OrderedJson& object, const char* key, const std::optional<T>& value) {
    if (value) object[key] = *value;
}

// Storage parameters as an object; values stay strings, exactly as the
// server holds them, so they read back unchanged.
void put_storage(OrderedJson& object, const std::vector<std::string>& parameters) {
    if (parameters.empty()) return;
    OrderedJson out = OrderedJson::object();
    for (const auto& parameter : parameters) {
        auto eq = parameter.find('=');
        out[parameter.substr(0, eq)] = eq == std::string::npos ? std::string() : parameter.substr(eq + 1);
    }
    object["storage_parameters"] = std::move(out);
}

void put_flag(OrderedJson& object, const char* key, bool value) {
    if (value) object[key] = true;
}

OrderedJson identity_json(const catalog::Identity& identity) {
    OrderedJson out = OrderedJson::object();
    out["generated"] = std::string(spelling_of(identity_kinds, identity.kind));
    put_optional(out, "sequence_name", identity.sequence_name);
    // The sequence's type is always the column's type, so it is not written.
    const auto& sequence = identity.sequence;
    put_optional(out, "start", sequence.start);
    put_optional(out, "increment", sequence.increment);
    put_optional(out, "min_value", sequence.min_value);
    put_optional(out, "max_value", sequence.max_value);
    put_optional(out, "cache", sequence.cache);
    put_optional(out, "cycle", sequence.cycle);
    return out;
}

OrderedJson column_json(const catalog::Model& model, const catalog::QualifiedName& table,
                        const catalog::Column& column) {
    OrderedJson out = OrderedJson::object();
    out["name"] = column.name;
    bool serial = column.serial != catalog::Serial::none;
    out["type"] = serial ? serial_name(column.serial) : column.type;
    // Serial and identity columns are NOT NULL by definition; the reader
    // restores it.
    if (column.not_null && !serial && !column.identity) out["not_null"] = true;
    if (!serial) put_optional(out, "default", column.default_expr);
    if (column.identity) out["identity"] = identity_json(*column.identity);
    put_optional(out, "generated", column.generated);
    put_optional(out, "collation", column.collation);
    put_optional(out, "statistics", column.tuning.statistics);
    put_optional(out, "storage", column.tuning.storage);
    put_optional(out, "compression", column.tuning.compression);
    if (!column.tuning.options.empty()) {
        OrderedJson options = OrderedJson::object();
        for (const auto& option : column.tuning.options) {
            auto eq = option.find('=');
            options[option.substr(0, eq)] = eq == std::string::npos ? std::string() : option.substr(eq + 1);
        }
        out["options"] = std::move(options);
    }
    put_optional(out, "comment", column.comment);
    put_grants(out, "grants", model, catalog::column_id(table, column.name));
    return out;
}

void put_deferrable(OrderedJson& out, const catalog::Constraint& constraint) {
    put_flag(out, "deferrable", constraint.deferrable);
    put_flag(out, "initially_deferred", constraint.initially_deferred);
}

OrderedJson primary_key_json(const catalog::Table& table, const catalog::Constraint& key) {
    OrderedJson out = OrderedJson::object();
    if (key.name != table.name.name + "_pkey") out["name"] = key.name;
    out["columns"] = key.columns;
    put_deferrable(out, key);
    put_optional(out, "comment", key.comment);
    return out;
}

OrderedJson unique_json(const catalog::Constraint& unique) {
    OrderedJson out = OrderedJson::object();
    out["columns"] = unique.columns;
    put_flag(out, "nulls_not_distinct", unique.nulls_not_distinct);
    put_deferrable(out, unique);
    put_optional(out, "comment", unique.comment);
    return out;
}

OrderedJson check_json(const catalog::Constraint& check) {
    OrderedJson out = OrderedJson::object();
    out["expression"] = check.expression;
    put_flag(out, "no_inherit", check.no_inherit);
    put_flag(out, "not_valid", check.not_valid);
    put_optional(out, "comment", check.comment);
    return out;
}

OrderedJson exclusion_json(const catalog::Constraint& exclusion) {
    OrderedJson out = OrderedJson::object();
    out["definition"] = exclusion.expression;
    put_deferrable(out, exclusion);
    put_optional(out, "comment", exclusion.comment);
    return out;
}

OrderedJson foreign_key_json(const catalog::Table& table, const catalog::Constraint& fk) {
    const auto& references = *fk.references;
    OrderedJson out = OrderedJson::object();
    out["columns"] = fk.columns;
    OrderedJson target = OrderedJson::object();
    if (references.table.schema != table.name.schema) target["schema"] = references.table.schema;
    target["table"] = references.table.name;
    target["columns"] = references.columns;
    out["references"] = std::move(target);
    using catalog::ReferentialAction;
    if (references.on_delete != ReferentialAction::no_action) {
        out["on_delete"] = std::string(spelling_of(referential_actions, references.on_delete));
    }
    if (!references.on_delete_columns.empty()) out["on_delete_columns"] = references.on_delete_columns;
    if (references.on_update != ReferentialAction::no_action) {
        out["on_update"] = std::string(spelling_of(referential_actions, references.on_update));
    }
    if (references.match != catalog::MatchType::simple) {
        out["match"] = std::string(spelling_of(match_types, references.match));
    }
    put_deferrable(out, fk);
    put_flag(out, "not_valid", fk.not_valid);
    put_optional(out, "comment", fk.comment);
    return out;
}

bool plain_column(const catalog::IndexKey& key) {
    return key.column && !key.opclass && !key.collation && !key.descending && !key.nulls_first;
}

OrderedJson index_key_json(const catalog::IndexKey& key) {
    if (plain_column(key)) return *key.column;
    OrderedJson out = OrderedJson::object();
    put_optional(out, "column", key.column);
    put_optional(out, "expression", key.expression);
    put_optional(out, "opclass", key.opclass);
    put_optional(out, "collation", key.collation);
    if (key.descending) out["order"] = "desc";
    // Written only when it differs from the default for the order.
    if (key.nulls_first != key.descending) out["nulls"] = key.nulls_first ? "first" : "last";
    return out;
}

OrderedJson index_json(const catalog::Index& index) {
    OrderedJson out = OrderedJson::object();
    if (std::all_of(index.keys.begin(), index.keys.end(), plain_column)) {
        OrderedJson columns = OrderedJson::array();
        for (const auto& key : index.keys) columns.push_back(*key.column);
        out["columns"] = std::move(columns);
    } else {
        OrderedJson keys = OrderedJson::array();
        for (const auto& key : index.keys) keys.push_back(index_key_json(key));
        out["keys"] = std::move(keys);
    }
    if (index.method != "btree") out["method"] = index.method;
    put_flag(out, "unique", index.unique);
    put_flag(out, "nulls_not_distinct", index.nulls_not_distinct);
    if (!index.include.empty()) out["include"] = index.include;
    put_optional(out, "where", index.where);
    put_storage(out, index.storage);
    put_optional(out, "comment", index.comment);
    return out;
}

// relation: the table or view the trigger is on; its schema is the default
// for the function's.
OrderedJson trigger_json(const catalog::QualifiedName& relation, const catalog::Trigger& trigger) {
    OrderedJson out = OrderedJson::object();
    out["timing"] = std::string(spelling_of(trigger_timings, trigger.timing));
    OrderedJson events = OrderedJson::array();
    if (trigger.events.insert) events.push_back("insert");
    if (trigger.events.update) events.push_back("update");
    if (trigger.events.delete_) events.push_back("delete");
    if (trigger.events.truncate) events.push_back("truncate");
    out["events"] = std::move(events);
    if (!trigger.events.update_of.empty()) out["update_of"] = trigger.events.update_of;
    out["level"] = std::string(spelling_of(trigger_levels, trigger.level));
    put_optional(out, "when", trigger.when);
    const auto& function = trigger.function;
    if (function.schema.find('.') != std::string::npos || function.name.find('.') != std::string::npos) {
        out["function"] = OrderedJson{{"schema", function.schema}, {"name", function.name}};
    } else {
        out["function"] = function.schema == relation.schema ? function.name : function.schema + "." + function.name;
    }
    if (!trigger.arguments.empty()) out["arguments"] = trigger.arguments;
    if (trigger.enabled != catalog::TriggerEnabled::origin) {
        out["enabled"] = std::string(spelling_of(trigger_states, trigger.enabled));
    }
    if (trigger.constraint) {
        OrderedJson constraint = OrderedJson::object();
        put_flag(constraint, "deferrable", trigger.deferrable);
        put_flag(constraint, "initially_deferred", trigger.initially_deferred);
        out["constraint"] = std::move(constraint);
    }
    if (trigger.old_table || trigger.new_table) {
        OrderedJson referencing = OrderedJson::object();
        put_optional(referencing, "old_table", trigger.old_table);
        put_optional(referencing, "new_table", trigger.new_table);
        out["referencing"] = std::move(referencing);
    }
    put_optional(out, "comment", trigger.comment);
    return out;
}

OrderedJson policy_json(const catalog::Policy& policy) {
    OrderedJson out = OrderedJson::object();
    if (policy.command != catalog::PolicyCommand::all) {
        out["command"] = std::string(spelling_of(policy_commands, policy.command));
    }
    if (!policy.permissive) out["as"] = "restrictive";
    if (policy.roles != std::vector<std::string>{catalog::public_role}) out["roles"] = policy.roles;
    put_optional(out, "using", policy.using_expr);
    put_optional(out, "with_check", policy.check_expr);
    put_optional(out, "comment", policy.comment);
    return out;
}

// Named constraints of one kind as {"name": {...}}, omitted when there are none.
template <typename ToJson>
void put_constraints(OrderedJson& out, const char* key, const catalog::Table& table, ConstraintKind kind,
                     ToJson to_json) {
    OrderedJson map = OrderedJson::object();
    for (const auto& constraint : table.constraints) {
        if (constraint.kind == kind) map[constraint.name] = to_json(constraint);
    }
    if (!map.empty()) out[key] = std::move(map);
}

}  // namespace

OrderedJson table_document(const catalog::Model& model, const catalog::Table& table) {
    OrderedJson out = OrderedJson::object();
    out["$schema"] = std::string(manifest_schema_id);
    out["schema"] = table.name.schema;
    out["table"] = table.name.name;
    put_optional(out, "comment", table.comment);
    put_flag(out, "unlogged", table.unlogged);
    put_storage(out, table.storage);
    switch (table.replica_identity) {
        case catalog::ReplicaIdentity::full:
            out["replica_identity"] = "full";
            break;
        case catalog::ReplicaIdentity::nothing:
            out["replica_identity"] = "nothing";
            break;
        case catalog::ReplicaIdentity::index:
            out["replica_identity"] = OrderedJson{{"index", table.replica_identity_index}};
            break;
        case catalog::ReplicaIdentity::default_key:
            break;
    }
    if (!table.inherits.empty()) {
        OrderedJson parents = OrderedJson::array();
        for (const auto& parent : table.inherits)
            parents.push_back({{"schema", parent.schema}, {"table", parent.name}});
        out["inherits"] = std::move(parents);
    }
    put_optional(out, "partition_by", table.partitioning);
    if (const auto& of = table.partition_of) {
        out["partition_of"] =
            OrderedJson{{"schema", of->parent.schema}, {"table", of->parent.name}, {"bound", of->bound}};
    } else {
        // A partition's columns are its parent's (table_partitions.cpp).
        OrderedJson columns = OrderedJson::array();
        for (const auto& column : table.columns) columns.push_back(column_json(model, table.name, column));
        out["columns"] = std::move(columns);
    }
    if (!table.inherited_columns.empty()) {
        OrderedJson columns = OrderedJson::object();
        for (const auto& own : table.inherited_columns) {
            OrderedJson entry = OrderedJson::object();
            put_optional(entry, "default", own.default_expr);
            put_flag(entry, "not_null", own.not_null);
            put_optional(entry, "comment", own.comment);
            columns[own.name] = std::move(entry);
        }
        out["inherited_columns"] = std::move(columns);
    }
    if (const auto* key = table.primary_key()) out["primary_key"] = primary_key_json(table, *key);
    put_constraints(out, "unique", table, ConstraintKind::unique, unique_json);
    put_constraints(out, "checks", table, ConstraintKind::check, check_json);
    put_constraints(out, "foreign_keys", table, ConstraintKind::foreign_key,
                    [&](const catalog::Constraint& fk) { return foreign_key_json(table, fk); });
    put_constraints(out, "exclusions", table, ConstraintKind::exclusion, exclusion_json);
    if (!table.indexes.empty()) {
        OrderedJson indexes = OrderedJson::object();
        for (const auto& index : table.indexes) indexes[index.name] = index_json(index);
        out["indexes"] = std::move(indexes);
    }
    const auto id = catalog::table_id(table.name);
    put_owner(out, model, id);
    put_grants(out, "grants", model, id);
    put_sequence_grants(out, model, table);
    if (!table.triggers.empty()) {
        OrderedJson triggers = OrderedJson::object();
        for (const auto& trigger : table.triggers) triggers[trigger.name] = trigger_json(table.name, trigger);
        out["triggers"] = std::move(triggers);
    }
    put_flag(out, "row_level_security", table.row_security);
    put_flag(out, "force_row_level_security", table.force_row_security);
    if (!table.policies.empty()) {
        OrderedJson policies = OrderedJson::object();
        for (const auto& policy : table.policies) policies[policy.name] = policy_json(policy);
        out["policies"] = std::move(policies);
    }
    return out;
}

OrderedJson function_document(const catalog::Model& model, const catalog::Function& function,
                              const std::optional<std::string>& body_file) {
    OrderedJson out = OrderedJson::object();
    out["$schema"] = std::string(manifest_schema_id);
    out["schema"] = function.name.schema;
    const bool procedure = function.kind == catalog::ObjectKind::procedure;
    out[procedure ? "procedure" : "function"] = function.name.name;
    if (!function.arguments.empty()) {
        OrderedJson arguments = OrderedJson::array();
        for (const auto& argument : function.arguments) {
            OrderedJson entry = OrderedJson::object();
            if (!argument.name.empty()) entry["name"] = argument.name;
            entry["type"] = argument.type;
            if (argument.mode != catalog::ArgumentMode::in) {
                entry["mode"] = std::string(spelling_of(argument_modes, argument.mode));
            }
            put_optional(entry, "default", argument.default_expr);
            arguments.push_back(std::move(entry));
        }
        out["arguments"] = std::move(arguments);
    }
    put_optional(out, "returns", function.returns);
    out["language"] = function.language;
    if (function.volatility != catalog::Volatility::volatile_) {
        out["volatility"] = std::string(spelling_of(volatilities, function.volatility));
    }
    put_flag(out, "strict", function.strict);
    put_flag(out, "security_definer", function.security_definer);
    put_flag(out, "leakproof", function.leakproof);
    if (function.parallel != catalog::ParallelSafety::unsafe) {
        out["parallel"] = std::string(spelling_of(parallel_safeties, function.parallel));
    }
    // 50, not 50.0: estimates are nearly always whole numbers.
    auto put_estimate = [&](const char* key, const std::optional<double>& value) {
        if (!value) return;
        if (*value == static_cast<double>(static_cast<std::int64_t>(*value))) {
            out[key] = static_cast<std::int64_t>(*value);
        } else {
            out[key] = *value;
        }
    };
    put_estimate("cost", function.cost);
    put_estimate("rows", function.rows);
    if (!function.config.empty()) {
        OrderedJson settings = OrderedJson::object();
        for (const auto& setting : function.config) {
            auto eq = setting.find('=');
            settings[setting.substr(0, eq)] = eq == std::string::npos ? std::string() : setting.substr(eq + 1);
        }
        out["set"] = std::move(settings);
    }
    if (body_file) {
        out["body_file"] = *body_file;
    } else {
        out["body"] = function.body;
    }
    put_optional(out, "comment", function.comment);
    put_access(out, model, function.id());
    return out;
}

namespace {

OrderedJson domain_json(const catalog::Domain& domain) {
    OrderedJson out = OrderedJson::object();
    out["type"] = domain.base_type;
    put_optional(out, "default", domain.default_expr);
    put_flag(out, "not_null", domain.not_null);
    put_optional(out, "collation", domain.collation);
    if (!domain.checks.empty()) {
        OrderedJson checks = OrderedJson::object();
        for (const auto& check : domain.checks) {
            OrderedJson entry = OrderedJson::object();
            entry["expression"] = check.expression;
            checks[check.name] = std::move(entry);
        }
        out["checks"] = std::move(checks);
    }
    put_optional(out, "comment", domain.comment);
    return out;
}

// Options equal to what CREATE SEQUENCE would choose are left out, so the
// file says only what is particular to the sequence.
OrderedJson sequence_json(const catalog::Sequence& sequence) {
    OrderedJson out = OrderedJson::object();
    const auto& o = sequence.options;
    catalog::SequenceOptions by_default{.type = o.type, .increment = o.increment};
    by_default = catalog::with_sequence_defaults(by_default);
    if (o.type != "bigint") put_optional(out, "type", o.type);
    if (o.start != by_default.start) put_optional(out, "start", o.start);
    if (o.increment != 1) put_optional(out, "increment", o.increment);
    if (o.min_value != by_default.min_value) put_optional(out, "min_value", o.min_value);
    if (o.max_value != by_default.max_value) put_optional(out, "max_value", o.max_value);
    if (o.cache != 1) put_optional(out, "cache", o.cache);
    if (o.cycle == true) out["cycle"] = true;
    if (sequence.owned_by) {
        OrderedJson owner = OrderedJson::object();
        owner["table"] = sequence.owned_by->table.name;
        owner["column"] = sequence.owned_by->column;
        out["owned_by"] = std::move(owner);
    }
    put_optional(out, "comment", sequence.comment);
    return out;
}

}  // namespace

OrderedJson view_document(const catalog::Model& model, const catalog::View& view, const std::string& query_file) {
    OrderedJson out = OrderedJson::object();
    out["$schema"] = std::string(manifest_schema_id);
    out["schema"] = view.name.schema;
    out[view.materialized ? "materialized_view" : "view"] = view.name.name;
    put_optional(out, "comment", view.comment);
    if (query_file.empty()) {
        out["query"] = view.definition;
    } else {
        out["query_file"] = query_file;
    }
    if (view.check_option != catalog::CheckOption::none) {
        out["check_option"] = std::string(spelling_of(check_options, view.check_option));
    }
    put_flag(out, "security_barrier", view.security_barrier);
    put_flag(out, "security_invoker", view.security_invoker);
    put_flag(out, "with_no_data", view.with_no_data);
    put_storage(out, view.storage);
    if (!view.column_comments.empty()) {
        OrderedJson comments = OrderedJson::object();
        for (const auto& [column, comment] : view.column_comments) comments[column] = comment;
        out["column_comments"] = std::move(comments);
    }
    if (!view.indexes.empty()) {
        OrderedJson indexes = OrderedJson::object();
        for (const auto& index : view.indexes) indexes[index.name] = index_json(index);
        out["indexes"] = std::move(indexes);
    }
    if (!view.triggers.empty()) {
        OrderedJson triggers = OrderedJson::object();
        for (const auto& trigger : view.triggers) triggers[trigger.name] = trigger_json(view.name, trigger);
        out["triggers"] = std::move(triggers);
    }
    put_access(out, model, view.id());
    return out;
}

OrderedJson schema_document(const catalog::Model& model) {
    // A table or enum must live in a declared schema to load again, so every
    // schema that holds one is written, claimed or not.
    std::set<std::string> names;
    for (const auto& schema : model.schemas) names.insert(schema.name);
    for (const auto& extension : model.extensions) names.insert(extension.schema);
    for (const auto& type : model.enums) names.insert(type.name.schema);
    for (const auto& sequence : model.sequences) names.insert(sequence.name.schema);
    for (const auto& domain : model.domains) names.insert(domain.name.schema);
    for (const auto& type : model.composite_types) names.insert(type.name.schema);
    for (const auto& type : model.range_types) names.insert(type.name.schema);
    for (const auto& table : model.tables) names.insert(table.name.schema);
    for (const auto& function : model.functions) names.insert(function.name.schema);
    for (const auto& aggregate : model.aggregates) names.insert(aggregate.name.schema);
    for (const auto& view : model.views) names.insert(view.name.schema);

    OrderedJson schemas = OrderedJson::object();
    for (const auto& name : names) {
        OrderedJson schema = OrderedJson::object();
        if (const auto* declared = model.find_schema(name)) put_optional(schema, "comment", declared->comment);
        OrderedJson extensions = OrderedJson::object();
        for (const auto& extension : model.extensions) {
            if (extension.schema != name) continue;
            OrderedJson entry = OrderedJson::object();
            put_optional(entry, "version", extension.version);
            put_optional(entry, "comment", extension.comment);
            extensions[extension.name] = std::move(entry);
        }
        if (!extensions.empty()) schema["extensions"] = std::move(extensions);
        OrderedJson enums = OrderedJson::object();
        for (const auto& type : model.enums) {
            if (type.name.schema != name) continue;
            OrderedJson entry = OrderedJson::object();
            entry["values"] = type.values;
            put_optional(entry, "comment", type.comment);
            put_access(entry, model, catalog::enum_id(type.name));
            enums[type.name.name] = std::move(entry);
        }
        if (!enums.empty()) schema["enums"] = std::move(enums);
        OrderedJson domains = OrderedJson::object();
        for (const auto& domain : model.domains) {
            if (domain.name.schema != name) continue;
            OrderedJson entry = domain_json(domain);
            put_access(entry, model, catalog::object_id(catalog::ObjectKind::domain, domain.name));
            domains[domain.name.name] = std::move(entry);
        }
        if (!domains.empty()) schema["domains"] = std::move(domains);
        OrderedJson composites = OrderedJson::object();
        for (const auto& type : model.composite_types) {
            if (type.name.schema != name) continue;
            OrderedJson entry = OrderedJson::object();
            OrderedJson attributes = OrderedJson::array();
            for (const auto& attribute : type.attributes) {
                OrderedJson a = OrderedJson::object();
                a["name"] = attribute.name;
                a["type"] = attribute.type;
                put_optional(a, "collation", attribute.collation);
                attributes.push_back(std::move(a));
            }
            entry["attributes"] = std::move(attributes);
            put_optional(entry, "comment", type.comment);
            put_access(entry, model, catalog::object_id(catalog::ObjectKind::composite_type, type.name));
            composites[type.name.name] = std::move(entry);
        }
        if (!composites.empty()) schema["composite_types"] = std::move(composites);
        OrderedJson ranges = OrderedJson::object();
        for (const auto& type : model.range_types) {
            if (type.name.schema != name) continue;
            OrderedJson entry = OrderedJson::object();
            entry["subtype"] = type.subtype;
            put_optional(entry, "subtype_opclass", type.subtype_opclass);
            put_optional(entry, "collation", type.collation);
            put_optional(entry, "canonical", type.canonical);
            put_optional(entry, "subtype_diff", type.subtype_diff);
            put_optional(entry, "comment", type.comment);
            ranges[type.name.name] = std::move(entry);
        }
        if (!ranges.empty()) schema["range_types"] = std::move(ranges);
        OrderedJson sequences = OrderedJson::object();
        for (const auto& sequence : model.sequences) {
            if (sequence.name.schema != name) continue;
            OrderedJson entry = sequence_json(sequence);
            put_access(entry, model, catalog::object_id(catalog::ObjectKind::sequence, sequence.name));
            sequences[sequence.name.name] = std::move(entry);
        }
        if (!sequences.empty()) schema["sequences"] = std::move(sequences);
        put_owner(schema, model, catalog::schema_id(name));
        put_grants(schema, "grants", model, catalog::schema_id(name));
        put_default_privileges(schema, model, name);
        schemas[name] = std::move(schema);
    }
    OrderedJson out = OrderedJson::object();
    out["$schema"] = std::string(manifest_schema_id);
    out["schemas"] = std::move(schemas);
    return out;
}

}  // namespace reconcile::desired_state::detail
