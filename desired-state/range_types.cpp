// Range types in a schema file: {"schemas": {"public": {"range_types":
// {"floatrange": {"subtype": "double precision", "subtype_diff": "float8mi"}}}}}.
#include "desired-state/loader.hpp"

namespace reconcile::desired_state::detail {

void read_range_types(const ObjectReader& schema, const std::string& schema_name, Problems& problems, Draft& draft) {
    const Json* types = schema.object("range_types");
    if (!types) return;
    for (const auto& [name, value] : types->items()) {
        auto pointer = pointer_join(schema.pointer("range_types"), name);
        if (!check_identifier(name, pointer, problems, "range type")) continue;
        ObjectReader reader(value, pointer, problems,
                            {"subtype", "subtype_opclass", "collation", "canonical", "subtype_diff", "comment"});
        if (!reader.valid()) continue;
        auto subtype = reader.string("subtype", Need::required);
        if (!subtype) continue;
        if (subtype->find_first_not_of(" \t\r\n") == std::string::npos) {
            problems.error(reader.pointer("subtype"), "empty subtype");
            continue;
        }
        catalog::RangeType type;
        type.name = {schema_name, name};
        type.subtype = *subtype;
        type.subtype_opclass = reader.string("subtype_opclass");
        type.collation = reader.string("collation");
        type.canonical = reader.string("canonical");
        type.subtype_diff = reader.string("subtype_diff");
        type.comment = reader.string("comment");
        draft.sources[catalog::object_id(catalog::ObjectKind::range_type, type.name)] = problems.at(pointer);
        draft.model.range_types.push_back(std::move(type));
    }
}

}  // namespace reconcile::desired_state::detail
