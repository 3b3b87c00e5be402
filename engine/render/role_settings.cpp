// ALTER ROLE ... [IN DATABASE ...] SET / RESET. A value is written as
// string literals, one per element of a list setting, which is how
// PostgreSQL keeps each element its own (quoted) name.
#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

namespace {

std::string alter_role(const RoleSetting& setting, const std::string& database) {
    std::string out = "ALTER ROLE " + sql::ident(setting.role);
    if (setting.in_database) out += " IN DATABASE " + sql::ident(database);
    return out;
}

// "work_mem", "myapp.tenant": each part an identifier, as SET parses it.
std::string setting_name(const std::string& name) {
    std::string out;
    std::size_t start = 0;
    while (true) {
        auto dot = name.find('.', start);
        out += sql::ident(name.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos) return out;
        out += '.';
        start = dot + 1;
    }
}

std::string where(const RoleSetting& setting) {
    return " of role " + setting.role + (setting.in_database ? " in this database" : "");
}

}  // namespace

Statements sql_of(const SetRoleSetting& change) {
    const auto& s = change.setting;
    std::vector<std::string> literals;
    for (const auto& element : s.value) literals.push_back(sql::literal(element));
    return {alter_role(s, change.database) + " SET " + setting_name(s.name) + " = " + join(literals, ", ")};
}

Statements sql_of(const ResetRoleSetting& change) {
    const auto& s = change.setting;
    return {alter_role(s, change.database) + " RESET " + setting_name(s.name)};
}

std::string description_of(const SetRoleSetting& change) {
    return "set " + change.setting.name + where(change.setting) + " to " + printable(join(change.setting.value, ", "));
}

std::string description_of(const ResetRoleSetting& change) {
    return "reset " + change.setting.name + where(change.setting);
}

}  // namespace reconcile::engine::render_detail
