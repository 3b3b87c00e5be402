// Extensions in a schema file: {"schemas": {"public": {"extensions":
// {"pg_trgm": {"version": "1.6"}}}}}. An extension is declared under the
// schema it is installed in, so claiming the schema is what makes it ours.
#include "desired-state/loader.hpp"

namespace reconcile::desired_state::detail {

void read_extensions(const ObjectReader& schema, const std::string& schema_name, Problems& problems, Draft& draft) {
    const Json* extensions = schema.object("extensions");
    if (!extensions) return;
    for (const auto& [name, value] : extensions->items()) {
        auto pointer = pointer_join(schema.pointer("extensions"), name);
        if (!check_identifier(name, pointer, problems, "extension")) continue;
        ObjectReader reader(value, pointer, problems, {"version", "comment"});
        if (!reader.valid()) continue;
        catalog::Extension extension{name, schema_name, reader.string("version"), reader.string("comment")};
        if (extension.version && extension.version->empty()) {
            problems.error(reader.pointer("version"),
                           "an extension version cannot be empty; omit it to let the "
                           "server install its default version");
        }
        auto key = catalog::extension_id(name);
        // Extension names are unique in a database, whatever the schema.
        if (auto previous = draft.sources.find(key); previous != draft.sources.end()) {
            problems.error(pointer, "extension \"" + name + "\" is already declared in " + previous->second.file +
                                        " at " + previous->second.pointer + "; an extension is installed once");
            continue;
        }
        draft.sources[key] = problems.at(pointer);
        draft.model.extensions.push_back(std::move(extension));
    }
}

}  // namespace reconcile::desired_state::detail
