// Domains in a schema file: {"schemas": {"public": {"domains": {"posint":
// {"type": "integer", "not_null": true, "checks": {"posint_check":
// {"expression": "VALUE > 0"}}}}}}}.
#include "desired-state/loader.hpp"

namespace reconcile::desired_state::detail {

void read_domains(const ObjectReader& schema, const std::string& schema_name, Problems& problems, Draft& draft) {
    const Json* domains = schema.object("domains");
    if (!domains) return;
    for (const auto& [name, value] : domains->items()) {
        auto pointer = pointer_join(schema.pointer("domains"), name);
        if (!check_identifier(name, pointer, problems, "domain")) continue;
        ObjectReader reader(
            value, pointer, problems,
            {"type", "default", "not_null", "collation", "checks", "comment", "owner", "owner_privileges", "grants"});
        if (!reader.valid()) continue;
        catalog::Domain domain;
        domain.name = {schema_name, name};
        if (auto type = reader.string("type", Need::required)) domain.base_type = *type;
        domain.default_expr = reader.string("default");
        domain.not_null = reader.boolean("not_null").value_or(false);
        domain.collation = reader.string("collation");
        domain.comment = reader.string("comment");
        if (const Json* checks = reader.object("checks")) {
            for (const auto& [check_name, check_value] : checks->items()) {
                auto check_pointer = pointer_join(reader.pointer("checks"), check_name);
                if (!check_identifier(check_name, check_pointer, problems, "check")) continue;
                ObjectReader check(check_value, check_pointer, problems, {"expression"});
                if (!check.valid()) continue;
                if (auto expression = check.string("expression", Need::required)) {
                    domain.checks.push_back({check_name, *expression});
                }
            }
        }
        auto key = catalog::object_id(catalog::ObjectKind::domain, domain.name);
        read_owner(reader, key, draft.declared);
        read_grants(reader, "grants", key, draft.declared);
        draft.sources[key] = problems.at(pointer);
        draft.model.domains.push_back(std::move(domain));
    }
}

}  // namespace reconcile::desired_state::detail
