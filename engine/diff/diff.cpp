#include "engine/diff/diff.hpp"

#include <iterator>
#include <map>
#include <utility>

#include "catalog/model/referenceable_key.hpp"
#include "engine/diff/diff_internal.hpp"
#include "engine/diff/renames.hpp"
#include "engine/diff/serial_sequences.hpp"

namespace reconcile::engine {

namespace diff_detail {

namespace {

using catalog::ConstraintKind;

// A key a foreign key can reference: a table and the set of its columns
// (see catalog/model/referenceable_key.hpp).
using KeyId = std::pair<QualifiedName, catalog::KeyColumnSet>;

KeyId key_id(const QualifiedName& table, const std::vector<std::string>& columns) {
    return {table, catalog::key_column_set(columns)};
}

template <typename KeyOwner>  // Constraint or Index
std::optional<KeyId> key_of(const QualifiedName& table, const KeyOwner& owner) {
    auto key = catalog::referenceable_key(owner);
    if (!key) return std::nullopt;
    return KeyId{table, std::move(*key)};
}

// Keys this diff drops, or drops and re-creates.
std::set<KeyId> broken_keys(const DiffResult& out) {
    std::set<KeyId> keys;
    auto add = [&](std::optional<KeyId> key) {
        if (key) keys.insert(std::move(*key));
    };
    for (const Change& change : out.changes) {
        std::visit(overloaded{
                       [&](const DropConstraint& c) { add(key_of(c.table, c.constraint)); },
                       [&](const ReplaceConstraint& c) { add(key_of(c.table, c.from)); },
                       [&](const DropIndex& c) { add(key_of(c.table, c.index)); },
                       [&](const ReplaceIndex& c) { add(key_of(c.table, c.from)); },
                       [](const auto&) {},
                   },
                   change);
    }
    return keys;
}

}  // namespace

// PostgreSQL will not drop a key that a foreign key depends on (short of
// CASCADE, which this tool never uses), and a ReplaceConstraint of the
// foreign key itself is one statement, so it cannot straddle the key's drop
// and re-creation. Every foreign key that references a dropped or replaced
// key therefore becomes DropConstraint + AddConstraint, which the planner
// puts on either side of the key change.
void rebuild_dependent_foreign_keys(const catalog::Model& have, const catalog::Model& want, DiffResult& out) {
    std::set<KeyId> broken = broken_keys(out);
    if (broken.empty()) return;

    using ConstraintId = std::pair<QualifiedName, std::string>;
    std::map<ConstraintId, std::size_t> constraint_changes;
    std::set<QualifiedName> dropped_tables;
    for (std::size_t i = 0; i < out.changes.size(); ++i) {
        std::visit(overloaded{
                       [&](const AddConstraint& c) {
                           constraint_changes[{c.table, c.constraint.name}] = i;
                       },
                       [&](const DropConstraint& c) {
                           constraint_changes[{c.table, c.constraint.name}] = i;
                       },
                       [&](const ReplaceConstraint& c) {
                           constraint_changes[{c.table, c.to.name}] = i;
                       },
                       [&](const DropTable& c) { dropped_tables.insert(c.table.name); },
                       [](const auto&) {},
                   },
                   out.changes[i]);
    }

    std::vector<Change> added;
    for (const Table& table : have.tables) {
        if (dropped_tables.count(table.name)) continue;  // DROP TABLE takes its keys along
        for (const Constraint& fk : table.constraints) {
            if (fk.kind != ConstraintKind::foreign_key || !fk.references) continue;
            if (!broken.count(key_id(fk.references->table, fk.references->columns))) continue;
            auto found = constraint_changes.find({table.name, fk.name});
            if (found != constraint_changes.end()) {
                Change& change = out.changes[found->second];
                if (auto* replace = std::get_if<ReplaceConstraint>(&change)) {
                    AddConstraint add{replace->table, replace->to};
                    change = DropConstraint{replace->table, replace->from};
                    added.push_back(std::move(add));
                }
                continue;  // already dropped, or dropped and added
            }
            const Table* wanted = want.find_table(table.name);
            const Constraint* kept = wanted ? wanted->find_constraint(fk.name) : nullptr;
            if (!kept) continue;  // a table outside the manifests: left alone
            out.changes.push_back(DropConstraint{table.name, fk});
            added.push_back(AddConstraint{table.name, without_comment(*kept)});
            // The drop loses the comment; when the comments differed,
            // diff_constraints already emitted the SetComment.
            if (fk.comment == kept->comment) {
                comment_new(out, member_ref(ObjectKind::constraint, table.name, kept->name), kept->comment);
            }
        }
    }
    for (Change& change : added) out.changes.push_back(std::move(change));
}

}  // namespace diff_detail

DiffResult diff(const catalog::Model& live, const catalog::Model& want, const DiffOptions& options) {
    // Everything below compares the manifests to the live database as it
    // will be once the declared renames ran (renames.hpp).
    RenamedLive renamed = apply_declared_renames(live, want);
    // ...and with serial columns' sequences spelled as the manifests spell
    // them (serial_sequences.hpp).
    SerialsRespelled serials = respell_serial_sequences(renamed.have(live), want);
    const catalog::Model& have = serials.have(renamed.have(live));
    DiffResult out;
    out.changes = std::move(renamed.renames);
    std::move(serials.changes.begin(), serials.changes.end(), std::back_inserter(out.changes));
    diff_detail::diff_schemas(have, want, options, out);
    diff_detail::diff_extensions(have, want, options, out);
    diff_detail::diff_enums(have, want, options, out);
    diff_detail::diff_domains(have, want, options, out);
    diff_detail::diff_composite_types(have, want, options, out);
    diff_detail::diff_range_types(have, want, options, out);
    diff_detail::diff_sequences(have, want, options, out);
    diff_detail::diff_tables(have, want, options, out);
    diff_detail::diff_inherited_columns(have, want, out);
    diff_detail::diff_functions(have, want, options, out);
    // After functions: an aggregate whose support function is dropped goes first.
    diff_detail::diff_aggregates(have, want, options, out);
    diff_detail::diff_roles(have, want, options, out);
    diff_detail::diff_role_settings(have, want, options, out);
    diff_detail::diff_memberships(have, want, options, out);
    diff_detail::diff_default_privileges(have, want, options, out);
    diff_detail::note_enum_targets(want, out);
    diff_detail::split_replacements_across_type_changes(out);
    diff_detail::rebuild_dependent_foreign_keys(have, want, out);
    diff_detail::diff_views(have, want, options, out);
    // After views: a view created again brings its triggers back itself.
    diff_detail::rebuild_function_dependents(have, want, out);
    diff_detail::mark_unorderable_bodies(out);
    // After every kind: privileges and owners of what the plan re-creates
    // are set again.
    diff_detail::diff_privileges(have, want, options, out);
    diff_detail::diff_owner_privileges(have, want, options, out);
    diff_detail::diff_owners(have, want, options, out);
    std::sort(out.not_in_manifests.begin(), out.not_in_manifests.end());
    diff_detail::find_possible_renames(have, out);
    std::sort(out.not_managed.begin(), out.not_managed.end());
    return out;
}

}  // namespace reconcile::engine
