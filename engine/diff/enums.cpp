#include <unordered_map>

#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

namespace {

ObjectId enum_ref(const QualifiedName& name) {
    return catalog::enum_id(name);
}

// PostgreSQL can only add enum values (ALTER TYPE ... ADD VALUE); it cannot
// remove or reorder them, because existing rows store the value's OID and
// indexes are sorted by enumsortorder. When the live values appear in the
// desired list in the same relative order, adding is enough; otherwise the
// type is built again (enum_rebuild.cpp).
bool is_insertion_only(const std::vector<std::string>& have, const std::vector<std::string>& want) {
    std::size_t next = 0;
    for (const std::string& value : want) {
        if (next < have.size() && have[next] == value) ++next;
    }
    return next == have.size();
}

// One AddEnumValue per new value, in the desired order, each anchored to a
// value that exists by the time it runs, so the final order is the desired
// one. A value after every existing one is appended (no anchor); a value
// before the first existing one goes BEFORE it; any other goes AFTER its
// desired predecessor, which is either old or was added just before.
void add_values(const EnumType& have, const EnumType& want, DiffResult& out) {
    std::unordered_map<std::string, bool> exists;
    for (const std::string& value : have.values) exists[value] = true;
    const auto& values = want.values;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (exists.count(values[i])) continue;
        AddEnumValue add{want.name, values[i], std::nullopt, std::nullopt};
        bool existing_after = false;
        std::optional<std::string> first_existing_after;
        for (std::size_t k = i + 1; k < values.size(); ++k) {
            if (exists.count(values[k])) {
                existing_after = true;
                first_existing_after = values[k];
                break;
            }
        }
        if (existing_after) {
            if (i > 0) {
                add.after = values[i - 1];
            } else {
                add.before = first_existing_after;
            }
        }
        out.changes.push_back(std::move(add));
        exists[values[i]] = true;
    }
}

}  // namespace

void diff_enums(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options, DiffResult& out) {
    merge_by_key(
        have.enums, want.enums, [](const EnumType& e) -> const QualifiedName& { return e.name; },
        [&](const EnumType& h) {
            if (options.prune == Prune::yes) {
                out.changes.push_back(DropEnum{h});
            } else {
                out.not_in_manifests.push_back(enum_ref(h.name));
            }
        },
        [&](const EnumType& w) {
            out.changes.push_back(CreateEnum{EnumType{w.name, w.values, std::nullopt}});
            comment_new(out, enum_ref(w.name), w.comment);
        },
        [&](const EnumType& h, const EnumType& w) {
            if (h.values != w.values) {
                if (is_insertion_only(h.values, w.values)) {
                    add_values(h, w, out);
                } else {
                    rebuild_enum(have, h, w, out);
                }
            }
            diff_comment(out, enum_ref(w.name), h.comment, w.comment);
        });
}

}  // namespace reconcile::engine::diff_detail
