#include "catalog/model/sequence.hpp"

#include <limits>

namespace reconcile::catalog {

namespace {

std::int64_t type_max(const std::string& type) {
    if (type == "smallint") return std::numeric_limits<std::int16_t>::max();
    if (type == "integer") return std::numeric_limits<std::int32_t>::max();
    return std::numeric_limits<std::int64_t>::max();
}

std::int64_t type_min(const std::string& type) {
    if (type == "smallint") return std::numeric_limits<std::int16_t>::min();
    if (type == "integer") return std::numeric_limits<std::int32_t>::min();
    return std::numeric_limits<std::int64_t>::min();
}

}  // namespace

SequenceOptions with_sequence_defaults(SequenceOptions o) {
    if (!o.type) o.type = "bigint";
    if (!o.increment) o.increment = 1;
    const bool ascending = *o.increment > 0;
    if (!o.min_value) o.min_value = ascending ? 1 : type_min(*o.type);
    if (!o.max_value) o.max_value = ascending ? type_max(*o.type) : -1;
    if (!o.start) o.start = ascending ? *o.min_value : *o.max_value;
    if (!o.cache) o.cache = 1;
    if (!o.cycle) o.cycle = false;
    return o;
}

SequenceOptions serial_sequence_options(Serial serial) {
    SequenceOptions options;
    options.type = serial == Serial::smallserial ? "smallint" : serial == Serial::bigserial ? "bigint" : "integer";
    return with_sequence_defaults(options);
}

QualifiedName column_sequence_name(const QualifiedName& table, const Column& column) {
    return {table.schema, identity_sequence_name(table.name, column)};
}

}  // namespace reconcile::catalog
