// "renamed_from": the names an object had before, on any kind that can be
// renamed in place. Read into catalog::Rename declarations; the diff decides
// at plan time which (if any) of the names the live database still uses.
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

std::optional<catalog::Rename> read_renamed_from(const ObjectReader& reader, const catalog::ObjectId& to,
                                                 OtherSchema other_schema) {
    auto names = reader.strings("renamed_from");
    if (!names) return std::nullopt;
    catalog::Rename rename{to, {}};
    std::set<catalog::ObjectId> seen;
    for (std::size_t i = 0; i < names->size(); ++i) {
        const std::string& name = (*names)[i];
        auto pointer = pointer_join(reader.pointer("renamed_from"), i);
        catalog::ObjectId old;
        auto dot = name.find('.');
        if (other_schema == OtherSchema::allowed && dot != std::string::npos) {
            // "schema.table": a table that lived in another schema. A name
            // that itself holds a dot cannot be written this way.
            std::string schema = name.substr(0, dot), table = name.substr(dot + 1);
            if (!check_identifier(schema, pointer, reader.problems(), "schema") ||
                !check_identifier(table, pointer, reader.problems(), "table"))
                continue;
            old = to;
            old.schema = schema;
            old.name = table;
        } else {
            if (!check_identifier(name, pointer, reader.problems(), "old")) continue;
            old = with_name(to, name);
        }
        if (old == to) {
            reader.problems().error(pointer, "\"" + name + "\" is the object's own name");
            continue;
        }
        if (!seen.insert(old).second) {
            reader.problems().error(pointer, "\"" + name + "\" is listed twice");
            continue;
        }
        rename.from.push_back(std::move(old));
    }
    if (rename.from.empty()) return std::nullopt;
    return rename;
}

}  // namespace reconcile::desired_state::detail
