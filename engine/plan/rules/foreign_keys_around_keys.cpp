// A foreign key binds to a unique key of the referenced table when it is
// added, and then holds that key: PostgreSQL refuses to drop the key (or
// its table or columns) while the foreign key exists.
#include <map>
#include <set>

#include "catalog/model/referenceable_key.hpp"
#include "engine/plan/rules/repairs.hpp"

namespace reconcile::engine::plan_detail {

namespace {

using catalog::KeyColumnSet;
using KeyChanges = std::map<QualifiedName, std::vector<std::pair<KeyColumnSet, std::size_t>>>;

struct Keys {
    KeyChanges makers;    // a referenceable key exists after the change
    KeyChanges breakers;  // a referenceable key is gone after the change
};

template <typename Object>
void note(KeyChanges& map, const QualifiedName& table, const Object& object, std::size_t node) {
    if (auto key = catalog::referenceable_key(object)) map[table].push_back({*key, node});
}

Keys key_changes(const std::vector<Change>& changes) {
    Keys keys;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        std::visit(overloaded{
                       [&](const CreateTable& c) {
                           for (const auto& k : c.table.constraints) note(keys.makers, c.table.name, k, i);
                       },
                       [&](const AddConstraint& c) { note(keys.makers, c.table, c.constraint, i); },
                       [&](const DropConstraint& c) { note(keys.breakers, c.table, c.constraint, i); },
                       [&](const ReplaceConstraint& c) {
                           note(keys.breakers, c.table, c.from, i);
                           note(keys.makers, c.table, c.to, i);
                       },
                       [&](const CreateIndex& c) { note(keys.makers, c.table, c.index, i); },
                       [&](const DropIndex& c) { note(keys.breakers, c.table, c.index, i); },
                       [&](const ReplaceIndex& c) {
                           note(keys.breakers, c.table, c.from, i);
                           note(keys.makers, c.table, c.to, i);
                       },
                       [](const auto&) {},
                   },
                   changes[i]);
    }
    return keys;
}

template <typename Visit>
void for_matching(const KeyChanges& map, const catalog::ForeignKey& fk, Visit visit) {
    auto it = map.find(fk.table);
    if (it == map.end()) return;
    KeyColumnSet wanted = catalog::key_column_set(fk.columns);
    for (const auto& [columns, node] : it->second) {
        if (columns == wanted) visit(node);
    }
}

}  // namespace

void foreign_keys_around_keys(const std::vector<Change>& changes, Graph& graph) {
    Keys keys = key_changes(changes);
    std::map<ObjectId, std::vector<std::size_t>> alters;  // every ALTER COLUMN of a column
    std::set<ObjectId> dropped_constraints;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        if (const auto* alter = std::get_if<AlterColumn>(&changes[i])) alters[alter->object()].push_back(i);
        if (const auto* drop = std::get_if<DropConstraint>(&changes[i])) dropped_constraints.insert(drop->object());
    }

    // Added after the key it points at and after its referenced columns
    // have their final definition. It binds to the first unique index on
    // its columns it finds; while an old key that is about to go still
    // exists it may be that one, and then the old key could not be dropped,
    // so the old key goes first.
    auto added = [&](std::size_t node, const catalog::ForeignKey& fk) {
        for (const auto& column : fk.columns) {
            if (auto it = alters.find(catalog::column_id(fk.table, column)); it != alters.end()) {
                for (std::size_t alter : it->second) graph.add_edge(alter, node);
            }
        }
        for_matching(keys.makers, fk, [&](std::size_t maker) { graph.add_edge(maker, node); });
        for_matching(keys.breakers, fk, [&](std::size_t breaker) { graph.add_edge(breaker, node); });
    };
    // Dropped before the key it points at.
    auto dropped = [&](std::size_t node, const catalog::ForeignKey& fk) {
        for_matching(keys.breakers, fk, [&](std::size_t breaker) { graph.add_edge(node, breaker); });
    };

    for (std::size_t i = 0; i < changes.size(); ++i) {
        std::visit(overloaded{
                       [&](const AddConstraint& c) {
                           if (c.constraint.references) added(i, *c.constraint.references);
                       },
                       [&](const DropConstraint& c) {
                           if (c.constraint.references) dropped(i, *c.constraint.references);
                       },
                       [&](const ReplaceConstraint& c) {
                           if (c.from.references) dropped(i, *c.from.references);
                           if (c.to.references) added(i, *c.to.references);
                       },
                       [&](const DropTable& c) {
                           // Keys between two dropped tables are dropped on their own.
                           for (const auto& k : c.table.constraints) {
                               if (!k.references || k.references->table == c.table.name) continue;
                               if (dropped_constraints.count(catalog::constraint_id(c.table.name, k.name))) continue;
                               dropped(i, *k.references);
                           }
                       },
                       [](const auto&) {},
                   },
                   changes[i]);
    }
}

}  // namespace reconcile::engine::plan_detail
