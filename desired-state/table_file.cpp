// Table files: one table with its columns, constraints and indexes. This file
// reads the table and its columns; table_constraints.cpp and
// table_indexes.cpp read the rest.
#include <algorithm>
#include <set>
#include <string_view>

#include "desired-state/edit_distance.hpp"
#include "desired-state/loader.hpp"
#include "desired-state/types.hpp"
#include "desired-state/vocabulary.hpp"

namespace reconcile::desired_state::detail {

bool TableReading::claim_constraint_name(const std::string& name, const std::string& pointer) {
    auto [it, inserted] = constraint_names.emplace(name, pointer);
    if (!inserted) {
        problems.error(pointer, "constraint name \"" + name + "\" is already used by " + it->second +
                                    " in this table; constraint names must be unique per table");
    }
    return inserted;
}

void TableReading::check_column_exists(const std::string& column, const std::string& pointer, std::string_view what) {
    if (unknown_columns || table.find_column(column)) return;
    std::vector<std::string> names;
    for (const auto& existing : table.columns) names.push_back(existing.name);
    problems.error(pointer, std::string(what) + " column \"" + column + "\" is not a column of this table",
                   closest(column, names));
}

void TableReading::check_columns_exist(const std::vector<std::string>& columns, const std::string& pointer,
                                       std::string_view what) {
    std::set<std::string_view> seen;  // not a search of the ones before: lists can be long
    for (std::size_t i = 0; i < columns.size(); ++i) {
        auto element = pointer_join(pointer, i);
        check_column_exists(columns[i], element, what);
        if (!seen.insert(columns[i]).second) problems.error(element, "column \"" + columns[i] + "\" is listed twice");
    }
}

namespace {

std::optional<catalog::Identity> read_identity(const ObjectReader& column, const std::string& table,
                                               const std::string& column_name) {
    const Json* value = column.value("identity");
    if (!value) return std::nullopt;
    ObjectReader reader(
        *value, column.pointer("identity"), column.problems(),
        {"generated", "sequence_name", "start", "increment", "min_value", "max_value", "cache", "cycle"});
    if (!reader.valid()) return std::nullopt;
    catalog::Identity identity;
    reader.value("generated", Need::required);
    if (auto kind = read_word(reader, "generated", identity_kinds, "identity kind")) identity.kind = *kind;
    // The default name written out is the same as none: the model keeps a
    // name only where it differs, as the catalog reader does.
    if (auto name = reader.string("sequence_name");
        name && check_identifier(*name, reader.pointer("sequence_name"), reader.problems(), "sequence") &&
        *name != catalog::default_sequence_name(table, column_name)) {
        identity.sequence_name = std::move(*name);
    }
    auto& sequence = identity.sequence;
    sequence.start = reader.integer("start");
    sequence.increment = reader.integer("increment");
    sequence.min_value = reader.integer("min_value");
    sequence.max_value = reader.integer("max_value");
    sequence.cache = reader.integer("cache");
    sequence.cycle = reader.boolean("cycle");
    if (sequence.increment == 0) reader.problems().error(reader.pointer("increment"), "increment must not be zero");
    if (sequence.cache && *sequence.cache < 1)
        reader.problems().error(reader.pointer("cache"), "cache must be at least 1");
    return identity;
}

// Identity, serial and generated each define where the value comes from;
// PostgreSQL allows one, and none of them together with a default.
void check_value_sources(const ObjectReader& reader, const catalog::Column& column, bool serial) {
    Problems& problems = reader.problems();
    std::vector<std::string_view> sources;
    if (serial) sources.push_back("type");
    if (reader.has("identity")) sources.push_back("identity");
    if (reader.has("generated")) sources.push_back("generated");
    if (sources.size() > 1) {
        problems.error(reader.pointer(sources[1]), "a column can be only one of serial, identity and generated");
    }
    if (!column.default_expr) return;
    if (serial) {
        problems.error(reader.pointer("default"),
                       "a serial column cannot have a default: serial means DEFAULT nextval() of its own sequence");
    } else if (reader.has("identity")) {
        problems.error(reader.pointer("default"), "an identity column cannot have a default");
    } else if (reader.has("generated")) {
        problems.error(reader.pointer("default"), "a generated column cannot have a default");
    }
}

// "statistics", "storage", "compression", "options" of a column.
void read_tuning(const ObjectReader& reader, catalog::ColumnTuning& tuning) {
    if (auto statistics = reader.integer("statistics")) {
        // -1 is the default itself; PostgreSQL caps the target at 10000.
        if (*statistics < -1 || *statistics > 10000) {
            reader.problems().error(reader.pointer("statistics"), "a statistics target is between -1 and 10000");
        } else if (*statistics != -1) {
            tuning.statistics = static_cast<int>(*statistics);
        }
    }
    if (auto storage = reader.string("storage")) {
        auto word = normalize_word(*storage);
        if (word == "plain" || word == "external" || word == "main" || word == "extended") {
            tuning.storage = word;
        } else {
            reader.problems().error(
                reader.pointer("storage"),
                "unknown storage \"" + *storage + "\"; expected one of: plain, external, main, extended");
        }
    }
    if (auto compression = reader.string("compression")) {
        auto word = normalize_word(*compression);
        if (word == "pglz" || word == "lz4") {
            tuning.compression = word;
        } else {
            reader.problems().error(reader.pointer("compression"),
                                    "unknown compression \"" + *compression + "\"; expected pglz or lz4");
        }
    }
    tuning.options = reader.storage_parameters("options");
    for (const auto& option : tuning.options) {
        auto name = option.substr(0, option.find('='));
        if (name != "n_distinct" && name != "n_distinct_inherited") {
            reader.problems().error(
                pointer_join(reader.pointer("options"), name),
                "unknown column option \"" + name + "\"; expected n_distinct or n_distinct_inherited");
        }
    }
}

// "replica_identity": "default", "full", "nothing", or {"index": name} naming
// a unique index or unique constraint of the table.
void read_replica_identity(const ObjectReader& reader, TableReading& reading) {
    const Json* value = reader.value("replica_identity");
    if (!value) return;
    auto& table = reading.table;
    if (value->is_object()) {
        ObjectReader index(*value, reader.pointer("replica_identity"), reading.problems, {"index"});
        if (auto name = index.string("index", Need::required)) {
            table.replica_identity = catalog::ReplicaIdentity::index;
            table.replica_identity_index = *name;
        }
        return;
    }
    auto word = reader.string("replica_identity");
    if (!word) return;
    auto normalized = normalize_word(*word);
    if (normalized == "default") return;
    if (normalized == "full") {
        table.replica_identity = catalog::ReplicaIdentity::full;
    } else if (normalized == "nothing") {
        table.replica_identity = catalog::ReplicaIdentity::nothing;
    } else {
        reading.problems.error(reader.pointer("replica_identity"),
                               "unknown replica identity \"" + *word +
                                   "\"; expected \"default\", \"full\", \"nothing\" or {\"index\": name}");
    }
}

std::optional<catalog::Column> read_column(const Json& value, const std::string& pointer, TableReading& reading) {
    ObjectReader reader(value, pointer, reading.problems,
                        {"name", "type", "not_null", "default", "identity", "generated", "collation", "comment",
                         "using", "statistics", "storage", "compression", "options", "grants", "renamed_from"});
    if (!reader.valid()) return std::nullopt;
    catalog::Column column;
    auto name = reader.string("name", Need::required);
    auto type = reader.string("type", Need::required);
    if (!name || !check_identifier(*name, reader.pointer("name"), reading.problems, "column")) return std::nullopt;
    column.name = *name;
    auto serial = type ? serial_spelling(*type) : std::nullopt;
    if (serial) {
        column.type = serial_base_type(*serial);
        column.serial = *serial;
    } else if (type) {
        if (type->find_first_not_of(" \t\r\n") == std::string::npos) {
            reading.problems.error(reader.pointer("type"), "empty type");
        }
        column.type = *type;
    }
    auto not_null = reader.boolean("not_null");
    column.default_expr = reader.string("default");
    if (auto identity = read_identity(reader, reading.table.name.name, column.name))
        column.identity = std::move(*identity);
    column.generated = reader.string("generated");
    column.collation = reader.string("collation");
    column.comment = reader.string("comment");
    column.using_expr = reader.string("using");
    read_tuning(reader, column.tuning);
    read_grants(reader, "grants", catalog::column_id(reading.table.name, column.name), reading.declared);
    if (auto rename =
            read_renamed_from(reader, catalog::column_id(reading.table.name, column.name), OtherSchema::not_allowed)) {
        reading.renames.push_back(std::move(*rename));
    }
    check_value_sources(reader, column, serial.has_value());
    // PostgreSQL makes identity and serial columns NOT NULL whatever is
    // written, so the model says so too; saying otherwise is a mistake.
    bool implied = serial || reader.has("identity");
    if (implied && not_null == false) {
        reading.problems.error(reader.pointer("not_null"),
                               serial ? "a serial column is always NOT NULL" : "an identity column is always NOT NULL");
    }
    if (not_null == false) reading.explicit_nullable[column.name] = reader.pointer("not_null");
    column.not_null = implied || not_null.value_or(false);
    return column;
}

}  // namespace

void read_columns(const ObjectReader& reader, TableReading& reading) {
    const Json* columns = reader.array("columns", Need::required);
    if (!columns) return;
    // A table with no columns is legal PostgreSQL (CREATE TABLE t ()), and
    // export writes one as "columns": [], so it must read back.
    std::map<std::string, std::string> seen;  // name -> pointer
    // Exactly, as a model of a large schema holds a hundred thousand columns.
    reading.table.columns.reserve(columns->size());
    for (std::size_t i = 0; i < columns->size(); ++i) {
        auto pointer = pointer_join(reader.pointer("columns"), i);
        auto column = read_column((*columns)[i], pointer, reading);
        if (!column) continue;
        if (auto [it, inserted] = seen.emplace(column->name, pointer); !inserted) {
            reading.problems.error(pointer_join(pointer, "name"),
                                   "duplicate column \"" + column->name + "\" (also at " + it->second + ")");
            continue;
        }
        reading.sources[catalog::column_id(reading.table.name, column->name)] = reading.problems.at(pointer);
        reading.table.columns.push_back(std::move(*column));
    }
}

namespace {

// The sequences behind the table's serial and identity columns, by name:
// {"jobs_id_seq": {"retool_writer": ["USAGE", "SELECT"]}}. They live with
// the table (PostgreSQL drops them with it) but carry their own ACL.
void read_sequence_grants(const ObjectReader& reader, TableReading& reading) {
    const Json* sequences = reader.object("sequence_grants");
    if (!sequences) return;
    for (const auto& [name, value] : sequences->items()) {
        auto pointer = pointer_join(reader.pointer("sequence_grants"), name);
        if (!check_identifier(name, pointer, reading.problems, "sequence")) continue;
        auto id = catalog::object_id(catalog::ObjectKind::sequence, {reading.table.name.schema, name});
        read_grant_map(value, pointer, reading.problems, id, reading.declared);
        reading.sources[id] = reading.problems.at(pointer);
    }
}

}  // namespace

bool is_table_file(const Json& document) {
    return document.is_object() && document.contains("table");
}

std::optional<TableDeclaration> read_table_file(const Json& document, Problems& problems) {
    ObjectReader reader(document, "", problems,
                        {"$schema",
                         "schema",
                         "table",
                         "comment",
                         "unlogged",
                         "storage_parameters",
                         "columns",
                         "primary_key",
                         "unique",
                         "checks",
                         "foreign_keys",
                         "exclusions",
                         "indexes",
                         "triggers",
                         "replica_identity",
                         "row_level_security",
                         "force_row_level_security",
                         "policies",
                         "owner",
                         "owner_privileges",
                         "grants",
                         "sequence_grants",
                         "partition_by",
                         "partition_of",
                         "partitions_left_alone",
                         "inherits",
                         "inherited_columns",
                         "allow_hazards",
                         "renamed_from"});
    if (!reader.valid()) return std::nullopt;
    reader.string("$schema");
    auto name = reader.string("table", Need::required);
    auto schema = reader.string("schema").value_or("public");
    bool named = name && check_identifier(*name, reader.pointer("table"), problems, "table");
    if (!check_identifier(schema, reader.pointer("schema"), problems, "schema") || !named) return std::nullopt;

    // PostgreSQL's MaxHeapAttributeNumber. Past it the table cannot exist,
    // and the checks of key and index columns against the column list,
    // linear per column, would make a generated file of 100,000 columns
    // take minutes; nothing else about such a table is worth reading.
    constexpr std::size_t max_columns = 1600;
    if (const Json* columns = reader.value("columns");
        columns && columns->is_array() && columns->size() > max_columns) {
        problems.error(reader.pointer("columns"),
                       std::to_string(columns->size()) + " columns; PostgreSQL allows at most 1600 in a table");
        return std::nullopt;
    }

    TableReading reading{{}, problems, {}, {}, {}, false, {}, {}};
    reading.table.name = {std::move(schema), std::move(*name)};
    reading.table.comment = reader.string("comment");
    reading.table.unlogged = reader.boolean("unlogged").value_or(false);
    if (auto codes = reader.strings("allow_hazards")) reading.table.allowed_hazards = std::move(*codes);
    reading.table.storage = reader.storage_parameters("storage_parameters");
    read_partitioning(reader, reading);
    read_inherits(reader, reading);
    read_inherited_columns(reader, reading);
    if (!reading.table.partition_of) read_columns(reader, reading);
    read_constraints(reader, reading);
    read_indexes(reader, reading);
    read_triggers(reader, reading);
    read_replica_identity(reader, reading);
    read_row_security(reader, reading);
    auto key = catalog::table_id(reading.table.name);
    read_owner(reader, key, reading.declared);
    read_grants(reader, "grants", key, reading.declared);
    read_sequence_grants(reader, reading);
    if (auto rename = read_renamed_from(reader, key, OtherSchema::allowed))
        reading.renames.push_back(std::move(*rename));
    return TableDeclaration{std::move(reading.table), std::move(key), std::move(reading.sources),
                            std::move(reading.declared), std::move(reading.renames)};
}

void add_table(TableDeclaration declaration, Problems& problems, Draft& draft) {
    // Where read_table_file found the name.
    const std::string pointer = pointer_join("", "table");
    if (auto previous = draft.sources.find(declaration.source_key); previous != draft.sources.end()) {
        problems.error(pointer, "table " + catalog::display(declaration.table.name) + " is declared twice: in " +
                                    previous->second.file + " and in " + problems.file());
        return;
    }
    draft.sources.emplace(std::move(declaration.source_key), problems.at(pointer));
    // The table's keys come in sorted runs (its columns, its constraints,
    // its indexes) that stay together in draft.sources, so inserting each
    // next to the one before skips most of the search from the root.
    auto hint = draft.sources.end();
    while (!declaration.sources.empty()) {
        hint = draft.sources.insert(hint, declaration.sources.extract(declaration.sources.begin()));
    }
    draft.model.tables.push_back(std::move(declaration.table));
    draft.declared.append(std::move(declaration.declared));
    for (auto& rename : declaration.renames) draft.model.renames.push_back(std::move(rename));
}

}  // namespace reconcile::desired_state::detail
