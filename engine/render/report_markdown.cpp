// Plan and drift as Markdown for a pull-request or merge-request comment:
// a summary line, a table of steps, each step's SQL collapsed, and the
// objects reconcile leaves alone collapsed. Every name goes through
// markdown_text.hpp for the context it lands in.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "catalog/model/printable.hpp"
#include "engine/render/detail.hpp"
#include "engine/render/markdown_text.hpp"
#include "engine/render/render.hpp"
#include "engine/render/report.hpp"

namespace reconcile::engine {

namespace {

using markdown::Where;

std::string plural(std::size_t n, const char* one, const char* many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string object_cell(const ObjectId& object) {
    return markdown::text(kind_name(object.kind)) + " " + markdown::code(display(object), Where::table_cell);
}

std::string source_cell(const StepSources& sources, std::size_t i) {
    if (i >= sources.size() || sources[i].file.empty()) return "";
    const auto& source = sources[i];
    std::string out = markdown::code(source.file, Where::table_cell);
    if (!source.pointer.empty()) out += " " + markdown::code(source.pointer, Where::table_cell);
    return out;
}

// "2 × `INDEX_BUILD`, 1 × `DELETES_DATA`", most frequent first, then by code.
std::string hazard_counts(const Plan& plan) {
    std::map<std::string, std::size_t> counts;
    for (const auto& step : plan.steps) {
        for (auto hazard : step.hazards) ++counts[hazard_code(hazard)];
    }
    std::vector<std::pair<std::string, std::size_t>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<std::string> parts;
    for (const auto& [code, n] : sorted) parts.push_back(fmt::format("{} × `{}`", n, code));
    return parts.empty() ? "no hazards" : "hazards: " + render_detail::join(parts, ", ");
}

std::size_t destructive_count(const Plan& plan) {
    return static_cast<std::size_t>(std::count_if(plan.steps.begin(), plan.steps.end(), [](const Step& step) {
        return std::find(step.hazards.begin(), step.hazards.end(), Hazard::deletes_data) != step.hazards.end();
    }));
}

std::string hazards_cell(const Step& step) {
    std::vector<std::string> parts;
    for (auto hazard : step.hazards) {
        bool allowed = std::find(step.allowed_by_manifest.begin(), step.allowed_by_manifest.end(), hazard) !=
                       step.allowed_by_manifest.end();
        parts.push_back("`" + hazard_code(hazard) + "`" + (allowed ? " (allowed by manifest)" : ""));
    }
    if (step.refused) parts.push_back("**refused**");
    if (step.table_size) parts.push_back("(" + markdown::text(describe_table_size(*step.table_size)) + ")");
    return render_detail::join(parts, " ");
}

std::string statements_text(const Step& step) {
    std::vector<std::string> shown;
    for (const auto& statement : step.sql) shown.push_back(catalog::printable(statement, catalog::Newlines::keep));
    std::string out;
    render_detail::append_statements(out, shown, "");
    return out;
}

void append_not_in_manifests(std::string& out, const Plan& plan, const char* heading) {
    auto extra = render_detail::sorted_refs(plan.not_in_manifests);
    if (extra.empty()) return;
    out += fmt::format("\n{} ({}):\n\n", heading, extra.size());
    for (const auto& ref : extra) {
        out += "- " + markdown::text(kind_name(ref.kind)) + " " + markdown::code(display(ref), Where::elsewhere) + "\n";
    }
}

// Collapsed: a real schema has hundreds of them and they are not news.
void append_not_managed(std::string& out, const Plan& plan) {
    auto objects = render_detail::sorted_unmanaged(plan.not_managed);
    if (objects.empty()) return;
    std::map<std::string, std::size_t> by_kind;
    for (const auto& object : objects) ++by_kind[object.what];
    std::vector<std::string> counts;
    for (const auto& [what, n] : by_kind) counts.push_back(fmt::format("{} {}", what, n));
    out += fmt::format("\n<details><summary>Not managed by reconcile (left alone): {} ({})</summary>\n\n",
                       plural(objects.size(), "object", "objects"), markdown::html(render_detail::join(counts, ", ")));
    for (const auto& object : objects) {
        out += "- " + markdown::text(object.what) + " " + markdown::code(object.identity(), Where::elsewhere) + "\n";
    }
    out += "\n</details>\n";
}

}  // namespace

std::string format_plan_markdown(const Plan& plan, const StepSources& sources) {
    std::string out = "### reconcile plan\n\n";
    if (plan.steps.empty()) {
        out += "**No changes.**\n";
    } else {
        auto destructive = destructive_count(plan);
        auto refused = render_detail::refused_count(plan);
        out += fmt::format("**{}** · {} · {}", plural(plan.steps.size(), "change", "changes"), hazard_counts(plan),
                           destructive
                               ? fmt::format("**destructive** ({} deleting data)", plural(destructive, "step", "steps"))
                               : std::string("not destructive"));
        if (refused) out += fmt::format(" · **{} refused** (apply will not run this plan)", refused);
        out += "\n\n| # | change | object | hazards | manifest |\n|---:|---|---|---|---|\n";
        for (std::size_t i = 0; i < plan.steps.size(); ++i) {
            const auto& step = plan.steps[i];
            out += fmt::format("| {} | {} | {} | {} | {} |\n", i + 1, markdown::text(step.description),
                               object_cell(object_of(step.change)), hazards_cell(step), source_cell(sources, i));
        }
        for (std::size_t i = 0; i < plan.steps.size(); ++i) {
            const auto& step = plan.steps[i];
            out += fmt::format("\n<details><summary>{}. {}</summary>\n\n", i + 1, markdown::html(step.description));
            if (step.refused) out += "**Refused:** " + markdown::text(*step.refused) + "\n\n";
            if (step.transactional == Transactional::no) out += "Runs outside the transaction.\n\n";
            out += markdown::code_block(statements_text(step), "sql");
            out += "\n</details>\n";
        }
    }
    if (!plan.possible_renames.empty()) {
        out += "\nHints (not acted on):\n\n";
        for (const auto& hint : plan.possible_renames) {
            out += "- " + markdown::text(render_detail::possible_rename_hint(hint)) + "\n";
        }
    }
    append_not_in_manifests(out, plan, "Not in manifests (`--prune` drops them)");
    append_not_managed(out, plan);
    return out;
}

std::string format_drift_markdown(const Plan& plan, const StepSources& sources) {
    auto extra = render_detail::sorted_refs(plan.not_in_manifests);
    std::string out = "### reconcile drift\n\n";
    if (plan.steps.empty() && extra.empty()) {
        out += "**No drift.**\n";
    } else {
        out += fmt::format("**{}**\n", plural(plan.steps.size() + extra.size(), "difference", "differences"));
    }
    if (!plan.steps.empty()) {
        out += "\n| # | difference | object | manifest |\n|---:|---|---|---|\n";
        for (std::size_t i = 0; i < plan.steps.size(); ++i) {
            const auto& step = plan.steps[i];
            out += fmt::format("| {} | {} | {} | {} |\n", i + 1, markdown::text(step.description),
                               object_cell(object_of(step.change)), source_cell(sources, i));
        }
    }
    append_not_in_manifests(out, plan, "Not in manifests");
    append_not_managed(out, plan);
    return out;
}

}  // namespace reconcile::engine
