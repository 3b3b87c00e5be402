// Checks that need every file: tables in claimed schemas, foreign keys
// between tables, and names that must be unique across a schema.
#include <algorithm>
#include <functional>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "catalog/model/referenceable_key.hpp"
#include "desired-state/edit_distance.hpp"
#include "desired-state/loader.hpp"

namespace reconcile::desired_state::detail {

namespace {

using catalog::ConstraintKind;
using catalog::QualifiedName;

std::vector<std::string> schema_names(const catalog::Model& model) {
    std::vector<std::string> names;
    for (const auto& schema : model.schemas) names.push_back(schema.name);
    return names;
}

std::vector<std::string> table_names_in(const catalog::Model& model, const std::string& schema) {
    std::vector<std::string> names;
    for (const auto& table : model.tables) {
        if (table.name.schema == schema) names.push_back(table.name.name);
    }
    return names;
}

// A partition lists none of its columns and an INHERITS child only its
// own; the rest are its parents', and a foreign key may name them all
// (PostgreSQL copies them into the child). `seen` stops a cycle a bad
// manifest could declare.
void collect_columns(const catalog::Model& model, const catalog::Table& table, std::vector<std::string>& names,
                     std::vector<const catalog::Table*>& seen) {
    if (std::find(seen.begin(), seen.end(), &table) != seen.end()) return;
    seen.push_back(&table);
    for (const auto& column : table.columns) names.push_back(column.name);
    std::vector<QualifiedName> parents = table.inherits;
    if (table.partition_of) parents.push_back(table.partition_of->parent);
    for (const auto& parent : parents) {
        if (const auto* found = model.find_table(parent)) collect_columns(model, *found, names, seen);
    }
}

std::vector<std::string> column_names(const catalog::Model& model, const catalog::Table& table) {
    std::vector<std::string> names;
    std::vector<const catalog::Table*> seen;
    collect_columns(model, table, names, seen);
    return names;
}

// Whether two lists hold the same columns, ignoring order and repeats.
void check_foreign_key(Draft& draft, const catalog::Table& table, const catalog::Constraint& fk) {
    const auto& references = *fk.references;
    if (!draft.model.find_schema(references.table.schema)) return;  // external: checked against the database
    // Reports at "<the foreign key>/references<below>"; where the foreign
    // key was declared is looked up only then.
    auto report = [&](std::string_view below, std::string message, std::string suggestion = {}) {
        auto key = catalog::constraint_id(table.name, fk.name);
        problems_at(draft, key)
            .error(source_of(draft, key).pointer + "/references" + std::string(below), std::move(message),
                   std::move(suggestion));
    };
    const catalog::Table* target = draft.model.find_table(references.table);
    if (!target) {
        report("/table",
               "foreign key \"" + fk.name + "\" references table " + catalog::display(references.table) +
                   ", which is not declared in the manifests",
               closest(references.table.name, table_names_in(draft.model, references.table.schema)));
        return;
    }
    bool all_exist = true;
    auto target_columns = column_names(draft.model, *target);
    for (std::size_t i = 0; i < references.columns.size(); ++i) {
        if (std::find(target_columns.begin(), target_columns.end(), references.columns[i]) != target_columns.end())
            continue;
        all_exist = false;
        report(pointer_join("/columns", i),
               "column \"" + references.columns[i] + "\" is not a column of table " + catalog::display(target->name),
               closest(references.columns[i], target_columns));
    }
    if (all_exist && !references.columns.empty() && !catalog::has_referenceable_key(*target, references.columns)) {
        report("/columns", "table " + catalog::display(target->name) +
                               " has no primary key, unique constraint or unique index on exactly "
                               "these columns (not deferrable, not partial); PostgreSQL requires one for a "
                               "foreign key");
    }
}

}  // namespace

void check_table_schemas(Draft& draft) {
    auto declared = schema_names(draft.model);
    for (const auto& table : draft.model.tables) {
        if (draft.model.find_schema(table.name.schema)) continue;
        auto key = catalog::table_id(table.name);
        problems_at(draft, key)
            .error(
                "/schema",
                "schema \"" + table.name.schema + "\" is not declared in any schema file; declare it in a schema file",
                closest(table.name.schema, declared));
    }
}

void check_function_schemas(Draft& draft) {
    auto declared = schema_names(draft.model);
    for (const auto& function : draft.model.functions) {
        if (draft.model.find_schema(function.name.schema)) continue;
        problems_at(draft, function.id())
            .error("/schema",
                   "schema \"" + function.name.schema +
                       "\" is not declared in any schema file; declare it in a schema file",
                   closest(function.name.schema, declared));
    }
}

void check_foreign_keys(Draft& draft) {
    for (const auto& table : draft.model.tables) {
        for (const auto& constraint : table.constraints) {
            if (constraint.references) check_foreign_key(draft, table, constraint);
        }
    }
}

// Tables, indexes and the indexes behind primary keys and unique
// constraints are all relations: PostgreSQL wants their names unique per
// schema, whichever table they belong to.
void check_relation_names(Draft& draft) {
    enum class Kind { table, primary_key, unique, index };
    // The first claim of a name. How to describe it and where it was
    // declared are worked out only when a second claim needs them.
    struct Relation {
        Kind kind;
        const catalog::Table* table;
        const std::string* name;  // of the constraint or index

        std::string what() const {
            switch (kind) {
                case Kind::table:
                    return "table " + catalog::display(table->name);
                case Kind::primary_key:
                    return "primary key " + *name + " of table " + catalog::display(table->name);
                case Kind::unique:
                    return "unique constraint " + *name + " of table " + catalog::display(table->name);
                case Kind::index:
                    return "index " + *name + " of table " + catalog::display(table->name);
            }
            return {};
        }
        catalog::ObjectId source_key() const {
            switch (kind) {
                case Kind::table:
                    return catalog::table_id(table->name);
                case Kind::primary_key:
                case Kind::unique:
                    return catalog::constraint_id(table->name, *name);
                case Kind::index:
                    return catalog::index_id(table->name, *name);
            }
            return {};
        }
    };
    struct NameHash {
        std::size_t operator()(const std::pair<std::string_view, std::string_view>& name) const {
            auto hash = std::hash<std::string_view>();
            return hash(name.first) * 31 + hash(name.second);
        }
    };
    // (schema, name) -> first claim; views into draft.model, which this does not change.
    std::unordered_map<std::pair<std::string_view, std::string_view>, Relation, NameHash> used;
    auto claim = [&](std::string_view relation_name, const Relation& relation) {
        const std::string& schema = relation.table->name.schema;
        auto [it, inserted] = used.emplace(std::pair{std::string_view(schema), relation_name}, relation);
        if (inserted) return;
        auto key = relation.source_key();
        auto location = source_of(draft, key);
        const Relation& owner = it->second;
        problems_at(draft, key)
            .error(location.pointer, "name \"" + std::string(relation_name) + "\" of " + relation.what() +
                                         " is already used in schema " + schema + " by " + owner.what() + " (" +
                                         source_of(draft, owner.source_key()).file +
                                         "); tables, indexes, primary keys and unique constraints share one "
                                         "namespace per schema");
    };
    for (const auto& table : draft.model.tables) claim(table.name.name, {Kind::table, &table, &table.name.name});
    for (const auto& table : draft.model.tables) {
        for (const auto& constraint : table.constraints) {
            if (constraint.kind == ConstraintKind::primary_key) {
                claim(constraint.name, {Kind::primary_key, &table, &constraint.name});
            } else if (constraint.kind == ConstraintKind::unique) {
                claim(constraint.name, {Kind::unique, &table, &constraint.name});
            }
        }
        for (const auto& index : table.indexes) claim(index.name, {Kind::index, &table, &index.name});
    }
}

}  // namespace reconcile::desired_state::detail
