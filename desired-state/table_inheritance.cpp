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

void check_inherits(Draft& draft) {
    for (const auto& table : draft.model.tables) {
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
