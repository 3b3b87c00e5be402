#pragma once
#include <set>
#include <vector>

#include "catalog/model/model.hpp"
#include "catalog/model/possible_rename.hpp"
#include "engine/diff/change.hpp"

namespace reconcile::engine {

enum class Prune { no, yes };

struct DiffOptions {
    // Objects in claimed schemas that the manifests do not list: reported
    // (Prune::no) or dropped (Prune::yes). Columns, constraints and indexes of
    // a listed table are part of that table's declaration and always diffed.
    Prune prune = Prune::no;
};

struct DiffResult {
    std::vector<Change> changes;  // unordered; the planner orders them
    // In a claimed schema, not in the manifests, and not pruned.
    std::vector<ObjectId> not_in_manifests;
    // On objects the manifests declare: privileges of roles no manifest
    // manages, reported and left alone.
    std::vector<catalog::UnmanagedObject> not_managed;
    // Objects this plan drops and creates again (a view whose columns
    // change, a function whose result type does): they come back with the
    // built-in privileges and the applying role as owner, whatever they had.
    std::set<ObjectId> recreated;
    // A drop and a create of the same shape: "possible rename: add
    // renamed_from" (rename_hints.cpp). Only a hint; the changes stand.
    std::vector<catalog::PossibleRename> possible_renames;
};

// have: the live database (catalog reader). want: the canonicalized
// manifests. Both hold the same claimed schemas. Deterministic.
DiffResult diff(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options);

}  // namespace reconcile::engine
