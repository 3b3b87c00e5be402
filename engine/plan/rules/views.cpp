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

int priority_of(const CreateView&) {
    return 8;
}
int priority_of(const ReplaceView&) {
    return 8;
}
int priority_of(const DropView&) {
    return 11;
}

// What a view reads (tables, their columns, other views, functions, types)
// is what the server recorded for its rewrite rule: read from the live
// catalog, and for a desired view from its scratch copy.
Dependencies dependencies_of(const CreateView& change, const PlanContext&) {
    return {.creates = relation_of(change.view), .needs = change.view.uses};
}

Dependencies dependencies_of(const DropView& change, const PlanContext&) {
    return {.drops = relation_of(change.view), .releases = change.view.uses};
}

Dependencies dependencies_of(const ReplaceView& change, const PlanContext&) {
    return {.creates = relation_of(change.to), .needs = change.to.uses, .releases = change.from.uses};
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

}  // namespace reconcile::engine::plan_detail
