#include "engine/canonicalize/fast_path.hpp"

#include <cstdint>
#include <vector>

#include "catalog/model/identifier.hpp"
#include "catalog/model/type_text.hpp"

namespace reconcile::engine {

namespace {

bool is_foreign_key(const catalog::Constraint& c) {
    return c.kind == catalog::ConstraintKind::foreign_key;
}

bool same_ignoring_comment(catalog::Constraint a, catalog::Constraint b) {
    a.comment.reset();
    b.comment.reset();
    return a == b;
}

bool same_ignoring_comment(catalog::Index a, catalog::Index b) {
    a.comment.reset();
    b.comment.reset();
    return a == b;
}

bool same_ignoring_comment(catalog::Policy a, catalog::Policy b) {
    // reset(), not a = b = nullopt: GCC 12 -O2 warns falsely on the latter.
    a.comment.reset();
    b.comment.reset();
    return a == b;
}

// Type text the user wrote names the same type as the catalog's when it is
// equal, or when both name the same user-defined type (`"public"."mood"[]`
// and `public.mood[]`).
bool same_type(const std::string& want, const std::string& have) {
    if (want == have) return true;
    auto named = catalog::named_type(want);
    return named && named == catalog::named_type(have) &&
           catalog::split_array_bounds(want).second == catalog::split_array_bounds(have).second;
}

// A manifest may leave identity options out, meaning PostgreSQL's defaults
// for the column's type; the catalog always has every one. Both sides keep
// a sequence name only where it is not <table>_<column>_seq, so the names
// compare as they are.
bool same_identity(const catalog::Boxed<catalog::Identity>& want, const catalog::Boxed<catalog::Identity>& have,
                   const std::string& column_type) {
    if (!want || !have) return !want && !have;
    if (want->kind != have->kind || want->sequence_name != have->sequence_name) return false;
    const auto& w = want->sequence;
    const auto& h = have->sequence;
    std::int64_t type_max = column_type == "smallint"  ? 32767
                            : column_type == "integer" ? 2147483647
                                                       : 9223372036854775807;
    std::int64_t increment = w.increment.value_or(1);
    bool ascending = increment > 0;
    std::int64_t min_value = w.min_value.value_or(ascending ? 1 : -type_max - 1);
    std::int64_t max_value = w.max_value.value_or(ascending ? type_max : -1);
    std::int64_t start = w.start.value_or(ascending ? min_value : max_value);
    return h.increment == increment && h.min_value == min_value && h.max_value == max_value && h.start == start &&
           h.cache == w.cache.value_or(1) && h.cycle == w.cycle.value_or(false);
}

// A table whose manifest text already equals the live catalog's text is
// canonical as written (the live text is the server's own), so it need not
// be sent to the server. This is what keeps planning an exported schema fast.
}  // namespace

bool already_canonical(const catalog::Table& want, const catalog::Table* have) {
    if (!have || want.columns.size() != have->columns.size() || want.unlogged != have->unlogged ||
        want.storage != have->storage || want.partitioning != have->partitioning ||
        want.partition_of != have->partition_of || want.inherits != have->inherits)
        return false;
    if (want.inherited_columns.size() != have->inherited_columns.size()) return false;
    for (std::size_t i = 0; i < want.inherited_columns.size(); ++i) {
        const auto& w = want.inherited_columns[i];
        const auto& h = have->inherited_columns[i];
        if (w.name != h.name || w.default_expr != h.default_expr || w.not_null != h.not_null) return false;
    }
    for (std::size_t i = 0; i < want.columns.size(); ++i) {
        const auto& w = want.columns[i];
        const auto& h = have->columns[i];
        bool default_matches = w.serial != catalog::Serial::none ? !w.default_expr || w.default_expr == h.default_expr
                                                                 : w.default_expr == h.default_expr;
        if (w.name != h.name || !same_type(w.type, h.type) || w.not_null != h.not_null || !default_matches ||
            !same_identity(w.identity, h.identity, h.type) || w.generated != h.generated || w.serial != h.serial ||
            w.collation != h.collation) {
            return false;
        }
    }
    auto own = [](const catalog::Table& t) {
        std::vector<const catalog::Constraint*> out;
        for (const auto& c : t.constraints)
            if (!is_foreign_key(c)) out.push_back(&c);
        return out;
    };
    auto want_constraints = own(want), have_constraints = own(*have);
    if (want_constraints.size() != have_constraints.size() || want.indexes.size() != have->indexes.size()) return false;
    for (std::size_t i = 0; i < want_constraints.size(); ++i)
        if (!same_ignoring_comment(*want_constraints[i], *have_constraints[i])) return false;
    for (std::size_t i = 0; i < want.indexes.size(); ++i)
        if (!same_ignoring_comment(want.indexes[i], have->indexes[i])) return false;
    // Of a trigger, only the WHEN condition is server-printed text.
    for (const auto& trigger : want.triggers) {
        const auto* live = have->find_trigger(trigger.name);
        if (trigger.when && (!live || live->when != trigger.when)) return false;
    }
    if (want.policies.size() != have->policies.size()) return false;
    for (std::size_t i = 0; i < want.policies.size(); ++i)
        if (!same_ignoring_comment(want.policies[i], have->policies[i])) return false;
    return true;
}

// The manifest's table with the catalog's spelling of what already_canonical
// found equal in meaning: type text, identity options, serial defaults.
catalog::Table as_live_spells_it(catalog::Table table, const catalog::Table& have) {
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        auto& column = table.columns[i];
        const auto& live = have.columns[i];
        column.type = live.type;
        column.identity = live.identity;
        if (column.serial != catalog::Serial::none) column.default_expr = live.default_expr;
    }
    return table;
}

}  // namespace reconcile::engine
