#include "engine/apply/secrets.hpp"

#include <cstdlib>

#include "engine/render/roles_detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine {

namespace {

struct PasswordStep {
    const std::string* role;
    const PasswordSource* source;
};

std::vector<PasswordStep> password_steps(const Plan& plan) {
    std::vector<PasswordStep> out;
    for (const auto& step : plan.steps) {
        if (const auto* create = std::get_if<CreateRole>(&step.change); create && create->role.password) {
            out.push_back({&create->role.name, &*create->role.password});
        } else if (const auto* set = std::get_if<SetPassword>(&step.change)) {
            out.push_back({&set->role, &set->source});
        }
    }
    return out;
}

const char* value_of(const std::string& variable) {
    const char* value = std::getenv(variable.c_str());
    return value && *value ? value : nullptr;
}

}  // namespace

std::vector<std::string> missing_password_variables(const Plan& plan) {
    std::vector<std::string> out;
    for (const auto& step : password_steps(plan)) {
        if (step.source->env && !value_of(*step.source->env)) out.push_back(*step.source->env);
    }
    return out;
}

std::map<std::string, std::string> resolve_secrets(const Plan& plan, catalog::Connection& conn) {
    if (auto missing = missing_password_variables(plan); !missing.empty()) {
        std::string names;
        for (const auto& name : missing) names += (names.empty() ? "$" : ", $") + name;
        throw MissingSecret("the plan sets passwords from environment variables that are not set (or empty): " + names +
                            "; nothing was changed");
    }
    std::map<std::string, std::string> out;
    for (const auto& step : password_steps(plan)) {
        if (!step.source->env) continue;  // a verifier is sent as the plan shows it
        auto shown = render_detail::password_statement(*step.role, *step.source);
        auto verifier = conn.encrypt_password(value_of(*step.source->env), *step.role);
        out[shown] = "ALTER ROLE " + sql::ident(*step.role) + " PASSWORD " + sql::literal(verifier);
    }
    return out;
}

}  // namespace reconcile::engine
