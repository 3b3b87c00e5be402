#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

namespace {

using catalog::PolicyCommand;

std::string_view command_sql(PolicyCommand command) {
    switch (command) {
        case PolicyCommand::select:
            return "SELECT";
        case PolicyCommand::insert:
            return "INSERT";
        case PolicyCommand::update:
            return "UPDATE";
        case PolicyCommand::delete_rows:
            return "DELETE";
        case PolicyCommand::all:
            break;
    }
    return "ALL";
}

// PUBLIC is a keyword, not a role: quoted it would name a role "public",
// which cannot exist.
std::string roles_sql(const std::vector<std::string>& roles) {
    if (roles.empty()) return "PUBLIC";
    std::vector<std::string> out;
    out.reserve(roles.size());
    for (const auto& role : roles) out.push_back(role == catalog::public_role ? "PUBLIC" : sql::ident(role));
    return join(out, ", ");
}

std::string policy_target(const QualifiedName& table, const Policy& policy) {
    return sql::ident(policy.name) + " ON " + sql::qualified(table);
}

std::string policy_display(const QualifiedName& table, const Policy& policy) {
    return catalog::display(table) + "." + policy.name;
}

std::string summary(const Policy& policy) {
    std::string out = std::string(policy.permissive ? "" : "restrictive ") + "for " +
                      std::string(command_sql(policy.command)) + " to " + join(policy.roles, ", ");
    if (policy.using_expr) out += " using (" + *policy.using_expr + ")";
    if (policy.check_expr) out += " with check (" + *policy.check_expr + ")";
    return out;
}

}  // namespace

Statements sql_of(const SetRowSecurity& change) {
    Statements out;
    const std::string table = "ALTER TABLE " + sql::qualified(change.table);
    if (change.enabled) out.push_back(table + (*change.enabled ? " ENABLE" : " DISABLE") + " ROW LEVEL SECURITY");
    if (change.forced) out.push_back(table + (*change.forced ? " FORCE" : " NO FORCE") + " ROW LEVEL SECURITY");
    return out;
}

Statements sql_of(const CreatePolicy& change) {
    const Policy& policy = change.policy;
    std::string out = "CREATE POLICY " + policy_target(change.table, policy);
    if (!policy.permissive) out += " AS RESTRICTIVE";
    out += " FOR " + std::string(command_sql(policy.command)) + " TO " + roles_sql(policy.roles);
    if (policy.using_expr) out += " USING (" + sql::expression(*policy.using_expr) + ")";
    if (policy.check_expr) out += " WITH CHECK (" + sql::expression(*policy.check_expr) + ")";
    return {out};
}

Statements sql_of(const DropPolicy& change) {
    return {"DROP POLICY " + policy_target(change.table, change.policy)};
}

// ALTER POLICY cannot remove a USING or WITH CHECK clause, only replace it;
// a removed one goes through drop and create (the diff leaves that to
// AlterPolicy, so it is handled here).
Statements sql_of(const AlterPolicy& change) {
    const Policy& from = change.from;
    const Policy& to = change.to;
    bool removes = (from.using_expr && !to.using_expr) || (from.check_expr && !to.check_expr);
    if (removes) {
        Statements out = sql_of(DropPolicy{change.table, from});
        for (auto& statement : sql_of(CreatePolicy{change.table, to})) out.push_back(std::move(statement));
        return out;
    }
    std::string out = "ALTER POLICY " + policy_target(change.table, to);
    if (from.roles != to.roles) out += " TO " + roles_sql(to.roles);
    if (to.using_expr && from.using_expr != to.using_expr) {
        out += " USING (" + sql::expression(*to.using_expr) + ")";
    }
    if (to.check_expr && from.check_expr != to.check_expr) {
        out += " WITH CHECK (" + sql::expression(*to.check_expr) + ")";
    }
    return {out};
}

std::string description_of(const SetRowSecurity& change) {
    std::vector<std::string> parts;
    if (change.enabled) parts.push_back(*change.enabled ? "enable" : "disable");
    if (change.forced) parts.push_back(*change.forced ? "force" : "stop forcing");
    return join(parts, " and ") + " row level security on " + catalog::display(change.table);
}

std::string description_of(const CreatePolicy& change) {
    return "create policy " + policy_display(change.table, change.policy) + " " + summary(change.policy);
}

std::string description_of(const DropPolicy& change) {
    return "drop policy " + policy_display(change.table, change.policy);
}

std::string description_of(const AlterPolicy& change) {
    return "alter policy " + policy_display(change.table, change.to) + " (" + summary(change.from) + " -> " +
           summary(change.to) + ")";
}

}  // namespace reconcile::engine::render_detail
