#include "engine/pipeline/extensions_check.hpp"

#include <fmt/format.h>

#include "catalog/introspect/extension_availability.hpp"
#include "engine/plan/planner.hpp"

namespace reconcile::engine {

void check_extensions(const catalog::Model& want, const catalog::Model& have, catalog::Connection& target) {
    std::vector<catalog::Extension> asked;
    for (const auto& extension : want.extensions) {
        const auto* installed = have.find_extension(extension.name);
        bool same_version = !extension.version || (installed && installed->version == extension.version);
        if (!installed || !same_version) asked.push_back(extension);
    }
    if (asked.empty()) return;
    auto answers = catalog::read_extension_availability(target, asked);
    std::string problems;
    for (std::size_t i = 0; i < asked.size(); ++i) {
        const auto& extension = asked[i];
        const auto& answer = answers[i];
        if (!answer.available) {
            problems += fmt::format(
                "\n  extension {}: not available on this server (not in pg_available_extensions); install the "
                "package that provides it, or remove it from the manifests",
                extension.name);
        } else if (answer.installed_in && !have.find_extension(extension.name)) {
            problems += fmt::format(
                "\n  extension {}: installed in schema {}, which the manifests do not claim; declare it under "
                "schema {} and claim that schema, or move it with ALTER EXTENSION ... SET SCHEMA",
                extension.name, *answer.installed_in, *answer.installed_in);
        } else if (!answer.version_available) {
            problems += fmt::format("\n  extension {}: version {} is not available on this server (it offers {})",
                                    extension.name, extension.version.value_or(""), fmt::join(answer.versions, ", "));
        }
    }
    if (!problems.empty()) throw PlanError("the manifests declare extensions this database cannot have:" + problems);
}

}  // namespace reconcile::engine
