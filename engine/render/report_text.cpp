// Plan and drift as text for a terminal or a CI log.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "catalog/model/printable.hpp"
#include "engine/render/detail.hpp"
#include "engine/render/render.hpp"
#include "engine/render/report.hpp"

namespace reconcile::engine {

namespace {

using render_detail::printable;

std::string plural(std::size_t n, const char* one, const char* many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

void append_not_managed(std::string& out, const Plan& plan, Unmanaged unmanaged) {
    auto objects = render_detail::sorted_unmanaged(plan.not_managed);
    if (objects.empty()) return;
    if (unmanaged == Unmanaged::summary) {
        std::map<std::string, std::size_t> by_kind;
        for (const auto& object : objects) ++by_kind[object.what];
        std::vector<std::string> counts;
        for (const auto& [what, n] : by_kind) counts.push_back(fmt::format("{} {}", printable(what), n));
        out += fmt::format("\nNot managed by reconcile (left alone): {} ({}; --verbose lists them)\n",
                           plural(objects.size(), "object", "objects"), render_detail::join(counts, ", "));
        return;
    }
    out += "\nNot managed by reconcile (left alone):\n";
    for (const auto& object : objects) out += "  " + printable(object.what) + " " + printable(object.identity()) + "\n";
}

// SGR codes around text already made printable.
struct Paint {
    Color color;
    std::string operator()(const char* code, const std::string& text) const {
        return color == Color::on ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : text;
    }
    std::string bold(const std::string& text) const { return (*this)("1", text); }
    std::string red(const std::string& text) const { return (*this)("1;31", text); }
    std::string yellow(const std::string& text) const { return (*this)("33", text); }
    std::string green(const std::string& text) const { return (*this)("32", text); }
};

std::string hazard_list(const Step& step) {
    std::vector<std::string> codes, allowed;
    for (auto hazard : step.hazards) codes.push_back(hazard_code(hazard));
    for (auto hazard : step.allowed_by_manifest) allowed.push_back(hazard_code(hazard));
    std::string out = render_detail::join(codes, ", ");
    if (!allowed.empty()) out += " (allowed by its table's manifest: " + render_detail::join(allowed, ", ") + ")";
    return out;
}

}  // namespace

std::string format_plan_text(const Plan& plan, Unmanaged unmanaged, Color color) {
    Paint paint{color};
    std::string out;
    if (plan.steps.empty()) {
        out += paint.green("No changes.") + "\n";
    } else {
        out += paint.bold(fmt::format("Plan: {} ({} refused)", plural(plan.steps.size(), "step", "steps"),
                                      render_detail::refused_count(plan))) +
               "\n";
    }
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        const auto& step = plan.steps[i];
        out += "\n" + paint.bold(fmt::format("{}. {}", i + 1, printable(step.description))) + "\n";
        if (!step.hazards.empty()) out += "   hazards: " + paint.yellow(hazard_list(step)) + "\n";
        if (step.table_size) {
            out += "   table " + printable(display(catalog::table_id(step.table_size->table))) + ": " +
                   describe_table_size(*step.table_size) + "\n";
        }
        if (step.refused) out += "   " + paint.red("REFUSED:") + " " + printable(*step.refused) + "\n";
        for (const auto& guard : step.guards) {
            out += std::string(guard.fails() ? "   GUARD FAILS: " : "   guard: ") + describe_guard(guard) + "\n";
        }
        if (step.transactional == Transactional::no) out += "   non-transactional\n";
        if (step.own_transaction) out += "   in a transaction of its own\n";
        std::vector<std::string> shown;  // names in SQL may hold escape sequences too
        for (const auto& statement : step.sql) shown.push_back(catalog::printable(statement, catalog::Newlines::keep));
        render_detail::append_statements(out, shown, "   ");
    }
    if (auto hazards = plan.hazards(); !hazards.empty()) {
        out += "\nHazards (apply needs --allow-hazards with each code):\n";
        auto needed = unallowed_hazards(plan, {});
        for (auto hazard : hazards) {
            bool manifests_allow = std::none_of(needed.begin(), needed.end(),
                                                [&](const UnallowedHazard& u) { return u.hazard == hazard; });
            out += "  " + hazard_code(hazard) + ": " + hazard_reason(hazard) +
                   (manifests_allow ? " (allowed by the manifests wherever it occurs)" : "") + "\n";
        }
    }
    if (!plan.possible_renames.empty()) {
        out += "\nHints (not acted on; the plan above stands):\n";
        for (const auto& hint : plan.possible_renames)
            out += "  " + printable(render_detail::possible_rename_hint(hint)) + "\n";
    }
    auto extra = render_detail::sorted_refs(plan.not_in_manifests);
    if (!extra.empty()) {
        out += "\nNot in manifests (use --prune to drop):\n";
        for (const auto& ref : extra)
            out += "  " + std::string(kind_name(ref.kind)) + " " + printable(display(ref)) + "\n";
    }
    append_not_managed(out, plan, unmanaged);
    return out;
}

std::string format_drift_text(const Plan& plan, Unmanaged unmanaged, Color color) {
    Paint paint{color};
    auto extra = render_detail::sorted_refs(plan.not_in_manifests);
    std::size_t differences = plan.steps.size() + extra.size();
    std::string out;
    if (differences == 0) {
        out += paint.green("No drift.") + "\n";
    } else {
        out += paint.yellow("Drift: " + plural(differences, "difference", "differences")) + "\n";
    }
    for (const auto& step : plan.steps) out += "  - " + printable(step.description) + "\n";
    for (const auto& ref : extra) {
        out +=
            "  - extra " + std::string(kind_name(ref.kind)) + " " + printable(display(ref)) + " (not in manifests)\n";
    }
    append_not_managed(out, plan, unmanaged);
    return out;
}

}  // namespace reconcile::engine
