#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

namespace {

bool is_foreign_key(const Constraint& c) {
    return c.kind == catalog::ConstraintKind::foreign_key;
}

}  // namespace

// Foreign keys after the other keys they may reference; dropped first.
int priority_of(const AddConstraint& change) {
    return is_foreign_key(change.constraint) ? 7 : 6;
}
int priority_of(const ReplaceConstraint& change) {
    return is_foreign_key(change.to) ? 7 : 6;
}
int priority_of(const DropConstraint& change) {
    return is_foreign_key(change.constraint) ? 10 : 11;
}

Dependencies dependencies_of(const AddConstraint& change, const PlanContext& context) {
    Dependencies out{.creates = {change.object()}, .needs = context.mentioned_columns(change.table, change.constraint)};
    if (change.constraint.references) add_foreign_key_needs(out.needs, *change.constraint.references);
    return out;
}

Dependencies dependencies_of(const DropConstraint& change, const PlanContext& context) {
    Dependencies out{.drops = {change.object()},
                     .releases = context.mentioned_columns(change.table, change.constraint)};
    if (change.constraint.references) add_foreign_key_needs(out.releases, *change.constraint.references);
    return out;
}

// One statement drops the old definition and adds the new one, so it needs
// what the new one uses and releases what only the old one used.
Dependencies dependencies_of(const ReplaceConstraint& change, const PlanContext& context) {
    Dependencies out{.creates = {change.object()},
                     .needs = context.mentioned_columns(change.table, change.to),
                     .releases = context.mentioned_columns(change.table, change.from)};
    if (change.to.references) add_foreign_key_needs(out.needs, *change.to.references);
    if (change.from.references) add_foreign_key_needs(out.releases, *change.from.references);
    return out;
}

}  // namespace reconcile::engine::plan_detail
