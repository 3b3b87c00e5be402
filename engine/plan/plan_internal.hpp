#pragma once
// Private to engine/plan: the dependency graph, the dependency rules, type
// facts and the hazard table.
#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "catalog/model/identifier.hpp"
#include "engine/plan/planner.hpp"

namespace reconcile::engine::plan_detail {

// A directed graph over change indexes; an edge a -> b means a runs first.
struct Graph {
    explicit Graph(std::size_t nodes) : successors(nodes), in_degree(nodes, 0) {}
    void add_edge(std::size_t before, std::size_t after) {
        if (before == after) return;
        successors[before].push_back(after);
        ++in_degree[after];
    }
    std::size_t size() const { return successors.size(); }

    std::vector<std::vector<std::size_t>> successors;
    std::vector<std::size_t> in_degree;
};

// Kahn's algorithm; among the nodes that are ready, the lowest rank goes
// first, so the order is a pure function of the graph and the ranks.
// Returns every node, or, when a cycle prevents that, the nodes of one
// cycle in order (first == last is not repeated) through `cycle`.
std::vector<std::size_t> topological_order(const Graph& graph, const std::vector<std::size_t>& rank,
                                           std::vector<std::size_t>& cycle);

// Adds an edge for every real dependency between the changes: the kinds'
// dependencies as data, then the named repairs (graph_builder.cpp).
void add_dependencies(const std::vector<Change>& changes, Graph& graph);

// Where an ALTER COLUMN runs among the others on the same column (lower
// first): drop identity, drop NOT NULL, drop default, type or collation, set
// default, set NOT NULL, add or change identity. See
// rules/staged_column_alterations.cpp.
int alter_stage(const AlterColumn& change);

using catalog::named_type;

// How a column type change treats existing values.
struct TypeChange {
    bool widening = false;  // every old value converts without loss
    bool rewrite = true;    // PostgreSQL rewrites the table (and its indexes)
};
TypeChange classify_type_change(const std::string& from, const std::string& to, bool has_using);

struct HazardContext {
    std::set<QualifiedName> created_tables;                         // CreateTable and CreateView in this plan
    std::set<std::pair<QualifiedName, std::string>> added_columns;  // AddColumn in this plan
    // Objects this plan brings into being: created or added, and not
    // dropped first (a view or function created again stands on data it
    // already served).
    std::set<ObjectId> new_objects;

    // Whether the target (or, for a column, its table) is one of those.
    bool is_new(const ObjectId& target) const;
};
std::vector<Hazard> hazards_of(const Change& change, const HazardContext& context);
// A primary key, unique or exclusion constraint owns an index; dropping it
// drops that (INDEX_DROPPED).
bool backed_by_index(const Constraint& constraint);
// Why apply refuses the change without --allow-destructive, if it does.
std::optional<std::string> refusal_of(const Change& change, const HazardContext& context);

// --online: on tables that exist before the plan, CREATE/DROP INDEX become
// CONCURRENTLY steps of their own and checks and foreign keys are added NOT
// VALID, then validated in a transaction of their own; the rewritten steps
// move after the transactional part (online.cpp). Hazards are rewritten to
// match.
void run_online(Plan& plan);

// "add_constraint public.t.fk" for cycle reports.
std::string describe_node(const Change& change);

}  // namespace reconcile::engine::plan_detail
