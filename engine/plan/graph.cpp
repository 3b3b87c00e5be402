#include <algorithm>
#include <functional>
#include <queue>

#include "engine/plan/plan_internal.hpp"

namespace reconcile::engine::plan_detail {

namespace {

// Nodes left over by Kahn's algorithm all have a predecessor among the
// leftovers, so walking predecessors from any of them must revisit a node;
// the walk from that node's first visit on is a cycle.
std::vector<std::size_t> find_cycle(const Graph& graph, const std::vector<bool>& done) {
    std::vector<std::vector<std::size_t>> predecessors(graph.size());
    for (std::size_t from = 0; from < graph.size(); ++from) {
        if (done[from]) continue;
        for (std::size_t to : graph.successors[from]) {
            if (!done[to]) predecessors[to].push_back(from);
        }
    }
    for (auto& list : predecessors) std::sort(list.begin(), list.end());
    std::size_t start = 0;
    while (done[start]) ++start;
    std::vector<std::size_t> walk;
    std::vector<std::size_t> seen_at(graph.size(), graph.size());
    std::size_t node = start;
    while (seen_at[node] == graph.size()) {
        seen_at[node] = walk.size();
        walk.push_back(node);
        node = predecessors[node].front();
    }
    // walk follows edges backwards; reverse it to read in execution order.
    std::vector<std::size_t> cycle(walk.begin() + static_cast<std::ptrdiff_t>(seen_at[node]), walk.end());
    std::reverse(cycle.begin(), cycle.end());
    return cycle;
}

}  // namespace

std::vector<std::size_t> topological_order(const Graph& graph, const std::vector<std::size_t>& rank,
                                           std::vector<std::size_t>& cycle) {
    std::vector<std::size_t> in_degree = graph.in_degree;
    auto later = [&](std::size_t a, std::size_t b) { return rank[a] > rank[b]; };
    std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(later)> ready(later);
    for (std::size_t node = 0; node < graph.size(); ++node) {
        if (in_degree[node] == 0) ready.push(node);
    }
    std::vector<std::size_t> order;
    order.reserve(graph.size());
    std::vector<bool> done(graph.size(), false);
    while (!ready.empty()) {
        std::size_t node = ready.top();
        ready.pop();
        order.push_back(node);
        done[node] = true;
        for (std::size_t next : graph.successors[node]) {
            if (--in_degree[next] == 0) ready.push(next);
        }
    }
    cycle.clear();
    if (order.size() != graph.size()) cycle = find_cycle(graph, done);
    return order;
}

}  // namespace reconcile::engine::plan_detail
