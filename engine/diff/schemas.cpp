#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

namespace {

ObjectId schema_ref(const std::string& name) {
    return catalog::schema_id(name);
}

}  // namespace

// Both models hold only the schemas the manifests claim, so a schema present
// only in the live model does not arise from the readers; it is handled like
// any other object missing from the manifests.
void diff_schemas(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options, DiffResult& out) {
    merge_by_key(
        have.schemas, want.schemas, [](const Schema& s) -> const std::string& { return s.name; },
        [&](const Schema& h) {
            if (options.prune == Prune::yes) {
                out.changes.push_back(DropSchema{h});
            } else {
                out.not_in_manifests.push_back(schema_ref(h.name));
            }
        },
        [&](const Schema& w) {
            out.changes.push_back(CreateSchema{Schema{w.name, std::nullopt}});
            comment_new(out, schema_ref(w.name), w.comment);
        },
        [&](const Schema& h, const Schema& w) {
            if (!w.keep_comment) diff_comment(out, schema_ref(w.name), h.comment, w.comment);
        });
}

}  // namespace reconcile::engine::diff_detail
