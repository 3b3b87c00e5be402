// What a type change needs to know about its target type to count, at plan
// time, the rows that would not convert.
#include "catalog/model/identifier.hpp"
#include "catalog/model/type_text.hpp"
#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

void note_enum_targets(const catalog::Model& want, DiffResult& out) {
    for (Change& change : out.changes) {
        auto* alter = std::get_if<AlterColumn>(&change);
        if (!alter || alter->what != ColumnAttribute::type || alter->from.type == alter->to.type) continue;
        // Arrays of an enum convert element by element; not counted.
        if (catalog::split_array_bounds(alter->to.type).second > 0) continue;
        auto named = catalog::named_type(alter->to.type);
        if (!named) continue;
        if (const auto* target = want.find_enum(*named)) alter->target_values = target->values;
    }
}

}  // namespace reconcile::engine::diff_detail
