// Partitioning of a table that exists on both sides. PostgreSQL cannot
// change a table's PARTITION BY, nor turn a table into a partitioned one or
// back, in place: that is a new table and a copy of the rows, which the
// plan does not do silently. Whether a table is a partition, and of what,
// changes in place with DETACH and ATTACH.
#include <fmt/format.h>

#include "engine/diff/diff_internal.hpp"
#include "engine/plan/planner.hpp"

namespace reconcile::engine::diff_detail {

MembersCompared diff_partitioning(const Table& have, const Table& want, DiffResult& out) {
    if (have.partitioning != want.partitioning) {
        throw PlanError(fmt::format(
            "table {}: changing its partitioning (from {} to {}) is not supported; PostgreSQL cannot change it in "
            "place. Create a new table with the partitioning wanted, move the rows, and drop the old one",
            catalog::display(want.name), have.partitioning ? "PARTITION BY " + *have.partitioning : "none",
            want.partitioning ? "PARTITION BY " + *want.partitioning : "none"));
    }
    const auto& from = have.partition_of;
    const auto& to = want.partition_of;
    if (from == to) return to ? MembersCompared::all_but_columns : MembersCompared::all;
    if (from) out.changes.push_back(DetachPartition{want.name, *from});
    if (to) {
        // ATTACH checks that the table's columns are exactly the parent's;
        // its own keys and indexes are compared as usual (an index that
        // matches one of the parent's is adopted by the server).
        out.changes.push_back(AttachPartition{want.name, *to});
        return MembersCompared::all_but_columns;
    }
    return MembersCompared::none;
}

std::set<QualifiedName> partitions_left_alone(const catalog::Model& have, const catalog::Model& want) {
    std::set<QualifiedName> out;
    bool any = std::any_of(want.tables.begin(), want.tables.end(),
                           [](const Table& t) { return !t.partitions_left_alone.empty(); });
    if (!any) return out;
    // Parents come before their partitions in no particular order, so the
    // set grows until a pass adds nothing (sub-partitions are few levels).
    for (bool grew = true; grew;) {
        grew = false;
        for (const Table& table : have.tables) {
            if (!table.partition_of || out.count(table.name) || want.find_table(table.name)) continue;
            const auto& parent = table.partition_of->parent;
            bool alone = out.count(parent) > 0;
            if (const Table* declared = want.find_table(parent); declared && !alone) {
                alone = std::any_of(declared->partitions_left_alone.begin(), declared->partitions_left_alone.end(),
                                    [&](const std::string& pattern) {
                                        return catalog::matches_name_pattern(pattern, table.name.name);
                                    });
            }
            if (alone) grew = out.insert(table.name).second || grew;
        }
    }
    return out;
}

namespace {

bool same_but_name(Index a, Index b) {
    a.name = b.name;
    a.comment = b.comment;
    return a == b;
}

}  // namespace

void keep_indexes_parents_adopt(const catalog::Model& want, DiffResult& out) {
    // Copies: erasing moves the changes the pointers would point into.
    std::vector<CreateIndex> on_parents;
    for (const auto& change : out.changes) {
        if (const auto* create = std::get_if<CreateIndex>(&change)) {
            const Table* table = want.find_table(create->table);
            if (table && table->partitioning) on_parents.push_back(*create);
        }
    }
    if (on_parents.empty()) return;
    auto adopted = [&](const Change& change) {
        const auto* drop = std::get_if<DropIndex>(&change);
        if (!drop) return false;
        const Table* partition = want.find_table(drop->table);
        if (!partition || !partition->partition_of) return false;
        return std::any_of(on_parents.begin(), on_parents.end(), [&](const CreateIndex& create) {
            return create.table == partition->partition_of->parent && same_but_name(create.index, drop->index);
        });
    };
    std::erase_if(out.changes, adopted);
}

void attach_after_drops(DiffResult& out, std::size_t first) {
    AttachPartition* attach = nullptr;
    for (std::size_t i = first; i < out.changes.size(); ++i) {
        if (auto* found = std::get_if<AttachPartition>(&out.changes[i])) attach = found;
    }
    if (!attach) return;
    for (std::size_t i = first; i < out.changes.size(); ++i) {
        const auto& change = out.changes[i];
        if (std::holds_alternative<DropConstraint>(change) || std::holds_alternative<DropIndex>(change)) {
            attach->dropped_first.push_back(object_of(change));
        }
    }
}

}  // namespace reconcile::engine::diff_detail
