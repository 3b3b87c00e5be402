#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

// A validated constraint satisfies a NOT VALID declaration: the declaration
// only says existing rows need not have been checked.
bool satisfies(const Constraint& have, const Constraint& want) {
    Constraint h = without_comment(have);
    if (want.not_valid) h.not_valid = true;
    return h == without_comment(want);
}

namespace {

// The live constraint is the wanted one, added NOT VALID: VALIDATE it in
// place rather than dropping and adding it under ACCESS EXCLUSIVE.
bool only_validation_differs(const Constraint& have, const Constraint& want) {
    if (!have.not_valid || want.not_valid) return false;
    Constraint validated = without_comment(have);
    validated.not_valid = false;
    return validated == without_comment(want);
}

}  // namespace

// Constraints match by name within their table. PostgreSQL cannot alter a
// constraint's definition (ALTER CONSTRAINT only changes deferrability of
// foreign keys), so any difference is a replacement: drop and add.
void diff_constraints(const Table& have, const Table& want, const RecreatedColumns& recreated, DiffResult& out) {
    auto uses_recreated = [&](const Constraint& c) {
        return std::any_of(recreated.begin(), recreated.end(),
                           [&](const auto& col) { return mentions_column(c, col); });
    };
    auto ref = [&](const Constraint& c) { return member_ref(ObjectKind::constraint, want.name, c.name); };
    const bool partitioned = want.partitioning.has_value();
    merge_by_key(
        have.constraints, want.constraints, [](const Constraint& c) -> const std::string& { return c.name; },
        [&](const Constraint& h) {
            out.changes.push_back(DropConstraint{have.name, h});
        },
        [&](const Constraint& w) {
            out.changes.push_back(AddConstraint{want.name, without_comment(w), partitioned});
            comment_new(out, ref(w), w.comment);
        },
        [&](const Constraint& h, const Constraint& w) {
            if (uses_recreated(h)) {
                // DROP COLUMN already removed it; drop it explicitly first so
                // the plan says so, then add it back after the column.
                out.changes.push_back(DropConstraint{have.name, h});
                out.changes.push_back(AddConstraint{want.name, without_comment(w), partitioned});
                comment_new(out, ref(w), w.comment);
            } else if (only_validation_differs(h, w)) {
                out.changes.push_back(ValidateConstraint{want.name, without_comment(w)});
                diff_comment(out, ref(w), h.comment, w.comment);
            } else if (!satisfies(h, w)) {
                out.changes.push_back(ReplaceConstraint{want.name, h, without_comment(w), partitioned});
                // Dropping a constraint drops its comment with it.
                comment_new(out, ref(w), w.comment);
            } else {
                diff_comment(out, ref(w), h.comment, w.comment);
            }
        });
}

}  // namespace reconcile::engine::diff_detail
