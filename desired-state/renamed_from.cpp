// "renamed_from": the names an object had before, on any kind that can be
// renamed in place. Read into catalog::Rename declarations; the diff decides
// at plan time which (if any) of the names the live database still uses.
#include <algorithm>
#include <set>

#include "desired-state/loader.hpp"

namespace reconcile::desired_state::detail {

namespace {

// `to` with its own name replaced by `old`: a member (column, index...)
// keeps its table, anything else its schema.
catalog::ObjectId with_name(catalog::ObjectId to, const std::string& old) {
    if (!to.member.empty()) {
        to.member = old;
    } else {
        to.name = old;
    }
    return to;
}

}  // namespace

std::optional<catalog::Rename> read_renamed_from(const Json& object, const std::string& pointer, Problems& problems,
                                                 const catalog::ObjectId& to, OtherSchema other_schema) {
    if (!object.is_object() || !object.contains("renamed_from")) return std::nullopt;
    const Json& names = object["renamed_from"];
    auto at = pointer_join(pointer, "renamed_from");
    if (!names.is_array()) {
        problems.error(at, "expected an array of earlier names");
        return std::nullopt;
    }
    catalog::Rename rename{to, {}};
    std::set<catalog::ObjectId> seen;
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto element = pointer_join(at, i);
        if (!names[i].is_string()) {
            problems.error(element, "expected a name (a string)");
            continue;
        }
        const std::string name = names[i].get<std::string>();
        catalog::ObjectId old;
        auto dot = name.find('.');
        if (other_schema == OtherSchema::allowed && dot != std::string::npos) {
            // "schema.name": an object that lived in another schema. A name
            // that itself holds a dot cannot be written this way.
            std::string schema = name.substr(0, dot), object = name.substr(dot + 1);
            if (!check_identifier(schema, element, problems, "schema") ||
                !check_identifier(object, element, problems, catalog::kind_name(to.kind)))
                continue;
            old = to;
            old.schema = schema;
            old.name = object;
        } else {
            if (!check_identifier(name, element, problems, "old")) continue;
            old = with_name(to, name);
        }
        if (old == to) {
            problems.error(element, "\"" + name + "\" is the object's own name");
            continue;
        }
        if (!seen.insert(old).second) {
            problems.error(element, "\"" + name + "\" is listed twice");
            continue;
        }
        rename.from.push_back(std::move(old));
    }
    if (rename.from.empty()) return std::nullopt;
    return rename;
}

std::optional<catalog::Rename> read_renamed_from(const ObjectReader& reader, const catalog::ObjectId& to,
                                                 OtherSchema other_schema) {
    const Json* object = reader.valid() ? reader.value("renamed_from") : nullptr;
    if (!object) return std::nullopt;
    Json holder = Json::object();
    holder["renamed_from"] = *object;
    return read_renamed_from(holder, reader.pointer(), reader.problems(), to, other_schema);
}

void read_renamed_values(const ObjectReader& reader, const catalog::EnumType& type, Draft& draft) {
    const Json* renamed = reader.object("renamed_values");
    if (!renamed) return;
    for (const auto& [value, olds] : renamed->items()) {
        auto pointer = pointer_join(reader.pointer("renamed_values"), value);
        if (std::find(type.values.begin(), type.values.end(), value) == type.values.end()) {
            reader.problems().error(pointer, "\"" + value + "\" is not one of the enum's values");
            continue;
        }
        if (!olds.is_array()) {
            reader.problems().error(pointer, "expected an array of the value's earlier names");
            continue;
        }
        catalog::Rename rename{catalog::member_id(catalog::ObjectKind::enum_type, type.name, value), {}};
        for (std::size_t i = 0; i < olds.size(); ++i) {
            auto at = pointer_join(pointer, i);
            if (!olds[i].is_string() || olds[i].get<std::string>() == value) {
                reader.problems().error(at, "expected an earlier name of the value, other than itself");
                continue;
            }
            auto id = rename.to;
            id.member = olds[i].get<std::string>();
            rename.from.push_back(std::move(id));
        }
        if (!rename.from.empty()) draft.model.renames.push_back(std::move(rename));
    }
}

}  // namespace reconcile::desired_state::detail
