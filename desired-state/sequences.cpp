// Sequences in a schema file: {"schemas": {"public": {"sequences":
// {"film_film_id_seq": {"type": "integer", "owned_by": {"table": "film",
// "column": "film_id"}}}}}}. Sequences behind serial and identity columns
// are declared on their column instead.
#include <array>

#include "desired-state/loader.hpp"

namespace reconcile::desired_state::detail {

namespace {

// The only types a sequence can have, in every spelling the server takes,
// mapped to the one format_type prints.
std::optional<std::string> sequence_type(std::string_view written) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> spellings{{
        {"smallint", "smallint"},
        {"int2", "smallint"},
        {"integer", "integer"},
        {"int", "integer"},
        {"int4", "integer"},
        {"bigint", "bigint"},
        {"int8", "bigint"},
    }};
    const std::string word = normalize_word(written);
    for (const auto& [spelling, canonical] : spellings) {
        if (word == spelling) return std::string(canonical);
    }
    return std::nullopt;
}

std::optional<catalog::SequenceOwner> read_owned_by(const ObjectReader& sequence, const std::string& schema) {
    const Json* value = sequence.value("owned_by");
    if (!value) return std::nullopt;
    ObjectReader reader(*value, sequence.pointer("owned_by"), sequence.problems(), {"table", "column"});
    if (!reader.valid()) return std::nullopt;
    auto table = reader.string("table", Need::required);
    auto column = reader.string("column", Need::required);
    if (!table || !column) return std::nullopt;
    // PostgreSQL requires the owning table to be in the sequence's schema.
    return catalog::SequenceOwner{{schema, *table}, *column};
}

}  // namespace

void read_sequences(const ObjectReader& schema, const std::string& schema_name, Problems& problems, Draft& draft) {
    const Json* sequences = schema.object("sequences");
    if (!sequences) return;
    for (const auto& [name, value] : sequences->items()) {
        auto pointer = pointer_join(schema.pointer("sequences"), name);
        if (!check_identifier(name, pointer, problems, "sequence")) continue;
        ObjectReader reader(value, pointer, problems,
                            {"type", "start", "increment", "min_value", "max_value", "cache", "cycle", "owned_by",
                             "comment", "owner", "owner_privileges", "grants", "renamed_from"});
        if (!reader.valid()) continue;
        catalog::Sequence sequence;
        sequence.name = {schema_name, name};
        auto& options = sequence.options;
        if (auto type = reader.string("type")) {
            options.type = sequence_type(*type);
            if (!options.type) {
                problems.error(reader.pointer("type"),
                               "a sequence's type is smallint, integer or bigint, not \"" + *type + "\"");
            }
        }
        options.start = reader.integer("start");
        options.increment = reader.integer("increment");
        if (options.increment == 0) problems.error(reader.pointer("increment"), "a sequence cannot increment by 0");
        options.min_value = reader.integer("min_value");
        options.max_value = reader.integer("max_value");
        options.cache = reader.integer("cache");
        options.cycle = reader.boolean("cycle");
        sequence.owned_by = read_owned_by(reader, schema_name);
        sequence.comment = reader.string("comment");
        auto key = catalog::object_id(catalog::ObjectKind::sequence, sequence.name);
        // PostgreSQL keeps a sequence linked to a column owned by the
        // column's table owner, and refuses to change it alone.
        if (sequence.owned_by && reader.has("owner")) {
            problems.error(reader.pointer("owner"),
                           "a sequence OWNED BY a column belongs to that table's owner; set the table's \"owner\"");
        } else if (sequence.owned_by && reader.has("owner_privileges")) {
            problems.error(reader.pointer("owner_privileges"),
                           "a sequence OWNED BY a column belongs to that table's owner, whose own privileges on it "
                           "are not managed");
        } else {
            read_owner(reader, key, draft.declared);
        }
        read_grants(reader, "grants", key, draft.declared);
        // ALTER SEQUENCE ... RENAME TO, or SET SCHEMA from another claimed
        // schema ("schema.name").
        if (auto rename = read_renamed_from(reader, key, OtherSchema::allowed)) {
            draft.model.renames.push_back(std::move(*rename));
        }
        draft.sources[key] = problems.at(pointer);
        draft.model.sequences.push_back(std::move(sequence));
    }
}

void check_sequence_owners(Draft& draft) {
    for (const auto& sequence : draft.model.sequences) {
        if (!sequence.owned_by) continue;
        const auto id = catalog::object_id(catalog::ObjectKind::sequence, sequence.name);
        const auto& owner = *sequence.owned_by;
        const auto* table = draft.model.find_table(owner.table);
        std::string problem;
        if (!table) {
            problem = "owned_by: table " + catalog::display(owner.table) +
                      " is not declared in the manifests (a sequence can only be owned by a column of a table in "
                      "its own schema)";
        } else if (!table->find_column(owner.column)) {
            problem = "owned_by: table " + catalog::display(owner.table) + " has no column \"" + owner.column + "\"";
        }
        if (problem.empty()) continue;
        auto where = source_of(draft, id);
        draft.diagnostics.push_back({{where.file, pointer_join(where.pointer, "owned_by")}, problem, ""});
    }
}

}  // namespace reconcile::desired_state::detail
