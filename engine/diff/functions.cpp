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

// Whether a SQL body calls the function by name, as the planner reads
// calls (PlanContext::functions_called): textual, so it may over-match.
bool calls(const Function& caller, const QualifiedName& callee) {
    return caller.name != callee && (caller.body.find(callee.name + "(") != std::string::npos ||
                                     caller.body.find("\"" + callee.name + "\"(") != std::string::npos);
}

// SQL functions this diff creates or replaces that reach themselves through
// the calls of their bodies: the planner orders a SQL body after the
// functions it calls, which a cycle makes impossible, so those go unchecked.
void mark_call_cycles(DiffResult& out) {
    std::vector<std::pair<const Function*, bool*>> sql;
    for (Change& change : out.changes) {
        if (auto* c = std::get_if<CreateFunction>(&change); c && c->function.language == "sql") {
            sql.emplace_back(&c->function, &c->unchecked_body);
        } else if (auto* r = std::get_if<ReplaceFunction>(&change); r && r->to.language == "sql") {
            sql.emplace_back(&r->to, &r->unchecked_body);
        }
    }
    for (std::size_t start = 0; start < sql.size(); ++start) {
        std::vector<bool> seen(sql.size(), false);
        std::vector<std::size_t> pending{start};
        while (!pending.empty() && !*sql[start].second) {
            std::size_t at = pending.back();
            pending.pop_back();
            for (std::size_t next = 0; next < sql.size(); ++next) {
                if (!calls(*sql[at].first, sql[next].first->name)) continue;
                if (next == start) *sql[start].second = true;
                if (!seen[next]) {
                    seen[next] = true;
                    pending.push_back(next);
                }
            }
        }
    }
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
    mark_call_cycles(out);
}

}  // namespace reconcile::engine::diff_detail
