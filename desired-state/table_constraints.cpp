// Table constraints: "primary_key", "unique", "checks", "foreign_keys",
// "exclusions". All
// share one namespace per table, as in PostgreSQL.
#include <algorithm>
#include <cctype>
#include <string_view>

#include "desired-state/loader.hpp"
#include "desired-state/vocabulary.hpp"

namespace reconcile::desired_state::detail {

namespace {

using catalog::Constraint;
using catalog::ConstraintKind;

// "columns" of a key: required, not empty, each a column of the table.
std::vector<std::string> read_key_columns(const ObjectReader& reader, TableReading& reading, std::string_view what) {
    auto columns = reader.strings("columns", Need::required);
    if (!columns) return {};
    if (columns->empty()) reading.problems.error(reader.pointer("columns"), "at least one column is needed");
    reading.check_columns_exist(*columns, reader.pointer("columns"), what);
    return *columns;
}

void read_deferrable(const ObjectReader& reader, Constraint& constraint) {
    constraint.deferrable = reader.boolean("deferrable").value_or(false);
    constraint.initially_deferred = reader.boolean("initially_deferred").value_or(false);
    if (constraint.initially_deferred && !constraint.deferrable) {
        reader.problems().error(reader.pointer("initially_deferred"),
                                "a constraint that is initially deferred must also be deferrable");
    }
}

void add(Constraint constraint, const std::string& pointer, TableReading& reading) {
    if (!reading.claim_constraint_name(constraint.name, pointer)) return;
    reading.sources[catalog::constraint_id(reading.table.name, constraint.name)] = reading.problems.at(pointer);
    reading.table.constraints.push_back(std::move(constraint));
}

// "renamed_from" of a constraint: ALTER TABLE ... RENAME CONSTRAINT.
void add_renamed_from(const Json& value, const std::string& pointer, const std::string& name, TableReading& reading) {
    auto id = catalog::constraint_id(reading.table.name, name);
    if (auto rename = read_renamed_from(value, pointer, reading.problems, id, OtherSchema::not_allowed)) {
        reading.renames.push_back(std::move(*rename));
    }
}

void read_primary_key(const ObjectReader& table, TableReading& reading) {
    const Json* value = table.value("primary_key");
    if (!value) return;
    ObjectReader reader(*value, table.pointer("primary_key"), reading.problems,
                        {"name", "columns", "comment", "deferrable", "initially_deferred", "renamed_from"});
    if (!reader.valid()) return;
    Constraint key;
    key.kind = ConstraintKind::primary_key;
    key.name = reader.string("name").value_or(reading.table.name.name + "_pkey");
    if (!check_identifier(key.name, reader.pointer("name"), reading.problems, "constraint")) return;
    key.columns = read_key_columns(reader, reading, "primary key");
    key.comment = reader.string("comment");
    read_deferrable(reader, key);
    add_renamed_from(*value, reader.pointer(), key.name, reading);
    // PostgreSQL makes primary key columns NOT NULL.
    for (auto& column : reading.table.columns) {
        if (std::find(key.columns.begin(), key.columns.end(), column.name) == key.columns.end()) continue;
        if (auto it = reading.explicit_nullable.find(column.name); it != reading.explicit_nullable.end()) {
            reading.problems.error(
                it->second, "column \"" + column.name + "\" is part of the primary key, which makes it NOT NULL");
        }
        column.not_null = true;
    }
    add(std::move(key), reader.pointer(), reading);
}

// Named constraints of one kind: {"name": {...}, ...}.
template <typename ReadOne>
void read_named(const ObjectReader& table, std::string_view key, TableReading& reading, ReadOne read_one) {
    const Json* map = table.object(key);
    if (!map) return;
    for (const auto& [name, value] : map->items()) {
        auto pointer = pointer_join(table.pointer(key), name);
        if (!check_identifier(name, pointer, reading.problems, "constraint")) continue;
        if (auto constraint = read_one(value, pointer)) {
            constraint->name = name;
            add_renamed_from(value, pointer, constraint->name, reading);
            add(std::move(*constraint), pointer, reading);
        }
    }
}

std::optional<Constraint> read_unique(const Json& value, const std::string& pointer, TableReading& reading) {
    ObjectReader reader(
        value, pointer, reading.problems,
        {"columns", "nulls_not_distinct", "deferrable", "initially_deferred", "comment", "renamed_from"});
    if (!reader.valid()) return std::nullopt;
    Constraint unique;
    unique.kind = ConstraintKind::unique;
    unique.columns = read_key_columns(reader, reading, "unique");
    unique.nulls_not_distinct = reader.boolean("nulls_not_distinct").value_or(false);
    unique.comment = reader.string("comment");
    read_deferrable(reader, unique);
    return unique;
}

std::optional<Constraint> read_check(const Json& value, const std::string& pointer, TableReading& reading) {
    ObjectReader reader(value, pointer, reading.problems,
                        {"expression", "no_inherit", "not_valid", "comment", "renamed_from"});
    if (!reader.valid()) return std::nullopt;
    Constraint check;
    check.kind = ConstraintKind::check;
    check.expression = reader.string("expression", Need::required).value_or("");
    check.no_inherit = reader.boolean("no_inherit").value_or(false);
    check.not_valid = reader.boolean("not_valid").value_or(false);
    check.comment = reader.string("comment");
    return check;
}

std::optional<catalog::ForeignKey> read_references(const ObjectReader& fk, TableReading& reading) {
    const Json* value = fk.object("references", Need::required);
    if (!value) return std::nullopt;
    ObjectReader reader(*value, fk.pointer("references"), reading.problems, {"schema", "table", "columns"});
    catalog::ForeignKey references;
    references.table.schema = reader.string("schema").value_or(reading.table.name.schema);
    auto table = reader.string("table", Need::required);
    auto columns = reader.strings("columns", Need::required);
    if (!table || !columns) return std::nullopt;
    references.table.name = *table;
    references.columns = *columns;
    return references;
}

std::optional<Constraint> read_foreign_key(const Json& value, const std::string& pointer, TableReading& reading) {
    ObjectReader reader(value, pointer, reading.problems,
                        {"columns", "references", "on_delete", "on_delete_columns", "on_update", "match", "deferrable",
                         "initially_deferred", "not_valid", "comment", "renamed_from"});
    if (!reader.valid()) return std::nullopt;
    Constraint fk;
    fk.kind = ConstraintKind::foreign_key;
    fk.columns = read_key_columns(reader, reading, "foreign key");
    fk.references = read_references(reader, reading);
    if (!fk.references) return std::nullopt;
    if (auto action = read_word(reader, "on_delete", referential_actions, "referential action")) {
        fk.references->on_delete = *action;
    }
    if (auto clear = reader.strings("on_delete_columns")) {
        using catalog::ReferentialAction;
        const auto action = fk.references->on_delete;
        if (action != ReferentialAction::set_null && action != ReferentialAction::set_default) {
            reading.problems.error(reader.pointer("on_delete_columns"),
                                   "on_delete_columns needs on_delete \"set null\" or \"set default\"");
        }
        for (std::size_t i = 0; i < clear->size(); ++i) {
            if (std::find(fk.columns.begin(), fk.columns.end(), (*clear)[i]) == fk.columns.end()) {
                reading.problems.error(pointer_join(reader.pointer("on_delete_columns"), i),
                                       "column \"" + (*clear)[i] + "\" is not one of the foreign key's columns");
            }
        }
        fk.references->on_delete_columns = std::move(*clear);
    }
    if (auto action = read_word(reader, "on_update", referential_actions, "referential action")) {
        fk.references->on_update = *action;
    }
    if (auto match = read_word(reader, "match", match_types, "match type")) fk.references->match = *match;
    fk.comment = reader.string("comment");
    fk.not_valid = reader.boolean("not_valid").value_or(false);
    read_deferrable(reader, fk);
    if (fk.references->columns.size() != fk.columns.size()) {
        reading.problems.error(pointer_join(reader.pointer("references"), "columns"),
                               "the foreign key has " + std::to_string(fk.columns.size()) +
                                   " column(s) but references " + std::to_string(fk.references->columns.size()));
    }
    return fk;
}

// {"definition": "USING gist (room WITH =, during WITH &&)"}: what follows
// EXCLUDE, kept as text. The server checks and canonicalizes it (in a
// scratch schema, as one clause of one CREATE TABLE) like a check's
// expression; here only its shape is asked for.
std::optional<Constraint> read_exclusion(const Json& value, const std::string& pointer, TableReading& reading) {
    ObjectReader reader(value, pointer, reading.problems,
                        {"definition", "deferrable", "initially_deferred", "comment", "renamed_from"});
    if (!reader.valid()) return std::nullopt;
    Constraint exclusion;
    exclusion.kind = ConstraintKind::exclusion;
    auto definition = reader.string("definition", Need::required);
    if (!definition) return std::nullopt;
    // "EXCLUDE" is the statement's, not the definition's: written twice it
    // would reach the server as a syntax error far from the manifest.
    std::string_view text = *definition;
    while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\t')) text.remove_prefix(1);
    auto starts_with_word = [&](std::string_view word) {
        if (text.size() < word.size()) return false;
        for (std::size_t i = 0; i < word.size(); ++i) {
            if (std::toupper(static_cast<unsigned char>(text[i])) != word[i]) return false;
        }
        return text.size() == word.size() || text[word.size()] == ' ' || text[word.size()] == '(';
    };
    if (starts_with_word("EXCLUDE")) {
        reading.problems.error(reader.pointer("definition"),
                               "write what follows EXCLUDE (\"USING gist (room WITH =, during WITH &&)\"), "
                               "without the keyword");
        return std::nullopt;
    }
    exclusion.expression = *definition;
    exclusion.comment = reader.string("comment");
    read_deferrable(reader, exclusion);
    return exclusion;
}

}  // namespace

void read_constraints(const ObjectReader& reader, TableReading& reading) {
    // Room for all of them at once: growing a vector of constraints one at a
    // time leaves up to half of it unused, in every table.
    std::size_t count = reader.has("primary_key") ? 1 : 0;
    for (auto key : {"unique", "checks", "foreign_keys", "exclusions"}) {
        if (const Json* map = reader.value(key); map && map->is_object()) count += map->size();
    }
    reading.table.constraints.reserve(count);
    read_primary_key(reader, reading);
    read_named(reader, "unique", reading,
               [&](const Json& value, const std::string& pointer) { return read_unique(value, pointer, reading); });
    read_named(reader, "checks", reading,
               [&](const Json& value, const std::string& pointer) { return read_check(value, pointer, reading); });
    read_named(reader, "foreign_keys", reading, [&](const Json& value, const std::string& pointer) {
        return read_foreign_key(value, pointer, reading);
    });
    read_named(reader, "exclusions", reading,
               [&](const Json& value, const std::string& pointer) { return read_exclusion(value, pointer, reading); });
}

}  // namespace reconcile::desired_state::detail
