// Domains sit with enums: after the types they are based on, before the
// columns of their type (add_column_needs keys every named type as an
// enum, so a domain creates that key too).
#include <fmt/format.h>

#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

int priority_of(const CreateDomain&) {
    return 1;
}
int priority_of(const AlterDomain&) {
    return 2;
}
int priority_of(const AddDomainCheck&) {
    return 2;
}
int priority_of(const DropDomainCheck&) {
    return 2;
}
int priority_of(const DropDomain&) {
    return 15;
}

// CREATE DOMAIN parses its default and checks: the functions they call
// come first (found on pgschema's test pairs).
Dependencies dependencies_of(const CreateDomain& change, const PlanContext& context) {
    Dependencies out{.creates = {change.object(), catalog::enum_id(change.domain.name)}};
    if (auto base = type_needed(change.domain.base_type)) out.needs.push_back(*base);
    add_calls(out.needs, context, change.domain.default_expr);
    for (const auto& check : change.domain.checks) {
        out.creates.push_back(catalog::member_id(ObjectKind::domain, change.domain.name, check.name));
        add_calls(out.needs, context, check.expression);
    }
    return out;
}
// The server records the functions a domain's default and checks call
// (pg_depend), so DROP FUNCTION refuses while the domain is there.
Dependencies dependencies_of(const DropDomain& change, const PlanContext& context) {
    Dependencies out{.drops = {change.object(), catalog::enum_id(change.domain.name)}};
    if (auto base = type_needed(change.domain.base_type)) out.releases.push_back(*base);
    if (change.domain.default_expr) {
        for (auto& id : context.functions_called(*change.domain.default_expr, {})) out.releases.push_back(id);
    }
    for (const auto& check : change.domain.checks) {
        out.drops.push_back(catalog::member_id(ObjectKind::domain, change.domain.name, check.name));
        for (auto& id : context.functions_called(check.expression, {})) out.releases.push_back(id);
    }
    return out;
}
Dependencies dependencies_of(const AlterDomain& change, const PlanContext& context) {
    Dependencies out{.needs = {change.object()}};
    add_calls(out.needs, context, change.to.default_expr);
    return out;
}
Dependencies dependencies_of(const AddDomainCheck& change, const PlanContext& context) {
    Dependencies out{.creates = {change.object()}, .needs = {catalog::object_id(ObjectKind::domain, change.domain)}};
    add_calls(out.needs, context, change.check.expression);
    return out;
}
Dependencies dependencies_of(const DropDomainCheck& change, const PlanContext& context) {
    return {.drops = {change.object()}, .releases = context.functions_called(change.check.expression, {})};
}

std::vector<Hazard> hazards(const CreateDomain&, const HazardContext&) {
    return {};
}
std::vector<Hazard> hazards(const DropDomain&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}
// SET NOT NULL checks every column of the domain's type, in every table.
std::vector<Hazard> hazards(const AlterDomain& change, const HazardContext&) {
    if (change.to.not_null && !change.from.not_null) return {Hazard::table_scan, Hazard::may_fail_on_existing_data};
    return {};
}
// Like SET NOT NULL, a new check is checked against every stored value.
std::vector<Hazard> hazards(const AddDomainCheck&, const HazardContext&) {
    return {Hazard::table_scan, Hazard::may_fail_on_existing_data};
}
std::vector<Hazard> hazards(const DropDomainCheck&, const HazardContext&) {
    return {};
}

std::optional<std::string> refusal(const CreateDomain&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const DropDomain& change, const HazardContext&) {
    return fmt::format("drops domain {}; {}", catalog::display(change.domain.name), pass_allow_destructive);
}
std::optional<std::string> refusal(const AlterDomain&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const AddDomainCheck&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const DropDomainCheck&, const HazardContext&) {
    return std::nullopt;
}

}  // namespace reconcile::engine::plan_detail
