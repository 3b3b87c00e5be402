// Aggregates. CREATE OR REPLACE AGGREGATE keeps the aggregate (its oid,
// grants, the views that call it) but PostgreSQL refuses it when the
// argument names or the result type change; the result is the final
// function's, or the state type without one. Those are a drop and a create,
// and the views that call the aggregate are re-created with it.
#include <algorithm>

#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

namespace {

using catalog::Aggregate;

// Conservative: the same final function over the same state type returns
// the same type.
bool replaceable(const Aggregate& have, const Aggregate& want) {
    const auto final_of = [](const Aggregate& a) { return a.final ? std::optional(a.final->function) : std::nullopt; };
    return have.arguments == want.arguments && have.kind == want.kind &&
           have.direct_arguments == want.direct_arguments && have.state_type == want.state_type &&
           final_of(have) == final_of(want);
}

// Functions this diff drops (also to create them again). PostgreSQL refuses
// to drop a function an aggregate uses, so the aggregate goes first and is
// created again after it.
std::set<QualifiedName> dropped_functions(const DiffResult& out) {
    std::set<QualifiedName> dropped;
    for (const Change& change : out.changes) {
        if (const auto* drop = std::get_if<DropFunction>(&change)) dropped.insert(drop->function.name);
    }
    return dropped;
}

bool uses_any(const Aggregate& aggregate, const std::set<QualifiedName>& dropped) {
    const auto used = aggregate.support_functions();
    return std::any_of(used.begin(), used.end(), [&](const QualifiedName& f) { return dropped.count(f) > 0; });
}

void create_aggregate(const Aggregate& want, DiffResult& out) {
    out.changes.push_back(CreateAggregate{without_comment(want)});
    comment_new(out, want.id(), want.comment);
}

}  // namespace

void diff_aggregates(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options,
                     DiffResult& out) {
    const auto dropped = dropped_functions(out);
    merge_by_key(
        have.aggregates, want.aggregates, [](const Aggregate& a) { return a.id(); },
        [&](const Aggregate& h) {
            if (options.prune == Prune::yes) {
                out.changes.push_back(DropAggregate{h});
            } else {
                out.not_in_manifests.push_back(h.id());
            }
        },
        [&](const Aggregate& w) { create_aggregate(w, out); },
        [&](const Aggregate& h, const Aggregate& w) {
            const bool same = without_comment(h) == without_comment(w);
            if (uses_any(h, dropped) || (!same && !replaceable(h, w))) {
                // DROP AGGREGATE takes the comment and the grants with it.
                out.changes.push_back(DropAggregate{h});
                create_aggregate(w, out);
                out.recreated.insert(w.id());
            } else if (same) {
                diff_comment(out, w.id(), h.comment, w.comment);
            } else {
                out.changes.push_back(ReplaceAggregate{h, without_comment(w)});
                diff_comment(out, w.id(), h.comment, w.comment);
            }
        });
}

}  // namespace reconcile::engine::diff_detail
