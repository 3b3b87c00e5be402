#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

Statements sql_of(const CreateEnum& change) {
    std::vector<std::string> values;
    values.reserve(change.type.values.size());
    for (const auto& value : change.type.values) values.push_back(sql::literal(value));
    return {"CREATE TYPE " + sql::qualified(change.type.name) + " AS ENUM (" + join(values, ", ") + ")"};
}

Statements sql_of(const DropEnum& change) {
    return {"DROP TYPE " + sql::qualified(change.type.name)};
}

// ADD VALUE cannot remove or reorder values; the diff only emits it for a
// value inserted among the existing ones, positioned by a neighbour.
Statements sql_of(const AddEnumValue& change) {
    std::string out = "ALTER TYPE " + sql::qualified(change.type) + " ADD VALUE " + sql::literal(change.value);
    if (change.before) {
        out += " BEFORE " + sql::literal(*change.before);
    } else if (change.after) {
        out += " AFTER " + sql::literal(*change.after);
    }
    return {out};
}

std::string description_of(const CreateEnum& change) {
    return "create enum " + catalog::display(change.type.name) + " (" + join(change.type.values, ", ") + ")";
}

std::string description_of(const DropEnum& change) {
    return "drop enum " + catalog::display(change.type.name);
}

std::string description_of(const AddEnumValue& change) {
    std::string out = "add value " + change.value + " to enum " + catalog::display(change.type);
    if (change.before) {
        out += " (before " + *change.before + ")";
    } else if (change.after) {
        out += " (after " + *change.after + ")";
    }
    return out;
}

}  // namespace reconcile::engine::render_detail
