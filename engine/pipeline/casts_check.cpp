#include "engine/pipeline/casts_check.hpp"

#include <fmt/format.h>

#include <set>

#include "catalog/introspect/casts.hpp"
#include "catalog/model/identifier.hpp"
#include "catalog/model/object_id.hpp"
#include "catalog/model/type_text.hpp"

namespace reconcile::engine {

namespace {

// Enums the plan creates do not exist when the question is asked.
catalog::NewTarget new_target(const std::string& type, const std::set<QualifiedName>& created) {
    auto named = catalog::named_type(type);
    if (!named || !created.count(*named)) return catalog::NewTarget::no;
    bool array = catalog::split_array_bounds(type).second > 0;
    return array ? catalog::NewTarget::enum_array : catalog::NewTarget::enum_type;
}

}  // namespace

std::string missing_casts(const Plan& plan, catalog::Connection& target) {
    std::set<QualifiedName> created;
    for (const auto& step : plan.steps) {
        if (auto* c = std::get_if<CreateEnum>(&step.change)) created.insert(c->type.name);
    }
    std::vector<const AlterColumn*> changes;
    std::vector<catalog::CastQuestion> questions;
    for (const auto& step : plan.steps) {
        auto* c = std::get_if<AlterColumn>(&step.change);
        // `using` replaces the cast, so there is nothing to ask.
        if (!c || c->what != ColumnAttribute::type || c->from.type == c->to.type || c->to.using_expr) continue;
        changes.push_back(c);
        questions.push_back({c->from.type, c->to.type, new_target(c->to.type, created)});
    }
    if (questions.empty()) return "";
    auto verdicts = catalog::read_cast_verdicts(target, questions);

    std::string missing;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        if (verdicts[i] != catalog::CastVerdict::missing) continue;
        const AlterColumn& c = *changes[i];
        missing += fmt::format("\n  column {}: {} -> {}", catalog::display(catalog::column_id(c.table, c.to.name)),
                               c.from.type, c.to.type);
    }
    if (missing.empty()) return "";
    return "PostgreSQL has no cast between the old and new type of these columns (\"cannot cast type ...\"):" +
           missing +
           "\nGive each such column a \"using\" expression in its manifest that computes the new value from the old "
           "one (for example \"using\": \"to_timestamp(created_at)\").";
}

}  // namespace reconcile::engine
