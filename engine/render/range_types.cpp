#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

// Operator class, collation and function names are the catalog's quoted
// spelling (range_type.hpp), or the manifest's, which the server parses.
Statements sql_of(const CreateRangeType& change) {
    const RangeType& type = change.type;
    std::vector<std::string> options = {"SUBTYPE = " + type.subtype};
    if (type.subtype_opclass) options.push_back("SUBTYPE_OPCLASS = " + *type.subtype_opclass);
    if (type.collation) options.push_back("COLLATION = " + *type.collation);
    if (type.canonical) options.push_back("CANONICAL = " + *type.canonical);
    if (type.subtype_diff) options.push_back("SUBTYPE_DIFF = " + *type.subtype_diff);
    return {"CREATE TYPE " + sql::qualified(type.name) + " AS RANGE (" + join(options, ", ") + ")"};
}

// Never CASCADE: a column of the type makes the drop fail.
Statements sql_of(const DropRangeType& change) {
    return {"DROP TYPE " + sql::qualified(change.type.name)};
}

std::string description_of(const CreateRangeType& change) {
    return "create range type " + catalog::display(change.type.name) + " of " + change.type.subtype;
}
std::string description_of(const DropRangeType& change) {
    return "drop range type " + catalog::display(change.type.name);
}

}  // namespace reconcile::engine::render_detail
