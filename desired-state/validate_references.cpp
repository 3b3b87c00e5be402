// Checks that need every file: tables in claimed schemas, foreign keys
// between tables, and names that must be unique across a schema.
#include <algorithm>
#include <set>

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

std::vector<std::string> column_names(const catalog::Table& table) {
    std::vector<std::string> names;
    for (const auto& column : table.columns) names.push_back(column.name);
    return names;
}

// PostgreSQL accepts a foreign key only when the referenced columns are
// exactly those of a primary key, a unique constraint or a plain unique index.
bool has_unique_key(const catalog::Table& table, const std::vector<std::string>& columns) {
    std::set<std::string> wanted(columns.begin(), columns.end());
    for (const auto& constraint : table.constraints) {
        bool key = constraint.kind == ConstraintKind::primary_key || constraint.kind == ConstraintKind::unique;
        if (key && std::set<std::string>(constraint.columns.begin(), constraint.columns.end()) == wanted) return true;
    }
    for (const auto& index : table.indexes) {
        if (!index.unique || index.where) continue;
        std::set<std::string> key_columns;
        bool plain = std::all_of(index.keys.begin(), index.keys.end(), [&](const catalog::IndexKey& key) {
            if (key.column) key_columns.insert(*key.column);
            return key.column.has_value();
        });
        if (plain && key_columns == wanted) return true;
    }
    return false;
}

void check_foreign_key(Draft& draft, const catalog::Table& table, const catalog::Constraint& fk) {
    const auto& references = *fk.references;
    if (!draft.model.find_schema(references.table.schema)) return;  // external: checked against the database
    auto key = source_key_constraint(table.name, fk.name);
    auto problems = problems_at(draft, key);
    auto pointer = source_of(draft, key).pointer + "/references";
    const catalog::Table* target = draft.model.find_table(references.table);
    if (!target) {
        problems.error(pointer + "/table",
                       "foreign key \"" + fk.name + "\" references table " + catalog::display(references.table) +
                           ", which is not declared in the manifests",
                       closest(references.table.name, table_names_in(draft.model, references.table.schema)));
        return;
    }
    bool all_exist = true;
    for (std::size_t i = 0; i < references.columns.size(); ++i) {
        if (target->find_column(references.columns[i])) continue;
        all_exist = false;
        problems.error(
            pointer_join(pointer + "/columns", i),
            "column \"" + references.columns[i] + "\" is not a column of table " + catalog::display(target->name),
            closest(references.columns[i], column_names(*target)));
    }
    if (all_exist && !references.columns.empty() && !has_unique_key(*target, references.columns)) {
        problems.error(pointer + "/columns", "table " + catalog::display(target->name) +
                                                 " has no primary key, unique constraint or unique index on exactly "
                                                 "these columns; PostgreSQL requires one for a foreign key");
    }
}

}  // namespace

void check_table_schemas(Draft& draft) {
    auto declared = schema_names(draft.model);
    for (const auto& table : draft.model.tables) {
        if (draft.model.find_schema(table.name.schema)) continue;
        auto key = source_key_table(table.name);
        problems_at(draft, key)
            .error(
                "/schema",
                "schema \"" + table.name.schema + "\" is not declared in any schema file; declare it in a schema file",
                closest(table.name.schema, declared));
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
    struct Owner {
        std::string what;
        std::string file;
    };
    std::map<QualifiedName, Owner> used;
    auto claim = [&](const QualifiedName& name, std::string what, const std::string& key) {
        auto location = source_of(draft, key);
        auto [it, inserted] = used.emplace(name, Owner{what, location.file});
        if (inserted) return;
        problems_at(draft, key)
            .error(location.pointer, "name \"" + name.name + "\" of " + what + " is already used in schema " +
                                         name.schema + " by " + it->second.what + " (" + it->second.file +
                                         "); tables, indexes, primary keys and unique constraints share one "
                                         "namespace per schema");
    };
    for (const auto& table : draft.model.tables) {
        claim(table.name, "table " + catalog::display(table.name), source_key_table(table.name));
    }
    for (const auto& table : draft.model.tables) {
        for (const auto& constraint : table.constraints) {
            if (constraint.kind != ConstraintKind::primary_key && constraint.kind != ConstraintKind::unique) continue;
            std::string kind = constraint.kind == ConstraintKind::primary_key ? "primary key " : "unique constraint ";
            claim({table.name.schema, constraint.name},
                  kind + constraint.name + " of table " + catalog::display(table.name),
                  source_key_constraint(table.name, constraint.name));
        }
        for (const auto& index : table.indexes) {
            claim({table.name.schema, index.name}, "index " + index.name + " of table " + catalog::display(table.name),
                  source_key_index(table.name, index.name));
        }
    }
}

}  // namespace reconcile::desired_state::detail
