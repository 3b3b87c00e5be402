#include "desired-state/manifests.hpp"

namespace reconcile::desired_state {

namespace {

std::string join(const std::vector<Diagnostic>& diagnostics) {
    std::string out;
    for (const auto& diagnostic : diagnostics) {
        if (!out.empty()) out += '\n';
        out += diagnostic.to_string();
    }
    return out;
}

}  // namespace

std::string Diagnostic::to_string() const {
    std::string out = where.file;
    if (!out.empty()) out += ": ";
    if (!where.pointer.empty()) out += where.pointer + ": ";
    out += message;
    if (!suggestion.empty()) out += " (did you mean \"" + suggestion + "\"?)";
    return out;
}

ManifestError::ManifestError(std::vector<Diagnostic> diagnostics_)
    : std::runtime_error(join(diagnostics_)), diagnostics(std::move(diagnostics_)) {}

SourceLocation Manifests::where(const catalog::ObjectId& object) const {
    auto it = sources.find(object);
    return it == sources.end() ? SourceLocation{} : it->second;
}

}  // namespace reconcile::desired_state
