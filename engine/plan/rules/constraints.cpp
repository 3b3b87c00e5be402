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
int priority_of(const ValidateConstraint& change) {
    return is_foreign_key(change.constraint) ? 7 : 6;
}
int priority_of(const DropConstraint& change) {
    return is_foreign_key(change.constraint) ? 10 : 11;
}

Dependencies dependencies_of(const AddConstraint& change, const PlanContext& context) {
    Dependencies out{.creates = {change.object()}, .needs = context.mentioned_columns(change.table, change.constraint)};
    if (change.constraint.references) add_foreign_key_needs(out.needs, *change.constraint.references);
    add_constraint_calls(out.needs, context, change.constraint);
    return out;
}

Dependencies dependencies_of(const DropConstraint& change, const PlanContext& context) {
    Dependencies out{.drops = {change.object()},
                     .releases = context.mentioned_columns(change.table, change.constraint)};
    if (change.constraint.references) add_foreign_key_needs(out.releases, *change.constraint.references);
    add_constraint_calls(out.releases, context, change.constraint);
    return out;
}

// One statement drops the old definition and adds the new one, so it needs
// what the new one uses and releases what only the old one used.
Dependencies dependencies_of(const ReplaceConstraint& change, const PlanContext& context) {
    Dependencies out{.creates = {change.object()},
                     .needs = context.mentioned_columns(change.table, change.to),
                     .releases = context.mentioned_columns(change.table, change.from)};
    if (change.to.references) add_foreign_key_needs(out.needs, *change.to.references);
    add_constraint_calls(out.needs, context, change.to);
    if (change.from.references) add_foreign_key_needs(out.releases, *change.from.references);
    return out;
}

// The constraint exists (added NOT VALID, perhaps earlier in the plan); the
// scan reads what it mentions.
Dependencies dependencies_of(const ValidateConstraint& change, const PlanContext& context) {
    Dependencies out{.needs = context.mentioned_columns(change.table, change.constraint)};
    out.needs.push_back(change.object());
    if (change.constraint.references) add_foreign_key_needs(out.needs, *change.constraint.references);
    return out;
}

namespace {

std::vector<Hazard> adding(const QualifiedName& table, const Constraint& c, const HazardContext& ctx) {
    using H = Hazard;
    using catalog::ConstraintKind;
    bool new_table = ctx.created_tables.count(table) > 0;
    switch (c.kind) {
        case ConstraintKind::primary_key:
        case ConstraintKind::unique:
            if (new_table) return {};
            // The key builds a unique index (reading every row; for a primary
            // key also proving NOT NULL) under ALTER TABLE's lock.
            if (c.kind == ConstraintKind::primary_key) {
                return {H::acquires_access_exclusive_lock, H::index_build, H::full_table_scan, H::correctness};
            }
            return {H::acquires_access_exclusive_lock, H::index_build, H::correctness};
        case ConstraintKind::exclusion:
            if (new_table) return {};
            // Builds its index (reading every row, comparing each with its
            // neighbours) under ALTER TABLE's lock; fails on a conflict.
            return {H::acquires_access_exclusive_lock, H::index_build, H::correctness};
        case ConstraintKind::check:
            if (new_table) return {};
            return {H::acquires_access_exclusive_lock, H::full_table_scan, H::correctness};
        case ConstraintKind::foreign_key: {
            // SHARE ROW EXCLUSIVE on both tables; validation scans the
            // referencing one. A new referencing table is empty, but an
            // existing referenced table is still locked against writes.
            bool referenced_new = c.references && ctx.created_tables.count(c.references->table);
            if (new_table) {
                if (referenced_new) return {};
                return {H::acquires_share_lock};
            }
            return {H::acquires_share_lock, H::full_table_scan, H::correctness};
        }
    }
    return {};
}

}  // namespace

bool backed_by_index(const Constraint& constraint) {
    using catalog::ConstraintKind;
    return constraint.kind == ConstraintKind::primary_key || constraint.kind == ConstraintKind::unique ||
           constraint.kind == ConstraintKind::exclusion;
}

std::vector<Hazard> hazards(const AddConstraint& c, const HazardContext& ctx) {
    return adding(c.table, c.constraint, ctx);
}
std::vector<Hazard> hazards(const DropConstraint& c, const HazardContext&) {
    std::vector<Hazard> out{Hazard::acquires_access_exclusive_lock};
    if (backed_by_index(c.constraint)) out.push_back(Hazard::index_dropped);
    return out;
}
std::vector<Hazard> hazards(const ReplaceConstraint& c, const HazardContext& ctx) {
    std::vector<Hazard> out = adding(c.table, c.to, ctx);
    out.push_back(Hazard::acquires_access_exclusive_lock);
    if (backed_by_index(c.from)) out.push_back(Hazard::index_dropped);
    return out;
}

// SHARE UPDATE EXCLUSIVE: no ACCESS EXCLUSIVE or SHARE lock hazard, but the
// scan is as long as the table, and violating rows fail the step.
std::vector<Hazard> hazards(const ValidateConstraint&, const HazardContext&) {
    return {Hazard::full_table_scan, Hazard::correctness};
}

std::optional<std::string> refusal(const AddConstraint&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const DropConstraint&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const ReplaceConstraint&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const ValidateConstraint&, const HazardContext&) {
    return std::nullopt;
}

}  // namespace reconcile::engine::plan_detail
