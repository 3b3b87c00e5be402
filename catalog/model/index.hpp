#pragma once
#include <optional>
#include <string>
#include <vector>

namespace reconcile::catalog {

// One key of an index: a plain column or an expression.
struct IndexKey {
    std::optional<std::string> column;  // unquoted column name
    // Canonical: pg_get_indexdef(index, key, false) with an empty search_path,
    // i.e. exactly the key as CREATE INDEX needs it: "lower(email)" for a
    // function call, "((id + big_id))" (own parentheses) for anything else.
    std::optional<std::string> expression;
    // Only when not the default operator class for the key's type; canonical
    // form is the name, schema-qualified unless in pg_catalog, parts quoted as
    // quote_ident() would: "jsonb_path_ops", "public.gist_trgm_ops".
    std::optional<std::string> opclass;
    // Same form as Column::collation. For a column key, only when not the
    // column's own; for an expression key, only when not the database default
    // (SQL cannot ask for an expression's derived collation).
    std::optional<std::string> collation;
    bool descending = false;
    bool nulls_first = false;  // canonical: always resolved (DESC defaults to true)

    bool operator==(const IndexKey&) const = default;
};

// An index that does not back a constraint (those are part of the
// constraint). Identity: the table's schema plus the index name.
struct Index {
    std::string name;
    bool unique = false;
    bool nulls_not_distinct = false;  // PostgreSQL 15+
    std::string method = "btree";
    std::vector<IndexKey> keys;  // order matters
    std::vector<std::string> include;
    std::optional<std::string> where;  // canonical predicate text
    std::optional<std::string> comment;
    // Storage parameters (WITH (fillfactor=70, ...)), "name=value", sorted.
    std::vector<std::string> storage;
    // False for an index the server never uses (pg_index.indisvalid): what a
    // CREATE INDEX CONCURRENTLY that failed or was cancelled leaves behind,
    // whoever ran it. It still slows every write, and a unique one enforces
    // nothing. Never in a manifest, so it differs from its declaration and
    // the plan rebuilds it. A partitioned index that some partition has no
    // index attached to yet reads as valid (introspect/indexes.cpp).
    bool valid = true;

    bool operator==(const Index&) const = default;
};

}  // namespace reconcile::catalog
