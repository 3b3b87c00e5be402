// The one generic dependency builder: each change says, as data, what it
// creates, drops, needs and releases (rules/<kind>.cpp); this connects needs
// to creators and orders drops after the last use, then runs the named
// repairs (rules/repairs.hpp).
#include <algorithm>
#include <map>

#include "engine/plan/rules/repairs.hpp"
#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

namespace {

using Nodes = std::vector<std::size_t>;

bool contains(const std::vector<ObjectId>& ids, const ObjectId& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Every change needs its schema, and a change to a table or one of its
// members needs the table, unless the change is what creates or drops it.
void add_container_needs(const ObjectId& object, Dependencies& deps) {
    auto need = [&](ObjectId id) {
        if (!contains(deps.creates, id) && !contains(deps.drops, id)) deps.needs.push_back(std::move(id));
    };
    if (object.kind != ObjectKind::schema && !object.containing_schema().empty()) {
        need(catalog::schema_id(object.containing_schema()));
    }
    bool on_table = object.kind == ObjectKind::table || object.kind == ObjectKind::column ||
                    object.kind == ObjectKind::constraint || object.kind == ObjectKind::index ||
                    object.kind == ObjectKind::policy;
    if (on_table) need(catalog::table_id(object.qualified()));
}

void edges_from(Graph& graph, const std::map<ObjectId, Nodes>& map, const ObjectId& id, std::size_t to) {
    if (auto it = map.find(id); it != map.end()) {
        for (std::size_t from : it->second) graph.add_edge(from, to);
    }
}

void edges_to(Graph& graph, std::size_t from, const std::map<ObjectId, Nodes>& map, const ObjectId& id) {
    if (auto it = map.find(id); it != map.end()) {
        for (std::size_t to : it->second) graph.add_edge(from, to);
    }
}

}  // namespace

void add_dependencies(const std::vector<Change>& changes, Graph& graph) {
    PlanContext context(changes);
    std::vector<Dependencies> deps;
    deps.reserve(changes.size());
    std::map<ObjectId, Nodes> creators, droppers;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        Dependencies d = std::visit([&](const auto& c) { return dependencies_of(c, context); }, changes[i]);
        add_container_needs(object_of(changes[i]), d);
        for (const auto& id : d.creates) creators[id].push_back(i);
        for (const auto& id : d.drops) droppers[id].push_back(i);
        deps.push_back(std::move(d));
    }
    // An object dropped and created again (same name, new definition): the
    // old one goes first.
    for (const auto& [id, dropping] : droppers) {
        for (std::size_t drop : dropping) edges_to(graph, drop, creators, id);
    }
    for (std::size_t i = 0; i < changes.size(); ++i) {
        for (const auto& id : deps[i].needs) {
            edges_from(graph, creators, id, i);
            // Something that ends up dropped is used before it goes.
            if (!creators.count(id)) edges_to(graph, i, droppers, id);
        }
        for (const auto& id : deps[i].releases) {
            // A change that needs the object in its new shape cannot also
            // run before it is dropped; the need wins.
            if (!contains(deps[i].needs, id)) edges_to(graph, i, droppers, id);
        }
    }
    for (Repair repair : repairs()) repair(changes, graph);
}

}  // namespace reconcile::engine::plan_detail
