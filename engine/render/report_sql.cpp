// The plan as a psql script a reviewer can read and, if they choose, run.
#include <fmt/format.h>

#include "engine/render/detail.hpp"
#include "engine/render/render.hpp"
#include "engine/render/report.hpp"

namespace reconcile::engine {

namespace {

using render_detail::printable;

void append_step(std::string& out, std::size_t number, const Step& step) {
    out += fmt::format("\n-- {}. {}\n", number, printable(step.description));
    if (!step.hazards.empty()) {
        std::vector<std::string> codes;
        for (auto hazard : step.hazards) codes.push_back(hazard_code(hazard));
        out += "-- hazards: " + render_detail::join(codes, ", ") + "\n";
    }
    if (step.table_size) {
        out += "-- table " + printable(display(catalog::table_id(step.table_size->table))) + ": " +
               describe_table_size(*step.table_size) + "\n";
    }
    for (const auto& guard : step.guards) {
        out += std::string(guard.fails() ? "-- GUARD FAILS: " : "-- guard: ") + printable(describe_guard(guard)) + "\n";
    }
    if (step.refused) {
        // Commented out line by line, so running the script can never do a
        // step apply would refuse.
        out += "-- REFUSED: " + printable(*step.refused) + "\n";
        render_detail::append_statements(out, step.sql, "-- ");
        return;
    }
    render_detail::append_statements(out, step.sql, "");
}

}  // namespace

std::string format_plan_sql(const Plan& plan) {
    if (plan.steps.empty()) return "-- reconcile plan: no changes\n";
    std::string out =
        fmt::format("-- reconcile plan: {} {}\n", plan.steps.size(), plan.steps.size() == 1 ? "step" : "steps");
    if (auto refused = render_detail::refused_count(plan)) {
        out += fmt::format("-- {} refused {} commented out below\n", refused, refused == 1 ? "step is" : "steps are");
    }
    // Without it psql carries on after an error: the transaction's COMMIT
    // turns into a ROLLBACK but the non-transactional steps would still run.
    out += "\\set ON_ERROR_STOP on\n";
    if (auto hazards = plan.hazards(); !hazards.empty()) {
        out += "\n-- Hazards:\n";
        for (auto hazard : hazards) out += "--   " + hazard_code(hazard) + ": " + hazard_reason(hazard) + "\n";
    }

    for (const auto& group : plan.execution_groups()) {
        if (group.transactional == Transactional::no) {
            out += "\n-- Runs on its own, committed before the steps after it.\n";
            append_step(out, group.steps.front() + 1, plan.steps[group.steps.front()]);
            continue;
        }
        out += "\nBEGIN;\n";
        for (std::size_t i : group.steps) append_step(out, i + 1, plan.steps[i]);
        out += "\nCOMMIT;\n";
    }
    return out;
}

}  // namespace reconcile::engine
