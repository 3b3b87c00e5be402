#include <algorithm>

#include "engine/render/detail.hpp"

namespace reconcile::engine::render_detail {

std::vector<ObjectId> sorted_refs(const std::vector<ObjectId>& refs) {
    auto out = refs;
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<catalog::UnmanagedObject> sorted_unmanaged(const std::vector<catalog::UnmanagedObject>& objects) {
    auto out = objects;
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::string possible_rename_hint(const catalog::PossibleRename& hint) {
    const auto& from = hint.from;
    bool member = !from.member.empty();
    std::string old = member ? from.member : from.schema == hint.to.schema ? from.name : from.schema + "." + from.name;
    return "possible rename: " + std::string(catalog::kind_name(from.kind)) + " " + catalog::display(from) + " -> " +
           catalog::display(hint.to) + ": add \"renamed_from\": [\"" + old + "\"] to " + catalog::display(hint.to) +
           " to keep its data";
}

std::size_t refused_count(const Plan& plan) {
    return static_cast<std::size_t>(
        std::count_if(plan.steps.begin(), plan.steps.end(), [](const Step& s) { return s.refused.has_value(); }));
}

void append_statements(std::string& out, const std::vector<std::string>& statements, std::string_view line_prefix) {
    for (const auto& statement : statements) {
        std::size_t start = 0;
        while (true) {
            auto end = statement.find('\n', start);
            out += line_prefix;
            out.append(statement, start, end == std::string::npos ? std::string::npos : end - start);
            if (end == std::string::npos) break;
            out += '\n';
            start = end + 1;
        }
        out += ";\n";
    }
}

}  // namespace reconcile::engine::render_detail
