// "possible rename: add renamed_from". Never a rename by itself (a guess
// that two objects are one could move data into the wrong place); only a
// hint beside the plan, whose drop stays refused as destructive.
#include <map>

#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

namespace {

// What must match for two objects to look like one renamed: a column's
// type; a table's column names and types in order.
using Shape = std::vector<std::pair<std::string, std::string>>;

Shape shape_of(const Table& table) {
    Shape out;
    for (const auto& column : table.columns) out.emplace_back(column.name, column.type);
    return out;
}

// One hint per shape seen exactly once on each side: with two candidates
// the pairing would be a guess.
template <typename Key>
void pair_unique(const std::multimap<Key, ObjectId>& gone, const std::multimap<Key, ObjectId>& created,
                 DiffResult& out) {
    for (auto it = gone.begin(); it != gone.end(); it = gone.upper_bound(it->first)) {
        if (gone.count(it->first) != 1 || created.count(it->first) != 1) continue;
        const ObjectId& to = created.find(it->first)->second;
        // Dropped and added under one name: a re-creation, not a rename.
        if (to != it->second) out.possible_renames.push_back({it->second, to});
    }
}

}  // namespace

void find_possible_renames(const catalog::Model& have, DiffResult& out) {
    // Columns: by table and type.
    using ColumnKey = std::pair<QualifiedName, std::string>;
    std::multimap<ColumnKey, ObjectId> dropped_columns, added_columns;
    std::multimap<Shape, ObjectId> gone_tables, created_tables;
    for (const Change& change : out.changes) {
        if (const auto* drop = std::get_if<DropColumn>(&change)) {
            dropped_columns.emplace(ColumnKey{drop->table, drop->column.type}, drop->object());
        } else if (const auto* add = std::get_if<AddColumn>(&change)) {
            added_columns.emplace(ColumnKey{add->table, add->column.type}, add->object());
        } else if (const auto* drop = std::get_if<DropTable>(&change)) {
            gone_tables.emplace(shape_of(drop->table), drop->object());
        } else if (const auto* create = std::get_if<CreateTable>(&change)) {
            created_tables.emplace(shape_of(create->table), create->object());
        }
    }
    // Without --prune a table missing from the manifests is listed, not
    // dropped; it is as good a candidate.
    for (const auto& id : out.not_in_manifests) {
        if (id.kind != ObjectKind::table) continue;
        if (const Table* table = have.find_table(id.qualified())) gone_tables.emplace(shape_of(*table), id);
    }
    pair_unique(dropped_columns, added_columns, out);
    pair_unique(gone_tables, created_tables, out);
    std::sort(out.possible_renames.begin(), out.possible_renames.end());
}

}  // namespace reconcile::engine::diff_detail
