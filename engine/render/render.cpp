#include "engine/render/render.hpp"

#include <set>

#include "engine/render/detail.hpp"

namespace reconcile::engine {

// Generic dispatch: each change kind's sql_of and description_of overloads
// live in its own file (declared in detail.hpp). A kind without one still
// fails to compile here, naming the missing overload.
std::vector<std::string> render_sql(const Change& change) {
    return std::visit([](const auto& c) { return render_detail::sql_of(c); }, change);
}

std::string describe(const Change& change) {
    auto raw = std::visit([](const auto& c) { return render_detail::description_of(c); }, change);
    // Names and expressions are raw; a newline in one must not forge a line
    // of the plan a reviewer reads.
    return render_detail::printable(raw);
}

void render_plan(Plan& plan) {
    // Relations this plan creates empty: nothing in them to count (and a
    // materialized view WITH NO DATA cannot even be read).
    std::set<QualifiedName> created;
    for (const auto& step : plan.steps) {
        if (const auto* create = std::get_if<CreateTable>(&step.change)) created.insert(create->table.name);
        if (const auto* view = std::get_if<CreateView>(&step.change); view && view->view.with_no_data) {
            created.insert(view->view.name);
        }
    }
    for (auto& step : plan.steps) {
        step.description = describe(step.change);
        step.sql = render_sql(step.change);
        step.guards.clear();
        for (auto& guard : guards_for(step.change)) {
            if (!created.count(guard.table)) step.guards.push_back(std::move(guard));
        }
    }
}

}  // namespace reconcile::engine
