#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

namespace {

// A policy names roles (PUBLIC is none): CREATE POLICY fails on a role that
// does not exist yet, and DROP ROLE fails while a policy names it.
void add_roles(std::vector<ObjectId>& out, const Policy& policy) {
    for (const auto& role : policy.roles) {
        if (role != catalog::public_role) out.push_back(catalog::role_id(role));
    }
}

// What a policy's expressions need in their final shape: columns of its
// table reshaped in this plan, tables the plan creates that a subquery may
// read, and functions of the plan it calls.
Dependencies uses(const QualifiedName& table, const Policy& policy, const PlanContext& context) {
    Dependencies out;
    out.needs = context.mentioned_columns(table, policy);
    for (const auto* expression : {&policy.using_expr, &policy.check_expr}) {
        if (!*expression) continue;
        for (auto& other : context.mentioned_tables(**expression)) {
            if (other != catalog::table_id(table)) out.needs.push_back(std::move(other));
        }
        for (auto& function : context.functions_called(**expression, {})) out.needs.push_back(std::move(function));
    }
    add_roles(out.needs, policy);
    return out;
}

// The functions a policy's expressions call, which it stops calling when
// dropped or altered (a routine the plan drops goes after).
void add_policy_calls(std::vector<ObjectId>& out, const PlanContext& context, const Policy& policy) {
    add_calls(out, context, policy.using_expr);
    add_calls(out, context, policy.check_expr);
}

}  // namespace

// Policies come late among creations: their expressions may call functions
// and read tables created earlier in the plan, which pg_depend cannot show
// beforehand (a function body is opaque to it).
int priority_of(const SetRowSecurity&) {
    return 4;
}
int priority_of(const CreatePolicy&) {
    return 9;
}
int priority_of(const AlterPolicy&) {
    return 9;
}
int priority_of(const DropPolicy&) {
    return 10;
}

Dependencies dependencies_of(const SetRowSecurity&, const PlanContext&) {
    return {};
}

Dependencies dependencies_of(const CreatePolicy& change, const PlanContext& context) {
    Dependencies out = uses(change.table, change.policy, context);
    out.creates = {change.object()};
    return out;
}

Dependencies dependencies_of(const DropPolicy& change, const PlanContext& context) {
    Dependencies out;
    out.drops = {change.object()};
    out.releases = context.mentioned_columns(change.table, change.policy);
    add_roles(out.releases, change.policy);
    add_policy_calls(out.releases, context, change.policy);
    return out;
}

Dependencies dependencies_of(const AlterPolicy& change, const PlanContext& context) {
    Dependencies out = uses(change.table, change.to, context);
    out.creates = {change.object()};
    out.releases = context.mentioned_columns(change.table, change.from);
    add_roles(out.releases, change.from);
    add_policy_calls(out.releases, context, change.from);
    return out;
}

// ALTER TABLE ... ROW LEVEL SECURITY and the policy statements take an
// ACCESS EXCLUSIVE lock on their table, briefly: no scan, no rewrite. On a
// table in use they change who sees which rows.
namespace {
std::vector<Hazard> locks(const QualifiedName& table, const HazardContext& context) {
    if (context.created_tables.count(table)) return {};
    return {Hazard::acquires_access_exclusive_lock, Hazard::authz_update};
}
}  // namespace

std::vector<Hazard> hazards(const SetRowSecurity& change, const HazardContext& context) {
    return locks(change.table, context);
}
std::vector<Hazard> hazards(const CreatePolicy& change, const HazardContext& context) {
    return locks(change.table, context);
}
std::vector<Hazard> hazards(const DropPolicy& change, const HazardContext& context) {
    return locks(change.table, context);
}
std::vector<Hazard> hazards(const AlterPolicy& change, const HazardContext& context) {
    return locks(change.table, context);
}

std::optional<std::string> refusal(const SetRowSecurity&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const CreatePolicy&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const DropPolicy&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const AlterPolicy&, const HazardContext&) {
    return std::nullopt;
}

}  // namespace reconcile::engine::plan_detail
