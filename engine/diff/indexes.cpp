#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

// Indexes match by name within their table. Apart from renames and storage
// parameters, nothing about an index can be altered, so any difference is a
// replacement (drop and create).
void diff_indexes(const Table& have, const Table& want, const RecreatedColumns& recreated, DiffResult& out) {
    auto uses_recreated = [&](const Index& i) {
        return std::any_of(recreated.begin(), recreated.end(),
                           [&](const auto& col) { return mentions_column(i, col); });
    };
    auto ref = [&](const Index& i) { return member_ref(ObjectKind::index, want.name, i.name); };
    merge_by_key(
        have.indexes, want.indexes, [](const Index& i) -> const std::string& { return i.name; },
        [&](const Index& h) {
            out.changes.push_back(DropIndex{have.name, h, false, have.partitioning.has_value()});
        },
        [&](const Index& w) {
            out.changes.push_back(CreateIndex{want.name, without_comment(w), false, want.partitioning.has_value()});
            comment_new(out, ref(w), w.comment);
        },
        [&](const Index& h, const Index& w) {
            if (uses_recreated(h)) {
                // DROP COLUMN takes the index with it; see diff_constraints.
                out.changes.push_back(DropIndex{have.name, h, false, have.partitioning.has_value()});
                out.changes.push_back(CreateIndex{want.name, without_comment(w), false, want.partitioning.has_value()});
                comment_new(out, ref(w), w.comment);
            } else if (!(without_comment(h) == without_comment(w))) {
                out.changes.push_back(ReplaceIndex{want.name, h, without_comment(w)});
                // DROP INDEX drops its comment with it.
                comment_new(out, ref(w), w.comment);
            } else {
                diff_comment(out, ref(w), h.comment, w.comment);
            }
        });
}

}  // namespace reconcile::engine::diff_detail
