// Row-level security of a table: the ENABLE / FORCE flags and its policies.
#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

void diff_row_security(const Table& have, const Table& want, DiffResult& out) {
    SetRowSecurity change{want.name, std::nullopt, std::nullopt};
    if (have.row_security != want.row_security) change.enabled = want.row_security;
    if (have.force_row_security != want.force_row_security) change.forced = want.force_row_security;
    if (change.enabled || change.forced) out.changes.push_back(std::move(change));
}

// ALTER POLICY can change the roles and both expressions, so only a
// different command or PERMISSIVE / RESTRICTIVE needs a drop and a create.
void diff_policies(const Table& have, const Table& want, DiffResult& out) {
    auto ref = [&](const Policy& p) { return member_ref(ObjectKind::policy, want.name, p.name); };
    merge_by_key(
        have.policies, want.policies, [](const Policy& p) -> const std::string& { return p.name; },
        [&](const Policy& h) {
            out.changes.push_back(DropPolicy{have.name, h});
        },
        [&](const Policy& w) {
            out.changes.push_back(CreatePolicy{want.name, without_comment(w)});
            comment_new(out, ref(w), w.comment);
        },
        [&](const Policy& h, const Policy& w) {
            if (h.command != w.command || h.permissive != w.permissive) {
                out.changes.push_back(DropPolicy{have.name, h});
                out.changes.push_back(CreatePolicy{want.name, without_comment(w)});
                comment_new(out, ref(w), w.comment);
                return;
            }
            if (!(without_comment(h) == without_comment(w))) {
                out.changes.push_back(AlterPolicy{want.name, without_comment(h), without_comment(w)});
            }
            diff_comment(out, ref(w), h.comment, w.comment);
        });
}

void create_row_security(const Table& want, DiffResult& out) {
    Table none;
    diff_row_security(none, want, out);
    for (const Policy& policy : want.policies) {
        out.changes.push_back(CreatePolicy{want.name, without_comment(policy)});
        comment_new(out, member_ref(ObjectKind::policy, want.name, policy.name), policy.comment);
    }
}

}  // namespace reconcile::engine::diff_detail
