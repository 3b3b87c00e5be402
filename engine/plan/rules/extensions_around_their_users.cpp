// What an extension installs (types, operators, operator classes,
// functions) is not in the model, so no change can say it needs, say,
// btree_gist's gist_int4_ops. Every change other than a schema's or an
// extension's own therefore runs after the extensions this plan creates or
// updates, and before the ones it drops (DROP EXTENSION without CASCADE
// fails while a column or index still uses them).
#include "engine/plan/rules/repairs.hpp"

namespace reconcile::engine::plan_detail {

void extensions_around_their_users(const std::vector<Change>& changes, Graph& graph) {
    std::vector<std::size_t> installed, removed;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        if (std::holds_alternative<CreateExtension>(changes[i]) || std::holds_alternative<AlterExtension>(changes[i])) {
            installed.push_back(i);
        } else if (std::holds_alternative<DropExtension>(changes[i])) {
            removed.push_back(i);
        }
    }
    if (installed.empty() && removed.empty()) return;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        auto kind = object_of(changes[i]).kind;
        if (kind == ObjectKind::schema || kind == ObjectKind::extension) continue;
        for (std::size_t extension : installed) graph.add_edge(extension, i);
        for (std::size_t extension : removed) graph.add_edge(i, extension);
    }
}

}  // namespace reconcile::engine::plan_detail
