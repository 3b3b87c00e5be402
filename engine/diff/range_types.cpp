// Range types: created and dropped. PostgreSQL cannot change a range
// type's subtype, operator class, collation or functions in place, and
// dropping the type drops every column of it.
#include <fmt/format.h>

#include "engine/diff/diff_internal.hpp"
#include "engine/plan/planner.hpp"

namespace reconcile::engine::diff_detail {

namespace {

ObjectId range_ref(const QualifiedName& name) {
    return catalog::object_id(ObjectKind::range_type, name);
}

}  // namespace

void diff_range_types(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options,
                      DiffResult& out) {
    merge_by_key(
        have.range_types, want.range_types, [](const RangeType& t) -> const QualifiedName& { return t.name; },
        [&](const RangeType& h) {
            if (options.prune == Prune::yes) {
                out.changes.push_back(DropRangeType{h});
            } else {
                out.not_in_manifests.push_back(range_ref(h.name));
            }
        },
        [&](const RangeType& w) {
            out.changes.push_back(CreateRangeType{without_comment(w)});
            comment_new(out, range_ref(w.name), w.comment);
        },
        [&](const RangeType& h, const RangeType& w) {
            if (!(without_comment(h) == without_comment(w))) {
                throw PlanError(fmt::format(
                    "range type {}: changing its subtype, operator class, collation, canonical or subtype_diff "
                    "function is not supported; PostgreSQL cannot change them in place, and dropping the type drops "
                    "every column of it. Create a new range type and move the columns to it",
                    catalog::display(w.name)));
            }
            diff_comment(out, range_ref(w.name), h.comment, w.comment);
        });
}

}  // namespace reconcile::engine::diff_detail
