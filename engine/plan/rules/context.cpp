#include "engine/diff/mentions.hpp"
#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

PlanContext::PlanContext(const std::vector<Change>& changes) {
    for (const Change& change : changes) {
        if (const auto* add = std::get_if<AddColumn>(&change)) {
            reshaped_columns[add->table].push_back(add->column.name);
        } else if (const auto* drop = std::get_if<DropColumn>(&change)) {
            reshaped_columns[drop->table].push_back(drop->column.name);
        } else if (const auto* alter = std::get_if<AlterColumn>(&change);
                   alter && alter->what == ColumnAttribute::type) {
            reshaped_columns[alter->table].push_back(alter->to.name);
        } else if (const auto* dropped = std::get_if<DropConstraint>(&change)) {
            dropped_constraints.insert(dropped->object());
        } else if (const auto* table = std::get_if<CreateTable>(&change)) {
            created_tables.insert(table->table.name);
        } else if (const auto* view = std::get_if<CreateView>(&change)) {
            created_views.insert(view->view.id());
        } else if (const auto* create = std::get_if<CreateFunction>(&change)) {
            routines.insert(create->function.name);
        } else if (const auto* replace = std::get_if<ReplaceFunction>(&change)) {
            routines.insert(replace->to.name);
        } else if (const auto* drop = std::get_if<DropFunction>(&change)) {
            routines.insert(drop->function.name);
        } else if (const auto* aggregate = std::get_if<CreateAggregate>(&change)) {
            routines.insert(aggregate->aggregate.name);
        } else if (const auto* replaced = std::get_if<ReplaceAggregate>(&change)) {
            routines.insert(replaced->to.name);
        } else if (const auto* dropped_aggregate = std::get_if<DropAggregate>(&change)) {
            routines.insert(dropped_aggregate->aggregate.name);
        }
    }
}

namespace {

template <typename Object>
std::vector<ObjectId> mentioned(const std::map<QualifiedName, std::vector<std::string>>& reshaped,
                                const QualifiedName& table, const Object& object) {
    std::vector<ObjectId> out;
    auto it = reshaped.find(table);
    if (it == reshaped.end()) return out;
    for (const auto& column : it->second) {
        if (mentions_column(object, column)) out.push_back(catalog::column_id(table, column));
    }
    return out;
}

}  // namespace

std::vector<ObjectId> PlanContext::functions_called(const std::string& text, const QualifiedName& self) const {
    std::vector<ObjectId> out;
    for (const auto& routine : routines) {
        if (routine == self) continue;
        if (text.find(routine.name + "(") != std::string::npos ||
            text.find("\"" + routine.name + "\"(") != std::string::npos) {
            out.push_back(any_overload(routine));
        }
    }
    return out;
}

std::vector<ObjectId> PlanContext::mentioned_columns(const QualifiedName& table, const Constraint& constraint) const {
    return mentioned(reshaped_columns, table, constraint);
}

std::vector<ObjectId> PlanContext::mentioned_columns(const QualifiedName& table, const Index& index) const {
    return mentioned(reshaped_columns, table, index);
}

std::vector<ObjectId> PlanContext::mentioned_columns(const QualifiedName& table, const Policy& policy) const {
    return mentioned(reshaped_columns, table, policy);
}

std::vector<ObjectId> PlanContext::mentioned_tables(const std::string& expression) const {
    std::vector<ObjectId> out;
    for (const auto& table : created_tables) {
        if (expression_mentions(expression, table.name)) out.push_back(catalog::table_id(table));
    }
    return out;
}

}  // namespace reconcile::engine::plan_detail
