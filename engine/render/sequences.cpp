#include <fmt/format.h>

#include <algorithm>

#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

namespace {

std::string owner_text(const std::optional<catalog::SequenceOwner>& owner) {
    if (!owner) return "NONE";
    return sql::qualified(owner->table) + "." + sql::ident(owner->column);
}

// The type is a keyword from a closed list (smallint, integer, bigint), which
// manifest validation enforces; anything else would not reach here.
std::string as_clause(const std::optional<std::string>& type) {
    if (!type || (*type != "smallint" && *type != "integer" && *type != "bigint")) return {};
    return " AS " + *type;
}

std::string options_text(const catalog::SequenceOptions& options) {
    std::string out = as_clause(options.type);
    for (const auto& clause : sequence_option_clauses(options)) out += " " + clause;
    return out;
}

}  // namespace

Statements sql_of(const CreateSequence& change) {
    return {"CREATE SEQUENCE " + sql::qualified(change.sequence.name) + options_text(change.sequence.options)};
}

Statements sql_of(const DropSequence& change) {
    return {"DROP SEQUENCE " + sql::qualified(change.sequence.name)};
}

// Only what differs; START WITH changes what RESTART would go back to, not
// the current value.
// PostgreSQL refuses a MINVALUE above the sequence's current value
// ("RESTART value (1) cannot be less than MINVALUE (100)"), so a sequence
// not past the new minimum moves first: one never used to its new START,
// one used below the minimum to the minimum (its next value either way);
// one already past it is left where it is. Sequence values are not
// transactional: a later failure leaves it moved, which is harmless, as
// every value below the minimum is out of range anyway.
std::optional<std::string> up_to_new_minimum(const std::string& sequence, const catalog::SequenceOptions& from,
                                             const catalog::SequenceOptions& to) {
    if (!from.min_value || !to.min_value || *to.min_value <= *from.min_value) return std::nullopt;
    const std::string minimum = std::to_string(*to.min_value);
    const std::string start = std::to_string(std::max(*to.min_value, to.start.value_or(*to.min_value)));
    return "SELECT pg_catalog.setval(s, CASE WHEN pg_catalog.pg_sequence_last_value(s) IS NULL THEN " + start +
           " ELSE " + minimum + " END, false) FROM (SELECT " + sequence +
           " AS s) AS sequence WHERE COALESCE(pg_catalog.pg_sequence_last_value(s), " + minimum + " - 1) < " + minimum;
}

Statements sql_of(const AlterSequence& change) {
    catalog::SequenceOptions differing;
    const auto& f = change.from;
    const auto& t = change.to;
    if (f.type != t.type) differing.type = t.type;
    if (f.start != t.start) differing.start = t.start;
    if (f.increment != t.increment) differing.increment = t.increment;
    if (f.min_value != t.min_value) differing.min_value = t.min_value;
    if (f.max_value != t.max_value) differing.max_value = t.max_value;
    if (f.cache != t.cache) differing.cache = t.cache;
    if (f.cycle != t.cycle) differing.cycle = t.cycle;
    Statements out;
    if (auto raise = up_to_new_minimum(sql::literal(sql::qualified(change.sequence)) + "::regclass", f, t)) {
        out.push_back(std::move(*raise));
    }
    out.push_back("ALTER SEQUENCE " + sql::qualified(change.sequence) + options_text(differing));
    return out;
}

Statements sql_of(const SetSequenceOwner& change) {
    return {"ALTER SEQUENCE " + sql::qualified(change.sequence) + " OWNED BY " + owner_text(change.to)};
}

std::string description_of(const CreateSequence& change) {
    return "create sequence " + catalog::display(change.sequence.name) + " (" +
           change.sequence.options.type.value_or("bigint") + ")";
}

std::string description_of(const DropSequence& change) {
    return "drop sequence " + catalog::display(change.sequence.name);
}

std::string description_of(const AlterSequence& change) {
    return "alter sequence " + catalog::display(change.sequence) + " options";
}

std::string description_of(const SetSequenceOwner& change) {
    if (!change.to) return "sequence " + catalog::display(change.sequence) + " no longer owned by a column";
    return "sequence " + catalog::display(change.sequence) + " owned by " + catalog::display(change.to->table) + "." +
           change.to->column;
}

}  // namespace reconcile::engine::render_detail
