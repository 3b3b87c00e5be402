#pragma once
// Internals of load_manifests: each file is read into a Draft on its own,
// then the cross-file checks (schemas claimed, types, references, index
// names) run over the merged Draft.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "desired-state/json_reader.hpp"
#include "desired-state/manifests.hpp"

namespace reconcile::desired_state::detail {

struct Draft {
    catalog::Model model;
    std::map<std::string, SourceLocation> sources;
    std::vector<Diagnostic> diagnostics;
};

// Parses text as JSON. Reports invalid JSON with its line and column, and
// keys repeated in one object (which a JSON parser silently collapses).
std::optional<Json> parse_json(const std::string& text, Problems& problems);

// Top-level keys that make a document a schema file, and a table file.
bool is_schema_file(const Json& document);
bool is_table_file(const Json& document);

void read_schema_file(const Json& document, Problems& problems, Draft& draft);
void read_table_file(const Json& document, Problems& problems, Draft& draft);

// Cross-file checks over everything read; each appends to draft.diagnostics
// and may rewrite column types (friendly enum names).
void check_table_schemas(Draft& draft);
void resolve_column_types(Draft& draft);
void check_foreign_keys(Draft& draft);
void check_relation_names(Draft& draft);

// Problems for the file an object was declared in.
Problems problems_at(Draft& draft, const std::string& source_key);
SourceLocation source_of(const Draft& draft, const std::string& source_key);

// A table being read from its file: the pieces (columns, constraints,
// indexes) are read by separate functions that share this.
struct TableReading {
    catalog::Table table;
    Problems& problems;
    // Names of constraints so far -> pointer: PostgreSQL requires them
    // unique per table whatever their kind.
    std::map<std::string, std::string> constraint_names;
    // Columns written with "not_null": false -> pointer, to reject them when
    // a primary key makes them NOT NULL anyway.
    std::map<std::string, std::string> explicit_nullable;
    std::map<std::string, SourceLocation> sources;

    // Reports a duplicate; returns false for it.
    bool claim_constraint_name(const std::string& name, const std::string& pointer);
    // Reports a column the table does not have, suggesting the closest one.
    void check_column_exists(const std::string& column, const std::string& pointer, std::string_view what);
    // Reports each column the table does not have and each repeated one.
    void check_columns_exist(const std::vector<std::string>& columns, const std::string& pointer,
                             std::string_view what);
};

void read_columns(const ObjectReader& reader, TableReading& reading);
void read_constraints(const ObjectReader& reader, TableReading& reading);
void read_indexes(const ObjectReader& reader, TableReading& reading);

}  // namespace reconcile::desired_state::detail
