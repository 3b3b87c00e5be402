// Standalone sequences (and owned ones that serial would not create; see
// catalog/introspect/sequences.cpp). Their value is data: never compared.
#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

namespace {

ObjectId sequence_ref(const QualifiedName& name) {
    return catalog::object_id(ObjectKind::sequence, name);
}

}  // namespace

void diff_sequences(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options,
                    DiffResult& out) {
    merge_by_key(
        have.sequences, want.sequences, [](const Sequence& s) -> const QualifiedName& { return s.name; },
        [&](const Sequence& h) {
            if (options.prune == Prune::no) {
                out.not_in_manifests.push_back(sequence_ref(h.name));
                return;
            }
            // DROP TABLE and DROP COLUMN take the sequences they own along.
            if (h.owned_by) {
                const auto* table = want.find_table(h.owned_by->table);
                if (!table || !table->find_column(h.owned_by->column)) return;
            }
            out.changes.push_back(DropSequence{h});
        },
        [&](const Sequence& w) {
            Sequence created = without_comment(w);
            created.owned_by.reset();
            out.changes.push_back(CreateSequence{created});
            if (w.owned_by) out.changes.push_back(SetSequenceOwner{w.name, std::nullopt, w.owned_by});
            comment_new(out, sequence_ref(w.name), w.comment);
        },
        [&](const Sequence& h, const Sequence& w) {
            if (h.options != w.options) out.changes.push_back(AlterSequence{w.name, h.options, w.options});
            if (h.owned_by != w.owned_by) out.changes.push_back(SetSequenceOwner{w.name, h.owned_by, w.owned_by});
            diff_comment(out, sequence_ref(w.name), h.comment, w.comment);
        });
}

}  // namespace reconcile::engine::diff_detail
