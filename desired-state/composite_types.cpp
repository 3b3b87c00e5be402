// Composite types in a schema file: {"schemas": {"public": {"composite_types":
// {"address": {"attributes": [{"name": "street", "type": "text"}]}}}}}.
// Attributes are an array: their order is the type's.
#include <set>

#include "desired-state/loader.hpp"

namespace reconcile::desired_state::detail {

void read_composite_types(const ObjectReader& schema, const std::string& schema_name, Problems& problems,
                          Draft& draft) {
    const Json* types = schema.object("composite_types");
    if (!types) return;
    for (const auto& [name, value] : types->items()) {
        auto pointer = pointer_join(schema.pointer("composite_types"), name);
        if (!check_identifier(name, pointer, problems, "composite type")) continue;
        ObjectReader reader(value, pointer, problems, {"attributes", "comment", "owner", "owner_privileges", "grants"});
        if (!reader.valid()) continue;
        catalog::CompositeType type{{schema_name, name}, {}, reader.string("comment")};
        if (const Json* attributes = reader.array("attributes", Need::required)) {
            std::set<std::string> seen;
            for (std::size_t i = 0; i < attributes->size(); ++i) {
                auto attribute_pointer = pointer_join(reader.pointer("attributes"), i);
                ObjectReader attribute((*attributes)[i], attribute_pointer, problems, {"name", "type", "collation"});
                if (!attribute.valid()) continue;
                auto attribute_name = attribute.string("name", Need::required);
                auto attribute_type = attribute.string("type", Need::required);
                if (!attribute_name || !attribute_type) continue;
                if (!check_identifier(*attribute_name, attribute.pointer("name"), problems, "attribute")) continue;
                if (!seen.insert(*attribute_name).second) {
                    problems.error(attribute.pointer("name"), "duplicate attribute \"" + *attribute_name + "\"");
                    continue;
                }
                type.attributes.push_back({*attribute_name, *attribute_type, attribute.string("collation")});
            }
        }
        auto key = catalog::object_id(catalog::ObjectKind::composite_type, type.name);
        read_owner(reader, key, draft.declared);
        read_grants(reader, "grants", key, draft.declared);
        draft.sources[key] = problems.at(pointer);
        draft.model.composite_types.push_back(std::move(type));
    }
}

}  // namespace reconcile::desired_state::detail
