// Composite types. PostgreSQL appends new attributes and cannot reorder
// existing ones, so the attributes kept must stay in the same relative
// order.
#include <fmt/format.h>

#include "engine/diff/diff_internal.hpp"
#include "engine/plan/planner.hpp"

namespace reconcile::engine::diff_detail {

namespace {

ObjectId type_ref(const QualifiedName& name) {
    return catalog::object_id(ObjectKind::composite_type, name);
}

const catalog::CompositeAttribute* find(const CompositeType& type, const std::string& name) {
    for (const auto& attribute : type.attributes) {
        if (attribute.name == name) return &attribute;
    }
    return nullptr;
}

// The attributes on both sides, in have's order, must come in want in the
// same order, before any new one (ADD ATTRIBUTE appends).
void check_order(const CompositeType& have, const CompositeType& want) {
    std::vector<std::string> kept_have, kept_want;
    for (const auto& a : have.attributes) {
        if (find(want, a.name)) kept_have.push_back(a.name);
    }
    bool new_seen = false;
    bool appended_only = true;
    for (const auto& a : want.attributes) {
        if (!find(have, a.name)) {
            new_seen = true;
        } else {
            if (new_seen) appended_only = false;
            kept_want.push_back(a.name);
        }
    }
    if (appended_only && kept_have == kept_want) return;
    throw PlanError(
        fmt::format("composite type {}: its attributes cannot be reordered, nor a new one put before an existing one; "
                    "PostgreSQL only appends attributes (ALTER TYPE ... ADD ATTRIBUTE)",
                    catalog::display(want.name)));
}

}  // namespace

void diff_composite_types(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options,
                          DiffResult& out) {
    merge_by_key(
        have.composite_types, want.composite_types,
        [](const CompositeType& t) -> const QualifiedName& { return t.name; },
        [&](const CompositeType& h) {
            if (options.prune == Prune::yes) {
                out.changes.push_back(DropCompositeType{h});
            } else {
                out.not_in_manifests.push_back(type_ref(h.name));
            }
        },
        [&](const CompositeType& w) {
            out.changes.push_back(CreateCompositeType{without_comment(w)});
            comment_new(out, type_ref(w.name), w.comment);
        },
        [&](const CompositeType& h, const CompositeType& w) {
            if (h.attributes != w.attributes) {
                check_order(h, w);
                out.changes.push_back(AlterCompositeType{without_comment(h), without_comment(w)});
            }
            diff_comment(out, type_ref(w.name), h.comment, w.comment);
        });
}

}  // namespace reconcile::engine::diff_detail
