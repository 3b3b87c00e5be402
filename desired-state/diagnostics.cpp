#include "catalog/model/printable.hpp"
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

// Escaped: file names, keys and values come from whoever wrote the
// manifests, and a diagnostic ends up on a terminal.
std::string Diagnostic::to_string() const {
    std::string out = catalog::printable(where.file);
    if (!out.empty()) out += ": ";
    if (!where.pointer.empty()) out += catalog::printable(where.pointer) + ": ";
    out += catalog::printable(message);
    if (!suggestion.empty()) out += " (did you mean \"" + catalog::printable(suggestion) + "\"?)";
    return out;
}

ManifestError::ManifestError(std::vector<Diagnostic> diagnostics_)
    : std::runtime_error(join(diagnostics_)), diagnostics(std::move(diagnostics_)) {}

SourceLocation Manifests::where(const catalog::ObjectId& object) const {
    auto it = sources.find(object);
    return it == sources.end() ? SourceLocation{} : it->second;
}

}  // namespace reconcile::desired_state
