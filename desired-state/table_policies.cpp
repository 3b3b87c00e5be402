// Row-level security of a table file: "row_level_security",
// "force_row_level_security" and "policies": {"name": {...}}.
#include <algorithm>

#include "desired-state/loader.hpp"
#include "desired-state/vocabulary.hpp"

namespace reconcile::desired_state::detail {

namespace {

std::vector<std::string> read_roles(const ObjectReader& reader) {
    auto roles = reader.strings("roles");
    if (!roles) return {catalog::public_role};
    if (roles->empty()) {
        reader.problems().error(reader.pointer("roles"), "a policy needs at least one role; omit \"roles\" for PUBLIC");
        return {catalog::public_role};
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; i < roles->size(); ++i) {
        auto pointer = pointer_join(reader.pointer("roles"), i);
        std::string role = (*roles)[i];
        // PUBLIC is a keyword in SQL; any spelling of it means every role.
        if (normalize_word(role) == catalog::public_role) role = catalog::public_role;
        if (!check_identifier(role, pointer, reader.problems(), "role")) continue;
        if (std::find(out.begin(), out.end(), role) != out.end()) {
            reader.problems().error(pointer, "role \"" + role + "\" is listed twice");
            continue;
        }
        out.push_back(std::move(role));
    }
    if (out.size() > 1 && std::find(out.begin(), out.end(), catalog::public_role) != out.end()) {
        reader.problems().error(reader.pointer("roles"), "PUBLIC already covers every role; list it alone");
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::optional<catalog::Policy> read_policy(const Json& value, const std::string& pointer, TableReading& reading) {
    ObjectReader reader(value, pointer, reading.problems,
                        {"command", "as", "roles", "using", "with_check", "comment", "renamed_from"});
    if (!reader.valid()) return std::nullopt;
    catalog::Policy policy;
    if (auto command = read_word(reader, "command", policy_commands, "policy command")) policy.command = *command;
    policy.permissive = read_word(reader, "as", policy_kinds, "policy kind") != PolicyKind::restrictive;
    policy.roles = read_roles(reader);
    policy.using_expr = reader.string("using");
    policy.check_expr = reader.string("with_check");
    policy.comment = reader.string("comment");
    using catalog::PolicyCommand;
    // PostgreSQL's rules: rows being added only have a WITH CHECK, rows
    // being read or deleted only a USING.
    if (policy.check_expr &&
        (policy.command == PolicyCommand::select || policy.command == PolicyCommand::delete_rows)) {
        reading.problems.error(reader.pointer("with_check"), "a SELECT or DELETE policy cannot have \"with_check\"");
    }
    if (policy.using_expr && policy.command == PolicyCommand::insert) {
        reading.problems.error(reader.pointer("using"), "an INSERT policy cannot have \"using\"");
    }
    return policy;
}

}  // namespace

void read_row_security(const ObjectReader& table, TableReading& reading) {
    reading.table.row_security = table.boolean("row_level_security").value_or(false);
    reading.table.force_row_security = table.boolean("force_row_level_security").value_or(false);
    const Json* map = table.object("policies");
    if (!map) return;
    reading.table.policies.reserve(map->size());
    for (const auto& [name, value] : map->items()) {
        auto pointer = pointer_join(table.pointer("policies"), name);
        if (!check_identifier(name, pointer, reading.problems, "policy")) continue;
        auto policy = read_policy(value, pointer, reading);
        if (!policy) continue;
        policy->name = name;
        if (auto rename = read_renamed_from(value, pointer, reading.problems,
                                            catalog::member_id(catalog::ObjectKind::policy, reading.table.name, name),
                                            OtherSchema::not_allowed)) {
            reading.renames.push_back(std::move(*rename));
        }
        reading.sources[catalog::member_id(catalog::ObjectKind::policy, reading.table.name, name)] =
            reading.problems.at(pointer);
        reading.table.policies.push_back(std::move(*policy));
    }
}

}  // namespace reconcile::desired_state::detail
