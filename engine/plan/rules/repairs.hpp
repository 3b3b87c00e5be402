#pragma once
// Private to engine/plan: ordering rules that are not "A needs B" but a
// PostgreSQL quirk, each named and in a file of its own. graph_builder.cpp
// runs every repair in `repairs()` after the generic edges.
#include <span>
#include <vector>

#include "engine/plan/plan_internal.hpp"

namespace reconcile::engine::plan_detail {

using Repair = void (*)(const std::vector<Change>& changes, Graph& graph);

// Several ALTER COLUMNs on one column run in the stage order alter_stage() gives.
void staged_column_alterations(const std::vector<Change>& changes, Graph& graph);
// A foreign key is added after the key it references exists and after an old
// key on the same columns is gone; dropped before that key is dropped.
void foreign_keys_around_keys(const std::vector<Change>& changes, Graph& graph);
// DROP NOT NULL on a primary key column waits for that key to be dropped.
void primary_key_keeps_not_null(const std::vector<Change>& changes, Graph& graph);
// Tables, indexes and key indexes share one namespace per schema: a name
// is dropped before it is created again.
void relation_names_are_shared(const std::vector<Change>& changes, Graph& graph);
// A table has at most one primary key: the old one goes before the new one.
void one_primary_key_per_table(const std::vector<Change>& changes, Graph& graph);
// A constraint or index being dropped goes before a type change of a column
// it mentions.
void drop_uses_before_type_change(const std::vector<Change>& changes, Graph& graph);

// Every other change runs after the extensions created or updated, and
// before those dropped: their members are not in the model.
void extensions_around_their_users(const std::vector<Change>& changes, Graph& graph);

std::span<const Repair> repairs();

}  // namespace reconcile::engine::plan_detail
