// Tables, indexes and the indexes behind primary keys and unique constraints
// are all relations, and PostgreSQL wants relation names unique per schema:
// a name moving from one of them to another (an index renamed onto another
// table, a key replacing an index of the same name) is dropped first.
#include <map>

#include "engine/plan/rules/repairs.hpp"

namespace reconcile::engine::plan_detail {

namespace {

bool owns_index(const Constraint& c) {
    return c.kind == catalog::ConstraintKind::primary_key || c.kind == catalog::ConstraintKind::unique;
}

}  // namespace

void relation_names_are_shared(const std::vector<Change>& changes, Graph& graph) {
    using RelationName = std::pair<std::string, std::string>;  // schema, name
    std::map<RelationName, std::vector<std::size_t>> created, dropped;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        std::visit(overloaded{
                       [&](const CreateTable& c) {
                           created[{c.table.name.schema, c.table.name.name}].push_back(i);
                       },
                       [&](const DropTable& c) {
                           dropped[{c.table.name.schema, c.table.name.name}].push_back(i);
                       },
                       [&](const AddConstraint& c) {
                           if (owns_index(c.constraint)) created[{c.table.schema, c.constraint.name}].push_back(i);
                       },
                       [&](const DropConstraint& c) {
                           if (owns_index(c.constraint)) dropped[{c.table.schema, c.constraint.name}].push_back(i);
                       },
                       [&](const CreateIndex& c) {
                           created[{c.table.schema, c.index.name}].push_back(i);
                       },
                       [&](const DropIndex& c) {
                           dropped[{c.table.schema, c.index.name}].push_back(i);
                       },
                       [](const auto&) {},
                   },
                   changes[i]);
    }
    for (const auto& [name, drops] : dropped) {
        auto it = created.find(name);
        if (it == created.end()) continue;
        for (std::size_t drop : drops) {
            for (std::size_t create : it->second) graph.add_edge(drop, create);
        }
    }
}

}  // namespace reconcile::engine::plan_detail
