#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/model/index.hpp"
#include "catalog/model/name.hpp"
#include "catalog/model/object_id.hpp"
#include "catalog/model/trigger.hpp"

namespace reconcile::catalog {

// One output column of a view: CREATE OR REPLACE VIEW keeps the existing
// columns (same names and types, in order) and may only add new ones last.
struct ViewColumn {
    std::string name;
    std::string type;  // format_type, as for table columns

    bool operator==(const ViewColumn&) const = default;
};

enum class CheckOption { none, local, cascaded };

// A view or a materialized view. Identity: schema + name (ObjectKind::view
// or materialized_view).
struct View {
    QualifiedName name;
    bool materialized = false;
    // The query, without a closing ';'. Canonical: pg_get_viewdef with an
    // empty search_path, so every relation and function outside pg_catalog
    // is schema-qualified on both sides.
    std::string definition;
    // Manifest: the names the manifest gives the columns (CREATE VIEW v (a, b)),
    // or empty. Catalog and canonical: every output column with its type.
    std::vector<ViewColumn> columns;
    CheckOption check_option = CheckOption::none;
    bool security_barrier = false;
    bool security_invoker = false;  // PostgreSQL 15+
    bool with_no_data = false;      // materialized: not populated
    // Materialized only: its heap's storage parameters (pg_class.reloptions,
    // fillfactor, autovacuum_*, toast.*), "name=value" sorted, as a table's.
    // A plain view's reloptions are the three options above.
    std::vector<std::string> storage;
    std::vector<Index> indexes;  // materialized only; sorted by name
    // Views only (a materialized view cannot have one); sorted by name.
    // PostgreSQL allows INSTEAD OF row triggers and BEFORE / AFTER
    // statement triggers on a view, always enabled.
    std::vector<Trigger> triggers;
    std::optional<std::string> comment;
    // COMMENT ON COLUMN of output columns, by column name (only those that
    // have one). Like `comment`, the manifest's, never sent to scratch.
    std::map<std::string, std::string> column_comments;
    // What the query reads, as the server recorded it (pg_depend of the
    // view's rewrite rule): relations, their columns, functions. Filled by
    // the catalog reader and the canonicalizer; ordering data, not state.
    std::vector<ObjectId> uses;

    ObjectId id() const { return object_id(materialized ? ObjectKind::materialized_view : ObjectKind::view, name); }

    // The state a plan converges: everything but `uses`.
    bool same_state(const View& other) const;
    bool operator==(const View&) const = default;
};

}  // namespace reconcile::catalog
