// A role's settings: "settings" (every database) and "database_settings"
// (only the database the command targets, ALTER ROLE ... IN DATABASE), each
// {"name": "value"}, or a list of names for search_path and the other list
// settings (catalog::is_list_setting). See docs/manifest.md, "Roles".
#include <algorithm>
#include <regex>

#include "desired-state/loader.hpp"

namespace reconcile::desired_state::detail {

namespace {

// The rotation marker of the last password set; managed through
// "password": {"rotation": ...}, never as a setting.
constexpr std::string_view rotation_setting = "reconcile.password_rotation";

// A setting's name as SET accepts it unquoted: PostgreSQL's own ("work_mem")
// or an extension's or application's, with a prefix ("myapp.tenant").
bool is_setting_name(const std::string& name) {
    static const std::regex pattern("[a-z_][a-z0-9_$]*(\\.[a-z_][a-z0-9_$]*)*");
    return std::regex_match(name, pattern);
}

std::optional<std::vector<std::string>> read_value(const Json& value, const std::string& name,
                                                   const std::string& pointer, Problems& problems) {
    if (catalog::is_list_setting(name)) {
        if (!value.is_array() || value.empty() ||
            !std::all_of(value.begin(), value.end(), [](const Json& item) { return item.is_string(); })) {
            problems.error(pointer, name + " is a list: give its names as an array of strings, e.g. "
                                           "[\"$user\", \"public\"] (one string would be one quoted name)");
            return std::nullopt;
        }
        return value.get<std::vector<std::string>>();
    }
    if (!value.is_string()) {
        problems.error(pointer, "expected the value as a string (\"5s\", \"on\", \"64MB\"), got " + describe_type(value));
        return std::nullopt;
    }
    return std::vector<std::string>{value.get<std::string>()};
}

void read_settings(const ObjectReader& reader, std::string_view key, const std::string& role, bool in_database,
                   Draft& draft) {
    const Json* settings = reader.object(key);
    if (!settings) return;
    Problems& problems = reader.problems();
    for (const auto& [written, value] : settings->items()) {
        auto pointer = pointer_join(reader.pointer(key), written);
        // PostgreSQL folds an unquoted name to lower case, and so does this.
        std::string name = written;
        for (char& c : name) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        if (!is_setting_name(name)) {
            problems.error(pointer, "\"" + written + "\" is not a setting's name (\"work_mem\", \"myapp.tenant\")");
            continue;
        }
        if (name == rotation_setting) {
            problems.error(pointer, "reconcile records password rotations here; give \"password\": {\"rotation\": "
                                    "...} instead");
            continue;
        }
        auto parsed = read_value(value, name, pointer, problems);
        if (!parsed) continue;
        draft.model.role_settings.push_back(catalog::RoleSetting{role, in_database, name, std::move(*parsed)});
    }
}

}  // namespace

void read_role_settings(const ObjectReader& role, const std::string& name, Draft& draft) {
    read_settings(role, "settings", name, false, draft);
    read_settings(role, "database_settings", name, true, draft);
}

}  // namespace reconcile::desired_state::detail
