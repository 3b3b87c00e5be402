#include "engine/render/render.hpp"

#include "engine/render/detail.hpp"

namespace reconcile::engine {

// Every alternative is named on purpose (no generic lambda): a new change
// kind fails to compile here until it has a renderer.
std::vector<std::string> render_sql(const Change& change) {
    using namespace render_detail;
    return std::visit(
        overloaded{
            [](const CreateSchema& c) { return sql_of(c); },      [](const DropSchema& c) { return sql_of(c); },
            [](const CreateEnum& c) { return sql_of(c); },        [](const DropEnum& c) { return sql_of(c); },
            [](const AddEnumValue& c) { return sql_of(c); },      [](const CreateTable& c) { return sql_of(c); },
            [](const DropTable& c) { return sql_of(c); },         [](const SetLogged& c) { return sql_of(c); },
            [](const SetStorage& c) { return sql_of(c); },        [](const AddColumn& c) { return sql_of(c); },
            [](const DropColumn& c) { return sql_of(c); },        [](const AlterColumn& c) { return sql_of(c); },
            [](const AddConstraint& c) { return sql_of(c); },     [](const DropConstraint& c) { return sql_of(c); },
            [](const ReplaceConstraint& c) { return sql_of(c); }, [](const CreateIndex& c) { return sql_of(c); },
            [](const DropIndex& c) { return sql_of(c); },         [](const ReplaceIndex& c) { return sql_of(c); },
            [](const SetComment& c) { return sql_of(c); },
        },
        change);
}

std::string describe(const Change& change) {
    using namespace render_detail;
    auto raw = std::visit(overloaded{
                              [](const CreateSchema& c) { return description_of(c); },
                              [](const DropSchema& c) { return description_of(c); },
                              [](const CreateEnum& c) { return description_of(c); },
                              [](const DropEnum& c) { return description_of(c); },
                              [](const AddEnumValue& c) { return description_of(c); },
                              [](const CreateTable& c) { return description_of(c); },
                              [](const DropTable& c) { return description_of(c); },
                              [](const SetLogged& c) { return description_of(c); },
                              [](const SetStorage& c) { return description_of(c); },
                              [](const AddColumn& c) { return description_of(c); },
                              [](const DropColumn& c) { return description_of(c); },
                              [](const AlterColumn& c) { return description_of(c); },
                              [](const AddConstraint& c) { return description_of(c); },
                              [](const DropConstraint& c) { return description_of(c); },
                              [](const ReplaceConstraint& c) { return description_of(c); },
                              [](const CreateIndex& c) { return description_of(c); },
                              [](const DropIndex& c) { return description_of(c); },
                              [](const ReplaceIndex& c) { return description_of(c); },
                              [](const SetComment& c) { return description_of(c); },
                          },
                          change);
    // Names and expressions are raw; a newline in one must not forge a line
    // of the plan a reviewer reads.
    return printable(raw);
}

void render_plan(Plan& plan) {
    for (auto& step : plan.steps) {
        step.description = describe(step.change);
        step.sql = render_sql(step.change);
    }
}

}  // namespace reconcile::engine
