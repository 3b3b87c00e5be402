#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

namespace {

// A materialized view is also the relation its indexes hang on; the graph
// builder has an index need its table, so the view creates (and drops)
// that relation under the table's id too.
// Its columns too: a view that reads another is recorded as reading the
// other's columns.
std::vector<ObjectId> relation_of(const View& view) {
    std::vector<ObjectId> out{view.id()};
    if (view.materialized) out.push_back(catalog::table_id(view.name));
    for (const auto& column : view.columns) out.push_back(catalog::column_id(view.name, column.name));
    return out;
}

}  // namespace

// What a view reads (tables, their columns, other views, functions, types)
// is what the server recorded for its rewrite rule: read from the live
// catalog, and for a desired view from its scratch copy.
int priority_of(const CreateView&) {
    return 8;
}
int priority_of(const ReplaceView&) {
    return 8;
}
int priority_of(const DropView&) {
    return 11;
}
// With the tables' storage parameters (SetStorage).
int priority_of(const SetViewStorage&) {
    return 4;
}

// The server records the functions a view calls too; a function created in
// this plan is also found in the query's text, as pg_depend of a view that
// does not exist yet cannot tell.
std::vector<ObjectId> needs_of(const View& view, const PlanContext& context) {
    std::vector<ObjectId> out = view.uses;
    for (auto& function : context.functions_called(view.definition, {})) out.push_back(std::move(function));
    return out;
}

Dependencies dependencies_of(const CreateView& change, const PlanContext& context) {
    return {.creates = relation_of(change.view), .needs = needs_of(change.view, context)};
}

// DROP VIEW takes the view's triggers along: the functions they call are
// released too.
Dependencies dependencies_of(const DropView& change, const PlanContext&) {
    std::vector<ObjectId> releases = change.view.uses;
    for (const auto& trigger : change.view.triggers) {
        releases.push_back(catalog::routine_id(ObjectKind::function, trigger.function, {}));
        releases.push_back(any_overload(trigger.function));
    }
    return {.drops = relation_of(change.view), .releases = std::move(releases)};
}

Dependencies dependencies_of(const ReplaceView& change, const PlanContext& context) {
    return {.creates = relation_of(change.to), .needs = needs_of(change.to, context), .releases = change.from.uses};
}

// The view as it is named when the ALTER runs: after a rename in this plan.
Dependencies dependencies_of(const SetViewStorage& change, const PlanContext&) {
    return {.needs = {change.object()}};
}

std::vector<Hazard> hazards(const CreateView& change, const HazardContext&) {
    if (change.view.materialized && change.recreated) return {Hazard::repopulates_materialized_view};
    return {};
}
std::vector<Hazard> hazards(const DropView&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}
std::vector<Hazard> hazards(const ReplaceView&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}
// As a table's storage parameters (SetStorage): most take SHARE UPDATE
// EXCLUSIVE, some more, and the strongest is reported; nothing is
// rewritten and the query does not run again.
std::vector<Hazard> hazards(const SetViewStorage&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}

// A view holds no data of its own; a materialized view's rows are its
// query's, which re-creation runs again.
std::optional<std::string> refusal(const CreateView&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const DropView&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const ReplaceView&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const SetViewStorage&, const HazardContext&) {
    return std::nullopt;
}

}  // namespace reconcile::engine::plan_detail
