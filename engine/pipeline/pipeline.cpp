#include "engine/pipeline/pipeline.hpp"

#include <algorithm>

#include "catalog/introspect/introspector.hpp"
#include "engine/canonicalize/canonicalizer.hpp"
#include "engine/pipeline/extensions_check.hpp"
#include "engine/pipeline/feasibility.hpp"
#include "engine/pipeline/guards_check.hpp"
#include "engine/pipeline/table_sizes.hpp"
#include "engine/pipeline/roles_check.hpp"
#include "engine/render/render.hpp"

namespace reconcile::engine {

namespace {

std::vector<std::string> claimed_schemas(const catalog::Model& model) {
    std::vector<std::string> out;
    for (const auto& schema : model.schemas) out.push_back(schema.name);
    return out;
}

// Both models call the database the command targets database_id(""), so that
// its grants compare equal whatever it is named in each environment. GRANT
// and ALTER ROLE ... IN DATABASE must name it: the steps on it get its name
// once the diff and the rights check are done, before their SQL is written.
void name_target_database(Plan& plan, const std::string& database) {
    const auto unnamed = catalog::database_id("");
    auto name = [&](catalog::ObjectId& id) {
        if (id == unnamed) id = catalog::database_id(database);
    };
    for (auto& step : plan.steps) {
        if (auto* grant = std::get_if<GrantPrivileges>(&step.change)) name(grant->target);
        if (auto* revoke = std::get_if<RevokePrivileges>(&step.change)) name(revoke->target);
        if (auto* set = std::get_if<SetRoleSetting>(&step.change)) set->database = database;
        if (auto* reset = std::get_if<ResetRoleSetting>(&step.change)) reset->database = database;
    }
    for (auto& object : plan.not_managed) name(object.id);
}

}  // namespace

LiveState read_live(catalog::Connection& target, std::vector<std::string> schemas) {
    LiveState live{std::move(schemas), {}};
    live.model = catalog::introspect(target, live.schemas);
    return live;
}

PlanResult plan_database(catalog::Model want, catalog::Connection& target, catalog::Connection& scratch,
                         const PlanRequest& request) {
    auto schemas = claimed_schemas(want);
    auto live = read_live(target, std::move(schemas));
    return plan_database(std::move(want), std::move(live), target, scratch, request);
}

PlanResult plan_database(catalog::Model want, LiveState live, catalog::Connection& target, catalog::Connection& scratch,
                         const PlanRequest& request) {
    PlanResult result;
    auto schemas = claimed_schemas(want);
    result.have = live.schemas == schemas ? std::move(live.model) : catalog::introspect(target, schemas);
    check_extensions(want, result.have, target);
    result.want = canonicalize(std::move(want), result.have, scratch);

    check_roles(result.want, result.have, target.server_version());
    auto changes = diff(result.have, result.want, request.diff);
    result.plan = make_plan(std::move(changes), request.plan);
    allow_declared_hazards(result.plan, result.want);
    if (request.feasibility == Feasibility::check) {
        check_feasible(result.plan, schemas, target);
        check_rights(result.plan, result.have, target);
    }
    // Beside the privileges of unmanaged roles that the diff found.
    result.plan.not_managed.insert(result.plan.not_managed.end(), result.have.unmanaged.begin(),
                                   result.have.unmanaged.end());
    name_target_database(result.plan, target.database());
    render_plan(result.plan);
    if (request.feasibility == Feasibility::check) {
        answer_guards(result.plan, target, request.guard_timeout);
        estimate_table_sizes(result.plan, target);
    }
    return result;
}

}  // namespace reconcile::engine
