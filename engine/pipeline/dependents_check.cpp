#include "engine/pipeline/dependents_check.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "catalog/introspect/dependents.hpp"

namespace reconcile::engine {

namespace {

using catalog::PlannedAction;
using catalog::PlannedChange;

// A replaced constraint or index is dropped and re-created: while it is
// gone, whatever depends on it must be gone too. A collation change is
// ALTER COLUMN ... TYPE as well.
std::vector<PlannedChange> touches_of(const Plan& plan) {
    std::vector<PlannedChange> out;
    auto drop = [&](catalog::ObjectId id) { out.push_back({PlannedAction::drop, std::move(id)}); };
    for (const auto& step : plan.steps) {
        const Change& change = step.change;
        if (auto* c = std::get_if<DropSchema>(&change)) {
            drop(catalog::schema_id(c->schema.name));
        } else if (auto* c = std::get_if<DropEnum>(&change)) {
            drop(catalog::enum_id(c->type.name));
        } else if (auto* c = std::get_if<DropDomain>(&change)) {
            drop(c->object());
        } else if (auto* c = std::get_if<DropDomainCheck>(&change)) {
            drop(c->object());
        } else if (auto* c = std::get_if<DropCompositeType>(&change)) {
            drop(c->object());
        } else if (auto* c = std::get_if<DropRangeType>(&change)) {
            drop(c->object());
        } else if (auto* c = std::get_if<DropSequence>(&change)) {
            drop(c->object());
        } else if (auto* c = std::get_if<DropTable>(&change)) {
            drop(catalog::table_id(c->table.name));
        } else if (auto* c = std::get_if<DropColumn>(&change)) {
            drop(catalog::column_id(c->table, c->column.name));
        } else if (auto* c = std::get_if<DropConstraint>(&change)) {
            drop(catalog::constraint_id(c->table, c->constraint.name));
        } else if (auto* c = std::get_if<ReplaceConstraint>(&change)) {
            drop(catalog::constraint_id(c->table, c->from.name));
        } else if (auto* c = std::get_if<DropIndex>(&change)) {
            drop(catalog::index_id(c->table, c->index.name));
        } else if (auto* c = std::get_if<ReplaceIndex>(&change)) {
            drop(catalog::index_id(c->table, c->from.name));
        } else if (auto* c = std::get_if<DropFunction>(&change)) {
            // Also when the plan creates it again (a changed result type):
            // what uses it would have to be dropped with it.
            drop(c->function.id());
        } else if (auto* c = std::get_if<DropAggregate>(&change)) {
            drop(c->object());
        } else if (auto* c = std::get_if<DropTrigger>(&change)) {
            drop(c->object());
        } else if (auto* c = std::get_if<DropView>(&change)) {
            drop(c->view.id());
        } else if (auto* c = std::get_if<DropPolicy>(&change)) {
            drop(c->object());
        } else if (auto* c = std::get_if<AlterPolicy>(&change)) {
            // ALTER POLICY replaces what its expressions use, before the
            // plan drops what they stop using (rules/policies.cpp).
            drop(c->object());
        } else if (auto* c = std::get_if<AlterColumn>(&change)) {
            auto column = catalog::column_id(c->table, c->to.name);
            if (c->what == ColumnAttribute::collation ||
                (c->what == ColumnAttribute::type && c->from.type != c->to.type)) {
                out.push_back({PlannedAction::retype, column});
            }
            // The renderer drops the sequence of a column that stops being
            // serial (DROP SEQUENCE); DROP IDENTITY drops the identity's.
            bool stops_serial = c->what == ColumnAttribute::default_value && c->from.serial != catalog::Serial::none &&
                                c->to.serial == catalog::Serial::none;
            bool stops_identity = c->what == ColumnAttribute::identity && c->from.identity && !c->to.identity;
            if (stops_serial || stops_identity) out.push_back({PlannedAction::drop_owned_sequence, column});
            // What the old default called is free once it goes: DROP
            // DEFAULT and SET DEFAULT both delete its pg_attrdef row.
            bool drops_default = c->what == ColumnAttribute::default_value && c->from.default_expr &&
                                 c->from.default_expr != c->to.default_expr && !stops_serial;
            if (drops_default) out.push_back({PlannedAction::drop_default, column});
        }
    }
    return out;
}

// "drop table public.legacy", "change the type of column public.t.c".
std::string step_words(const PlannedChange& change) {
    std::string object = std::string(catalog::kind_name(change.object.kind)) + " " + catalog::display(change.object);
    switch (change.action) {
        case PlannedAction::drop:
            return "drop " + object;
        case PlannedAction::retype:
            return "change the type of " + object;
        case PlannedAction::drop_owned_sequence:
            return "drop the sequence of " + object;
        case PlannedAction::drop_default:
            return "drop the default of " + object;
    }
    return object;
}

// pg_identify_object's kinds that reconcile models; any other kind is one
// it never creates, changes or drops. Enums, domains, composite and range
// types are all "type"; a domain's checks and a composite type's attributes
// are part of their type's manifest.
bool is_managed_kind(const std::string& kind) {
    static const char* managed[] = {"schema",
                                    "type",
                                    "domain constraint",
                                    "composite type",
                                    "composite type column",
                                    "sequence",
                                    "table",
                                    "table column",
                                    "table constraint",
                                    "index",
                                    "trigger",
                                    "function",
                                    "procedure",
                                    "aggregate",
                                    "view",
                                    "materialized view",
                                    "policy"};
    return std::find(std::begin(managed), std::end(managed), kind) != std::end(managed);
}

std::string plural(const std::string& kind) {
    if (kind.ends_with("y")) return kind.substr(0, kind.size() - 1) + "ies";
    return kind + "s";
}

std::string why_outside(const catalog::Dependent& dependent, const std::vector<std::string>& claimed) {
    if (!dependent.schema.empty() && std::find(claimed.begin(), claimed.end(), dependent.schema) == claimed.end()) {
        return "schema " + dependent.schema + " is not claimed by the manifests, so reconcile never changes it";
    }
    if (!is_managed_kind(dependent.kind)) return "reconcile does not manage " + plural(dependent.kind) + " yet";
    return "the plan keeps it: the manifests declare it, or --prune was not given";
}

// "table column public.t.id" reads better as "column public.t.id".
std::string shorten(std::string what) {
    for (std::string_view prefix : {"table column ", "table constraint "}) {
        if (what.starts_with(prefix)) return what.substr(6);
    }
    return what;
}

std::string describe(const catalog::Dependent& dependent) {
    if (dependent.via_default) return "the default of column " + dependent.identity;
    return shorten(dependent.kind + " " + dependent.identity);
}

}  // namespace

std::string outside_dependents(const Plan& plan, const std::vector<std::string>& claimed, catalog::Connection& target) {
    auto touches = touches_of(plan);
    if (touches.empty()) return "";
    auto dependents = catalog::read_blocking_dependents(target, touches);
    if (dependents.empty()) return "";

    std::string out =
        "objects outside the plan depend on what it drops or retypes, and PostgreSQL refuses to leave them "
        "dangling:";
    for (const auto& dependent : dependents) {
        std::vector<std::string> uses;
        for (const auto& used : dependent.uses) uses.push_back(shorten(used));
        std::sort(uses.begin(), uses.end());
        out += fmt::format("\n  {}: {} uses {} ({})", step_words(touches[dependent.change]), describe(dependent),
                           fmt::join(uses, ", "), why_outside(dependent, claimed));
    }
    return out + "\nDrop or change those objects by hand first, or keep in the manifests what they use.";
}

}  // namespace reconcile::engine
