#include "engine/pipeline/pipeline.hpp"

#include <algorithm>

#include "catalog/introspect/introspector.hpp"
#include "engine/canonicalize/canonicalizer.hpp"
#include "engine/pipeline/feasibility.hpp"
#include "engine/pipeline/server_features.hpp"
#include "engine/render/render.hpp"

namespace reconcile::engine {

namespace {

// Foreign keys to tables outside the claimed schemas (a platform's
// auth.users) cannot be checked offline; check them against the database
// before planning, so a typo is a manifest error, not a failed apply.
void check_external_references(const desired_state::Manifests& manifests, catalog::Connection& target) {
    const auto& model = manifests.model;
    auto external = desired_state::external_references(model);
    if (external.empty()) return;
    std::vector<QualifiedName> tables;
    for (const auto& [table, columns] : external) tables.push_back(table);
    auto existing = catalog::read_table_columns(target, tables);

    std::vector<desired_state::Diagnostic> problems;
    for (const auto& table : model.tables) {
        for (const auto& constraint : table.constraints) {
            if (!constraint.references || model.find_schema(constraint.references->table.schema)) continue;
            const auto& ref = *constraint.references;
            auto source = manifests.sources.find(desired_state::source_key_constraint(table.name, constraint.name));
            desired_state::SourceLocation where =
                source != manifests.sources.end() ? source->second : desired_state::SourceLocation{};
            auto found = existing.find(ref.table);
            if (found == existing.end()) {
                problems.push_back({where,
                                    "foreign key " + constraint.name + " references table " +
                                        catalog::display(ref.table) + ", which does not exist in the database",
                                    ""});
                continue;
            }
            for (const auto& column : ref.columns) {
                if (std::find(found->second.begin(), found->second.end(), column) == found->second.end()) {
                    problems.push_back({where,
                                        "foreign key " + constraint.name + " references column " + column +
                                            ", which table " + catalog::display(ref.table) + " does not have",
                                        ""});
                }
            }
        }
    }
    if (!problems.empty()) throw desired_state::ManifestError(std::move(problems));
}

std::vector<std::string> claimed_schemas(const catalog::Model& model) {
    std::vector<std::string> out;
    for (const auto& schema : model.schemas) out.push_back(schema.name);
    return out;
}

}  // namespace

LiveState read_live(catalog::Connection& target, std::vector<std::string> schemas) {
    LiveState live{std::move(schemas), {}};
    live.model = catalog::introspect(target, live.schemas);
    return live;
}

PlanResult plan_database(desired_state::Manifests manifests, catalog::Connection& target, catalog::Connection& scratch,
                         const PlanRequest& request) {
    auto schemas = claimed_schemas(manifests.model);
    auto live = read_live(target, std::move(schemas));
    return plan_database(std::move(manifests), std::move(live), target, scratch, request);
}

PlanResult plan_database(desired_state::Manifests manifests, LiveState live, catalog::Connection& target,
                         catalog::Connection& scratch, const PlanRequest& request) {
    PlanResult result;
    auto schemas = claimed_schemas(manifests.model);
    result.have = live.schemas == schemas ? std::move(live.model) : catalog::introspect(target, schemas);
    check_external_references(manifests, target);
    // Before canonicalizing: a scratch server without the feature would only
    // report a syntax error.
    check_server_features(manifests, target.server_version(), "target database");
    if (&scratch != &target) check_server_features(manifests, scratch.server_version(), "dev database");
    result.want = canonicalize(std::move(manifests), result.have, scratch);

    auto changes = diff(result.have, result.want, request.diff);
    result.plan = make_plan(std::move(changes), request.plan);
    if (request.feasibility == Feasibility::check) check_feasible(result.plan, schemas, target);
    result.plan.not_managed = result.have.unmanaged;
    render_plan(result.plan);
    return result;
}

}  // namespace reconcile::engine
