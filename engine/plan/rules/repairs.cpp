// The registry of named repairs, run in this order after the generic edges.
#include "engine/plan/rules/repairs.hpp"

#include <array>

namespace reconcile::engine::plan_detail {

std::span<const Repair> repairs() {
    static constexpr std::array<Repair, 7> all{
        staged_column_alterations,     foreign_keys_around_keys,  primary_key_keeps_not_null,
        relation_names_are_shared,     one_primary_key_per_table, drop_uses_before_type_change,
        extensions_around_their_users,
    };
    return all;
}

}  // namespace reconcile::engine::plan_detail
