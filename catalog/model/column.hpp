#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model/boxed.hpp"

namespace reconcile::catalog {

// Options of a sequence behind an identity or serial column. The introspector
// fills every field; a manifest may leave fields unset, meaning "PostgreSQL's
// default", and canonicalization fills them from the server.
struct SequenceOptions {
    std::optional<std::string> type;  // "integer", "bigint"...; identity only
    std::optional<std::int64_t> start;
    std::optional<std::int64_t> increment;
    std::optional<std::int64_t> min_value;
    std::optional<std::int64_t> max_value;
    std::optional<std::int64_t> cache;
    std::optional<bool> cycle;

    bool operator==(const SequenceOptions&) const = default;
};

enum class IdentityKind { always, by_default };

struct Identity {
    IdentityKind kind = IdentityKind::by_default;
    SequenceOptions sequence;
    // The sequence's name, only where it is not the one PostgreSQL gives a
    // new identity column (default_sequence_name): it keeps its name when
    // the table or column is renamed, as graphile-worker's jobs_id_seq
    // behind _private_jobs does. No schema: PostgreSQL keeps the sequence in
    // its table's schema (a SEQUENCE NAME in another schema fails, ALTER
    // SEQUENCE ... SET SCHEMA is refused, the table's SET SCHEMA moves it).
    std::optional<std::string> sequence_name;

    bool operator==(const Identity&) const = default;
};

// The name PostgreSQL gives a new identity or serial column's sequence:
// <table>_<column>_seq. Modelled simply: PostgreSQL (ChooseRelationName)
// also shortens a name past 63 bytes and appends digits when the name is
// taken; such a sequence counts as named otherwise, and is recorded.
std::string default_sequence_name(std::string_view table, std::string_view column);

// Per-column settings that change how PostgreSQL stores or plans a column,
// not what it holds. Each is set with its own ALTER COLUMN, after the column
// exists; unset means the default.
struct ColumnTuning {
    std::optional<int> statistics;           // SET STATISTICS (attstattarget)
    std::optional<std::string> storage;      // "plain", "external", "main", "extended", when not the type's
    std::optional<std::string> compression;  // "pglz", "lz4" (PostgreSQL 14+)
    // SET (n_distinct=..., n_distinct_inherited=...), "name=value", sorted.
    std::vector<std::string> options;

    bool operator==(const ColumnTuning&) const = default;
    bool empty() const { return *this == ColumnTuning{}; }
};

// serial/bigserial/smallserial are spellings, not types: an integer column
// whose default is nextval() of a sequence the column owns. The introspector
// recognises that shape and records it here so both sides compare equal and
// export can write the natural spelling back.
enum class Serial { none, smallserial, serial, bigserial };

struct Column {
    std::string name;
    // Canonical type text as format_type() prints it with an empty
    // search_path: "integer", "character varying(20)", "public.\"Status\"[]".
    // A manifest may hold any spelling the server accepts until canonicalized.
    std::string type;
    bool not_null = false;
    std::optional<std::string> default_expr;  // pg_get_expr() text
    Boxed<Identity> identity;                 // usually absent; see boxed.hpp
    std::optional<std::string> generated;     // STORED generation expression
    Serial serial = Serial::none;
    // Only when it differs from the type's default collation; canonical form
    // is the schema-qualified name with each part quoted as quote_ident()
    // would (the way pg_get_indexdef prints COLLATE): "pg_catalog.\"C\"",
    // "pg_catalog.ucs_basic", "public.\"en-x-icu\"".
    std::optional<std::string> collation;
    std::optional<std::string> comment;
    ColumnTuning tuning;
    // Manifest-only: expression for ALTER COLUMN ... TYPE ... USING when the
    // type changes. Never read from the catalog, never compared.
    std::optional<std::string> using_expr;

    bool operator==(const Column& other) const;
};

// The name of an identity column's sequence: its own, or the default.
std::string identity_sequence_name(std::string_view table, const Column& column);

}  // namespace reconcile::catalog
