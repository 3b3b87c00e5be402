// "inherits" in table files: [{"schema": "public", "table": "measurement"}],
// in INHERITS order. A child lists only its own columns; the ones it has
// from its parents are theirs.
#include <algorithm>

#include "desired-state/edit_distance.hpp"
#include "desired-state/loader.hpp"

namespace reconcile::desired_state::detail {

void read_inherits(const ObjectReader& reader, TableReading& reading) {
    const Json* parents = reader.array("inherits");
    if (!parents) return;
    if (reading.table.partition_of) {
        reading.problems.error(reader.pointer("inherits"), "a partition cannot also inherit from other tables");
        return;
    }
    for (std::size_t i = 0; i < parents->size(); ++i) {
        auto pointer = pointer_join(reader.pointer("inherits"), i);
        ObjectReader parent((*parents)[i], pointer, reading.problems, {"schema", "table"});
        if (!parent.valid()) continue;
        auto table = parent.string("table", Need::required);
        auto schema = parent.string("schema").value_or(reading.table.name.schema);
        if (!table || !check_identifier(*table, parent.pointer("table"), reading.problems, "table") ||
            !check_identifier(schema, parent.pointer("schema"), reading.problems, "schema")) {
            continue;
        }
        catalog::QualifiedName name{std::move(schema), std::move(*table)};
        if (std::find(reading.table.inherits.begin(), reading.table.inherits.end(), name) !=
            reading.table.inherits.end()) {
            reading.problems.error(pointer, "table " + catalog::display(name) + " is listed twice");
            continue;
        }
        reading.table.inherits.push_back(std::move(name));
    }
    // Keys and indexes may name the parents' columns, which this file does
    // not list; the server checks them.
    if (!reading.table.inherits.empty()) reading.unknown_columns = true;
}

// "inherited_columns": {"note_class": {"default": "4", "not_null": true,
// "comment": "..."}}: what a partition or INHERITS child sets itself on
// columns it has from its parents (catalog::InheritedColumn).
void read_inherited_columns(const ObjectReader& reader, TableReading& reading) {
    const Json* columns = reader.object("inherited_columns");
    if (!columns) return;
    if (reading.table.inherits.empty() && !reading.table.partition_of) {
        reading.problems.error(reader.pointer("inherited_columns"),
                               "only a partition or a table with \"inherits\" has inherited columns");
        return;
    }
    for (const auto& [name, value] : columns->items()) {
        auto pointer = pointer_join(reader.pointer("inherited_columns"), name);
        if (!check_identifier(name, pointer, reading.problems, "column")) continue;
        ObjectReader column(value, pointer, reading.problems, {"default", "not_null", "comment"});
        if (!column.valid()) continue;
        catalog::InheritedColumn own{name, column.string("default"), column.boolean("not_null").value_or(false),
                                     column.string("comment")};
        if (own == catalog::InheritedColumn{name}) {
            reading.problems.error(pointer, "sets nothing; give \"default\", \"not_null\" or \"comment\"");
            continue;
        }
        reading.table.inherited_columns.push_back(std::move(own));
    }
}

namespace {

// Whether the column reaches `table` from a declared parent (a parent's
// own column, or one the parent has from its parents). Unknown when a
// parent is not declared (the server checks it then).
enum class Reaches { yes, no, unknown };

Reaches reaches_from_parents(const catalog::Model& model, const catalog::Table& table, const std::string& column,
                             int depth = 0) {
    std::vector<catalog::QualifiedName> parents = table.inherits;
    if (table.partition_of) parents.push_back(table.partition_of->parent);
    // Deeper than any real hierarchy: a cycle, reported elsewhere.
    if (depth > 100) return Reaches::unknown;
    Reaches out = Reaches::no;
    for (const auto& name : parents) {
        const catalog::Table* parent = model.find_table(name);
        if (!parent) return Reaches::unknown;
        if (parent->find_column(column)) return Reaches::yes;
        Reaches above = reaches_from_parents(model, *parent, column, depth + 1);
        if (above == Reaches::yes) return above;
        if (above == Reaches::unknown) out = above;
    }
    return out;
}

}  // namespace

void check_inherits(Draft& draft) {
    for (const auto& table : draft.model.tables) {
        for (const auto& own : table.inherited_columns) {
            std::string pointer = pointer_join(pointer_join("", "inherited_columns"), own.name);
            if (table.find_column(own.name)) {
                problems_at(draft, catalog::table_id(table.name))
                    .error(pointer, "\"" + own.name + "\" is a column of this table's own; set it under \"columns\"");
            } else if (reaches_from_parents(draft.model, table, own.name) == Reaches::no) {
                problems_at(draft, catalog::table_id(table.name))
                    .error(pointer,
                           "no parent of " + catalog::display(table.name) + " has a column \"" + own.name + "\"");
            }
        }
        for (std::size_t i = 0; i < table.inherits.size(); ++i) {
            const auto& parent = table.inherits[i];
            if (parent == table.name) {
                problems_at(draft, catalog::table_id(table.name))
                    .error("/inherits/" + std::to_string(i) + "/table", "a table cannot inherit from itself");
                continue;
            }
            // A parent in an unclaimed schema is checked by the server.
            if (!draft.model.find_schema(parent.schema) || draft.model.find_table(parent)) continue;
            std::vector<std::string> names;
            for (const auto& other : draft.model.tables) {
                if (other.name.schema == parent.schema) names.push_back(other.name.name);
            }
            problems_at(draft, catalog::table_id(table.name))
                .error("/inherits/" + std::to_string(i) + "/table",
                       "inherits from " + catalog::display(parent) + ", which is not declared in the manifests",
                       closest(parent.name, names));
        }
    }
}

}  // namespace reconcile::desired_state::detail
