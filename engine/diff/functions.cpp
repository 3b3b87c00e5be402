#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

namespace {

// CREATE OR REPLACE keeps the function (its oid, grants, what depends on
// it) but PostgreSQL refuses it when the result type changes, when an
// input argument is renamed or changes mode, or when a default is removed:
// those need DROP and CREATE.
bool replaceable(const Function& have, const Function& want) {
    if (have.returns != want.returns || have.arguments.size() != want.arguments.size()) return false;
    for (std::size_t i = 0; i < have.arguments.size(); ++i) {
        const auto& h = have.arguments[i];
        const auto& w = want.arguments[i];
        if (h.mode != w.mode || h.name != w.name) return false;
        if (h.default_expr && !w.default_expr) return false;
    }
    return true;
}

void create_function(const Function& want, DiffResult& out) {
    out.changes.push_back(CreateFunction{without_comment(want)});
    comment_new(out, want.id(), want.comment);
}

}  // namespace

void diff_functions(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options,
                    DiffResult& out) {
    merge_by_key(
        have.functions, want.functions, [](const Function& f) { return f.id(); },
        [&](const Function& h) {
            if (options.prune == Prune::yes) {
                out.changes.push_back(DropFunction{h});
            } else {
                out.not_in_manifests.push_back(h.id());
            }
        },
        [&](const Function& w) { create_function(w, out); },
        [&](const Function& h, const Function& w) {
            if (without_comment(h) == without_comment(w)) {
                diff_comment(out, w.id(), h.comment, w.comment);
            } else if (replaceable(h, w)) {
                out.changes.push_back(ReplaceFunction{h, without_comment(w)});
                diff_comment(out, w.id(), h.comment, w.comment);
            } else {
                out.changes.push_back(DropFunction{h});
                // DROP FUNCTION takes the comment (and the grants) with it.
                create_function(w, out);
                out.recreated.insert(w.id());
            }
        });
}

}  // namespace reconcile::engine::diff_detail
