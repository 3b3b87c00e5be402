// Indexes that do not back a constraint: "indexes": {"name": {...}}.
#include <algorithm>

#include "desired-state/edit_distance.hpp"
#include "desired-state/loader.hpp"
#include "desired-state/vocabulary.hpp"

namespace reconcile::desired_state::detail {

namespace {

std::optional<catalog::IndexKey> read_key(const Json& value, const std::string& pointer, TableReading& reading) {
    catalog::IndexKey key;
    if (value.is_string()) {
        key.column = value.get<std::string>();
        reading.check_column_exists(*key.column, pointer, "index");
        return key;
    }
    ObjectReader reader(value, pointer, reading.problems,
                        {"column", "expression", "opclass", "collation", "order", "nulls"});
    if (!reader.valid()) return std::nullopt;
    key.column = reader.string("column");
    key.expression = reader.string("expression");
    if (key.column.has_value() == key.expression.has_value()) {
        reading.problems.error(pointer, "an index key needs exactly one of \"column\" and \"expression\"");
        return std::nullopt;
    }
    if (key.column) reading.check_column_exists(*key.column, reader.pointer("column"), "index");
    key.opclass = reader.string("opclass");
    key.collation = reader.string("collation");
    key.descending = read_word(reader, "order", sort_orders, "sort order") == SortOrder::desc;
    // PostgreSQL's default: NULLS LAST for ascending keys, NULLS FIRST for descending ones.
    auto nulls = read_word(reader, "nulls", nulls_orders, "nulls order");
    key.nulls_first = nulls ? *nulls == NullsOrder::first : key.descending;
    return key;
}

std::vector<catalog::IndexKey> read_keys(const ObjectReader& reader, TableReading& reading) {
    std::vector<catalog::IndexKey> keys;
    bool shorthand = reader.has("columns");
    if (shorthand == reader.has("keys")) {
        reading.problems.error(reader.pointer("keys"), "an index needs exactly one of \"columns\" and \"keys\"");
        return keys;
    }
    if (shorthand) {
        auto columns = reader.strings("columns", Need::required);
        if (!columns) return keys;
        reading.check_columns_exist(*columns, reader.pointer("columns"), "index");
        for (const auto& column : *columns) keys.push_back({column, {}, {}, {}, false, false});
    } else if (const Json* list = reader.array("keys", Need::required)) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            if (auto key = read_key((*list)[i], pointer_join(reader.pointer("keys"), i), reading)) {
                keys.push_back(std::move(*key));
            }
        }
    }
    if (keys.empty()) reading.problems.error(reader.pointer(shorthand ? "columns" : "keys"), "an index needs a key");
    return keys;
}

void read_method(const ObjectReader& reader, catalog::Index& index) {
    auto method = reader.string("method");
    if (!method) return;
    index.method = *method;
    auto listed = [&](const auto& names) {
        return std::find(std::begin(names), std::end(names), *method) != std::end(names);
    };
    if (listed(builtin_index_methods) || listed(extension_index_methods)) return;
    std::vector<std::string> known(std::begin(builtin_index_methods), std::end(builtin_index_methods));
    // A near miss of a built-in method is a typo; anything else may be an
    // extension's access method, which only the server can check.
    if (auto suggestion = closest(*method, known, 2); !suggestion.empty()) {
        reader.problems().error(reader.pointer("method"), "unknown index method \"" + *method + "\"", suggestion);
    }
}

std::optional<catalog::Index> read_index(const Json& value, const std::string& pointer, TableReading& reading) {
    ObjectReader reader(value, pointer, reading.problems,
                        {"columns", "keys", "method", "unique", "nulls_not_distinct", "include", "where",
                         "storage_parameters", "comment", "renamed_from"});
    if (!reader.valid()) return std::nullopt;
    catalog::Index index;
    index.keys = read_keys(reader, reading);
    read_method(reader, index);
    index.unique = reader.boolean("unique").value_or(false);
    index.nulls_not_distinct = reader.boolean("nulls_not_distinct").value_or(false);
    if (index.nulls_not_distinct && !index.unique) {
        reading.problems.error(reader.pointer("nulls_not_distinct"), "nulls_not_distinct needs \"unique\": true");
    }
    if (index.unique && index.method != "btree") {
        reading.problems.error(reader.pointer("unique"), "only btree indexes can be unique");
    }
    if (auto include = reader.strings("include")) {
        reading.check_columns_exist(*include, reader.pointer("include"), "included");
        index.include = *include;
    }
    index.where = reader.string("where");
    index.storage = reader.storage_parameters("storage_parameters");
    index.comment = reader.string("comment");
    return index;
}

}  // namespace

void read_indexes(const ObjectReader& table, TableReading& reading) {
    const Json* map = table.object("indexes");
    if (!map) return;
    reading.table.indexes.reserve(map->size());
    for (const auto& [name, value] : map->items()) {
        auto pointer = pointer_join(table.pointer("indexes"), name);
        if (!check_identifier(name, pointer, reading.problems, "index")) continue;
        auto index = read_index(value, pointer, reading);
        if (!index) continue;
        index->name = name;
        if (auto rename = read_renamed_from(value, pointer, reading.problems,
                                            catalog::index_id(reading.table.name, name), OtherSchema::not_allowed)) {
            reading.renames.push_back(std::move(*rename));
        }
        reading.sources[catalog::index_id(reading.table.name, name)] = reading.problems.at(pointer);
        reading.table.indexes.push_back(std::move(*index));
    }
}

}  // namespace reconcile::desired_state::detail
