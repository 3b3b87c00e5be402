// Extensions: created, dropped (with --prune), moved to another schema or
// updated to the pinned version. A manifest without a version accepts
// whatever version is installed, and one without a comment whatever
// comment it has.
#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

void diff_extensions(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options,
                     DiffResult& out) {
    merge_by_key(
        have.extensions, want.extensions, [](const Extension& e) -> const std::string& { return e.name; },
        [&](const Extension& h) {
            if (options.prune == Prune::yes) {
                out.changes.push_back(DropExtension{h});
            } else {
                out.not_in_manifests.push_back(catalog::extension_id(h.name));
            }
        },
        [&](const Extension& w) {
            out.changes.push_back(CreateExtension{without_comment(w)});
            comment_new(out, catalog::extension_id(w.name), w.comment);
        },
        [&](const Extension& h, const Extension& w) {
            Extension to = without_comment(w);
            if (!to.version) to.version = h.version;
            Extension from = without_comment(h);
            if (from != to) out.changes.push_back(AlterExtension{from, to});
            // CREATE EXTENSION sets the comment of its control file, which the
            // reader leaves out; a manifest without a comment accepts it.
            if (w.comment) diff_comment(out, catalog::extension_id(w.name), h.comment, w.comment);
        });
}

}  // namespace reconcile::engine::diff_detail
