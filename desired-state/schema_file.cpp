// Schema files: {"schemas": {"public": {"comment": ..., "enums": {...}}}}.
// Declaring a schema claims it. Each top-level key is read by a function of
// its own, so later kinds (roles, grants, extensions) are new entries in
// schema_file_sections, not edits to one big reader.
#include <algorithm>
#include <string_view>
#include <unordered_set>

#include "desired-state/loader.hpp"

namespace reconcile::desired_state::detail {

namespace {

void read_enum(const Json& value, const std::string& pointer, catalog::QualifiedName name, Problems& problems,
               Draft& draft) {
    ObjectReader reader(value, pointer, problems,
                        {"values", "comment", "owner", "owner_privileges", "grants", "renamed_from", "renamed_values"});
    if (!reader.valid()) return;
    catalog::EnumType type{std::move(name), {}, reader.string("comment")};
    read_owner(reader, catalog::enum_id(type.name), draft.declared);
    read_grants(reader, "grants", catalog::enum_id(type.name), draft.declared);
    if (auto rename = read_renamed_from(reader, catalog::enum_id(type.name), OtherSchema::not_allowed)) {
        draft.model.renames.push_back(std::move(*rename));
    }
    if (auto values = reader.strings("values", Need::required)) {
        // PostgreSQL allows an enum without labels (CREATE TYPE e AS ENUM ())
        // and an empty label: export writes what the database has, and what
        // export writes must load.
        // A set, not a search of the values before each one: that was
        // quadratic, 40 s for an enum of 80,000 values.
        std::unordered_set<std::string_view> seen;
        seen.reserve(values->size());
        for (std::size_t i = 0; i < values->size(); ++i) {
            const auto& label = (*values)[i];
            // Labels are limited to NAMEDATALEN - 1 bytes, like names.
            if (label.size() > 63) {
                problems.error(pointer_join(reader.pointer("values"), i),
                               "enum value \"" + label + "\" is " + std::to_string(label.size()) +
                                   " bytes long; PostgreSQL allows at most 63 bytes");
            }
            if (!seen.insert(label).second) {
                problems.error(pointer_join(reader.pointer("values"), i), "duplicate enum value \"" + label + "\"");
            }
        }
        type.values = std::move(*values);
    }
    read_renamed_values(reader, type, draft);
    draft.sources[catalog::enum_id(type.name)] = problems.at(pointer);
    draft.model.enums.push_back(std::move(type));
}

void read_schema(const std::string& name, const Json& value, const std::string& pointer, Problems& problems,
                 Draft& draft) {
    if (!check_identifier(name, pointer, problems, "schema")) return;
    ObjectReader reader(value, pointer, problems,
                        {"comment", "extensions", "enums", "domains", "composite_types", "range_types", "sequences",
                         "owner", "owner_privileges", "grants", "default_privileges"});
    if (!reader.valid()) return;
    auto key = catalog::schema_id(name);
    if (auto previous = draft.sources.find(key); previous != draft.sources.end()) {
        problems.error(pointer, "schema \"" + name + "\" is already declared in " + previous->second.file +
                                    "; declare each schema in one file only");
        return;
    }
    draft.sources[key] = problems.at(pointer);
    catalog::Schema schema{name, std::nullopt};
    const Json* comment = reader.value("comment");
    if (!comment) {
        schema.keep_comment = true;
    } else if (!comment->is_null()) {
        schema.comment = reader.string("comment");
    }
    draft.model.schemas.push_back(std::move(schema));
    read_extensions(reader, name, problems, draft);
    read_domains(reader, name, problems, draft);
    read_composite_types(reader, name, problems, draft);
    read_range_types(reader, name, problems, draft);
    read_sequences(reader, name, problems, draft);
    read_owner(reader, key, draft.declared);
    read_grants(reader, "grants", key, draft.declared);
    read_default_privileges(reader, "default_privileges", name, draft.declared);
    if (const Json* enums = reader.object("enums")) {
        for (const auto& [type_name, type_value] : enums->items()) {
            auto type_pointer = pointer_join(reader.pointer("enums"), type_name);
            if (!check_identifier(type_name, type_pointer, problems, "enum")) continue;
            read_enum(type_value, type_pointer, {name, type_name}, problems, draft);
        }
    }
}

void read_schemas(const ObjectReader& file, Problems& problems, Draft& draft) {
    const Json* schemas = file.object("schemas");
    if (!schemas) return;
    for (const auto& [name, value] : schemas->items()) {
        read_schema(name, value, pointer_join(file.pointer("schemas"), name), problems, draft);
    }
}

struct Section {
    std::string_view key;
    void (*read)(const ObjectReader&, Problems&, Draft&);
};

constexpr Section schema_file_sections[] = {
    {"schemas", read_schemas},
    {"roles", read_roles},
    {"external_roles", read_external_roles},
    {"claim_roles", read_role_claims},
    {"default_privileges", read_global_default_privileges},
    {"database_grants", read_database_grants},
};

}  // namespace

bool is_schema_file(const Json& document) {
    return document.is_object() && std::any_of(std::begin(schema_file_sections), std::end(schema_file_sections),
                                               [&](const Section& section) { return document.contains(section.key); });
}

void read_schema_file(const Json& document, Problems& problems, Draft& draft) {
    std::vector<std::string_view> allowed = {"$schema"};
    for (const auto& section : schema_file_sections) allowed.push_back(section.key);
    ObjectReader file(document, "", problems, allowed);
    if (!file.valid()) return;
    file.string("$schema");
    for (const auto& section : schema_file_sections) section.read(file, problems, draft);
}

}  // namespace reconcile::desired_state::detail
