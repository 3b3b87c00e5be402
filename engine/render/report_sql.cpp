// The plan as a psql script a reviewer can read and, if they choose, run.
#include <fmt/format.h>

#include "engine/render/detail.hpp"
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

    bool any_transactional = false;
    for (const auto& step : plan.steps) any_transactional |= step.transactional == Transactional::yes;
    if (any_transactional) {
        out += "\nBEGIN;\n";
        for (std::size_t i = 0; i < plan.steps.size(); ++i) {
            if (plan.steps[i].transactional == Transactional::yes) append_step(out, i + 1, plan.steps[i]);
        }
        out += "\nCOMMIT;\n";
    }
    bool header_written = false;
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        if (plan.steps[i].transactional == Transactional::yes) continue;
        if (!header_written) {
            out += "\n-- Outside the transaction: these steps cannot run inside a transaction block.\n";
            header_written = true;
        }
        append_step(out, i + 1, plan.steps[i]);
    }
    return out;
}

}  // namespace reconcile::engine
