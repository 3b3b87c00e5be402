#include "desired-state/manifest_recognition.hpp"

#include "desired-state/loader.hpp"
#include "desired-state/vocabulary.hpp"

namespace reconcile::desired_state::detail {

namespace {

std::optional<std::string> why_not(const Json& document, std::vector<Diagnostic>& diagnostics,
                                   const std::filesystem::path& path) {
    if (!document.is_object()) return "not a JSON object";
    if (auto id = document.find("$schema"); id != document.end()) {
        if (id->is_string() && id->get_ref<const std::string&>() == manifest_schema_id) return std::nullopt;
        return "its \"$schema\" is " + id->dump() + ", not reconcile's";
    }
    // A file without the id is taken for a manifest only if the loader would
    // read it without a single complaint, so no other program's JSON that
    // happens to have a "table" key is mistaken for one.
    Problems problems("", diagnostics);
    const int kinds = int(is_schema_file(document)) + int(is_table_file(document)) + int(is_function_file(document));
    if (kinds != 1) {
        return "it has no \"table\", \"schemas\", \"function\" or \"procedure\" key";
    } else if (is_schema_file(document)) {
        Draft scratch;
        read_schema_file(document, problems, scratch);
    } else if (is_table_file(document)) {
        read_table_file(document, problems);
    } else {
        read_function_file(document, problems, FileContext{path.parent_path(), path});
    }
    if (!diagnostics.empty()) return "it does not read as a manifest: " + diagnostics.front().to_string();
    return std::nullopt;
}

}  // namespace

std::optional<std::string> why_not_a_manifest(const std::filesystem::path& path) {
    try {
        std::string buffer;
        auto text = read_text(path, buffer);
        if (!text) return "cannot be read";
        std::vector<Diagnostic> diagnostics;
        Problems problems("", diagnostics);
        auto document = parse_json(*text, problems);
        if (!document || !diagnostics.empty()) return "not valid JSON, or not a manifest";
        return why_not(*document, diagnostics, path);
    } catch (const std::exception& error) {
        return std::string("cannot be read: ") + error.what();
    }
}

}  // namespace reconcile::desired_state::detail
