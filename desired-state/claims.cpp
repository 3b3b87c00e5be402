// claimed_schemas: a quick look at a manifest directory for the schemas it
// claims, so that a command can read those schemas from the database while
// the manifests load (see cli/commands.cpp). load_manifests stays the
// authority: the pipeline reads again if the two disagree.
#include <algorithm>

#include "desired-state/loader.hpp"

namespace reconcile::desired_state {

std::vector<std::string> claimed_schemas(const std::filesystem::path& dir) {
    std::vector<std::string> claimed;
    try {
        std::string buffer;
        for (const auto& file : detail::manifest_files(dir)) {
            auto text = detail::read_text(dir / file, buffer);
            // A key that reads "schemas" is written so, or with escapes (a
            // backslash). Other files cannot claim a schema, and not parsing
            // them (thousands of table files) is what makes this quick.
            if (!text ||
                (text->find("\"schemas\"") == std::string_view::npos && text->find('\\') == std::string_view::npos)) {
                continue;
            }
            auto document = detail::Json::parse(*text, nullptr, /*allow_exceptions=*/false);
            if (!detail::is_schema_file(document)) continue;
            auto schemas = document.find("schemas");
            if (schemas == document.end() || !schemas->is_object()) continue;
            for (const auto& [name, unused] : schemas->items()) claimed.push_back(name);
        }
    } catch (const std::exception&) {
        // An unreadable directory: load_manifests reports it.
    }
    std::sort(claimed.begin(), claimed.end());
    claimed.erase(std::unique(claimed.begin(), claimed.end()), claimed.end());
    return claimed;
}

}  // namespace reconcile::desired_state
