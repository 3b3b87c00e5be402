#pragma once
// Private to the rename resolvers: renames.cpp (tables, their members,
// enums) and renames_objects.cpp (sequences, views, functions), which share how a
// declaration is resolved against the live model and how the renamed model
// is kept.
#include <fmt/format.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/diff/renames.hpp"
#include "engine/plan/planner.hpp"

namespace reconcile::engine::rename_detail {

// One apply_declared_renames call: the live model, the manifests, the
// result being built, and which declarations claim each old name.
class RenameRun {
public:
    RenameRun(const catalog::Model& live, const catalog::Model& want, RenamedLive& out);

    const catalog::Model& want() const { return want_; }
    // The live model with the renames resolved so far applied.
    const catalog::Model& current() const { return out_.have(live_); }
    // The same, to change: copied from the live model on first use.
    catalog::Model& working();
    void add(Change change) { out_.renames.push_back(std::move(change)); }

    using Test = std::function<bool(const catalog::ObjectId&)>;
    // Which live object `rename` renames, if any: the one old name that
    // `exists` live, unless the new name exists too and the manifests also
    // declare the old one (`declared`): then both are objects of their own.
    // Throws PlanError when several old names exist, when the new and an
    // undeclared old name both exist, and when another declaration claims
    // the same old name.
    std::optional<catalog::ObjectId> resolve(const catalog::Rename& rename, const Test& exists,
                                             const Test& declared) const;

private:
    const catalog::Model& live_;
    const catalog::Model& want_;
    RenamedLive& out_;
    std::map<catalog::ObjectId, std::vector<catalog::ObjectId>> claims_;
};

// Every ObjectId the model keys by (privileges, owners, what views use),
// passed through `map`.
void rename_ids(catalog::Model& model, const std::function<catalog::ObjectId(catalog::ObjectId)>& map);

// Every expression of the table as the server printed it (column defaults
// and generated expressions, checks, index keys and predicates, policies),
// passed to `rewrite`: where a renamed type or function can be named.
void rewrite_table_expressions(catalog::Table& table, const std::function<void(std::string&)>& rewrite);

// renames_objects.cpp: sequences, views and materialized views, functions
// and procedures. Run after tables (a view may read a renamed table) and
// before columns.
void rename_sequences(RenameRun& run);
void rename_views(RenameRun& run);
void rename_functions(RenameRun& run);

}  // namespace reconcile::engine::rename_detail
