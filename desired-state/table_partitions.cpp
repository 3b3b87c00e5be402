// Partitioning in table files. A partitioned table says "partition_by"; a
// partition names its parent and bound in "partition_of" and has no
// "columns" of its own: PostgreSQL gives a partition exactly its parent's
// columns, so listing them again could only disagree.
#include "desired-state/edit_distance.hpp"
#include "desired-state/loader.hpp"

namespace reconcile::desired_state::detail {

namespace {

bool blank(const std::string& text) {
    return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

void read_partitioning(const ObjectReader& reader, TableReading& reading) {
    if (auto key = reader.string("partition_by")) {
        if (blank(*key)) {
            reading.problems.error(reader.pointer("partition_by"),
                                   "empty partition key; expected e.g. \"RANGE (created_at)\"");
        } else {
            reading.table.partitioning = *key;
        }
    }
    if (auto patterns = reader.strings("partitions_left_alone")) {
        if (!reading.table.partitioning) {
            reading.problems.error(reader.pointer("partitions_left_alone"),
                                   "only a partitioned table (\"partition_by\") has partitions to leave alone");
        }
        for (std::size_t i = 0; i < patterns->size(); ++i) {
            if (blank((*patterns)[i])) {
                reading.problems.error(pointer_join(reader.pointer("partitions_left_alone"), i), "empty pattern");
            }
        }
        reading.table.partitions_left_alone = std::move(*patterns);
    }
    const Json* value = reader.object("partition_of");
    if (!value) return;
    ObjectReader of(*value, reader.pointer("partition_of"), reading.problems, {"schema", "table", "bound"});
    if (!of.valid()) return;
    auto table = of.string("table", Need::required);
    auto schema = of.string("schema").value_or(reading.table.name.schema);
    auto bound = of.string("bound", Need::required);
    if (!table || !bound) return;
    if (!check_identifier(*table, of.pointer("table"), reading.problems, "table") ||
        !check_identifier(schema, of.pointer("schema"), reading.problems, "schema")) {
        return;
    }
    if (blank(*bound)) {
        reading.problems.error(of.pointer("bound"), "empty bound; expected \"FOR VALUES ...\" or \"DEFAULT\"");
        return;
    }
    if (reader.has("columns")) {
        reading.problems.error(reader.pointer("columns"), "a partition has its parent's columns; declare them in " +
                                                              catalog::display({schema, *table}) + "'s file");
    }
    reading.table.partition_of = catalog::PartitionOf{{std::move(schema), std::move(*table)}, std::move(*bound)};
    // Keys and indexes of a partition name its parent's columns, which this
    // file does not list; the server checks them.
    reading.unknown_columns = true;
}

void check_partitions(Draft& draft) {
    for (const auto& table : draft.model.tables) {
        if (!table.partition_of) continue;
        const auto& parent_name = table.partition_of->parent;
        auto report = [&](std::string_view below, std::string message, std::string suggestion = {}) {
            auto key = catalog::table_id(table.name);
            problems_at(draft, key)
                .error("/partition_of" + std::string(below), std::move(message), std::move(suggestion));
        };
        const catalog::Table* parent = draft.model.find_table(parent_name);
        if (parent_name == table.name) {
            report("/table", "a table cannot be a partition of itself");
        } else if (!parent) {
            std::vector<std::string> names;
            for (const auto& other : draft.model.tables) {
                if (other.name.schema == parent_name.schema && other.partitioning) names.push_back(other.name.name);
            }
            report("/table",
                   "partition of " + catalog::display(parent_name) + ", which is not declared in the manifests",
                   closest(parent_name.name, names));
        } else if (!parent->partitioning) {
            report("/table", "partition of " + catalog::display(parent_name) +
                                 ", which has no \"partition_by\": only a partitioned table has partitions");
        }
    }
}

}  // namespace reconcile::desired_state::detail
