#pragma once
// Internals of load_manifests: each file is read on its own (in parallel,
// see read_files), the readings are merged into a Draft in path order, then
// the cross-file checks (schemas claimed, types, references, index names)
// run over the merged Draft.
#include <cstddef>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "desired-state/json_reader.hpp"
#include "desired-state/manifests.hpp"
#include "desired-state/privileges.hpp"

namespace reconcile::desired_state::detail {

struct Draft {
    catalog::Model model;
    std::map<catalog::ObjectId, SourceLocation> sources;
    std::vector<Diagnostic> diagnostics;
    // Grants, owners and default privileges, and every role named; moved
    // into the model once all files are merged (check_role_references).
    Declared declared;
};

// Parses text as JSON. Reports invalid JSON with its line and column, and
// keys repeated in one object (which a JSON parser silently collapses).
std::optional<Json> parse_json(std::string_view text, Problems& problems);
// The same document for valid JSON with no repeated key that uses only
// printable ASCII in strings (with the short escapes: \" \\ \/ \b \f \n \r
// \t), integers that fit 64 bits, true, false and null; nothing for any
// other text, valid or not. parse_json's fast path.
std::optional<Json> parse_plain_json(std::string_view text);

// Whether "renamed_from" may name the object in another schema
// ("schema.name"): tables may move between claimed schemas.
enum class OtherSchema { allowed, not_allowed };
// reader["renamed_from"]: the old names of the object `to` (renamed_from.cpp).
// Nothing when absent or when no entry is valid (each bad one reported).
std::optional<catalog::Rename> read_renamed_from(const ObjectReader& reader, const catalog::ObjectId& to,
                                                 OtherSchema other_schema);
// The same for the JSON object at pointer, for readers that learn the
// object's name after reading it (named constraints, indexes, policies);
// their ObjectReader must accept the key.
std::optional<catalog::Rename> read_renamed_from(const Json& object, const std::string& pointer, Problems& problems,
                                                 const catalog::ObjectId& to, OtherSchema other_schema);

// An enum's "renamed_values": {"new value": ["old value", ...]}: each a
// Rename of the enum_type ObjectId whose member is the value.
void read_renamed_values(const ObjectReader& reader, const catalog::EnumType& type, Draft& draft);

// Top-level keys that make a document a schema file, and a table file.
bool is_schema_file(const Json& document);
bool is_table_file(const Json& document);
bool is_function_file(const Json& document);

void read_schema_file(const Json& document, Problems& problems, Draft& draft);
// The "extensions" of one schema object (extensions.cpp).
void read_extensions(const ObjectReader& schema, const std::string& schema_name, Problems& problems, Draft& draft);
// The "domains" of one schema object (domains.cpp).
void read_domains(const ObjectReader& schema, const std::string& schema_name, Problems& problems, Draft& draft);
// The "composite_types" of one schema object (composite_types.cpp).
void read_composite_types(const ObjectReader& schema, const std::string& schema_name, Problems& problems, Draft& draft);
void read_range_types(const ObjectReader& schema, const std::string& schema_name, Problems& problems, Draft& draft);
// The "sequences" of one schema object (sequences.cpp).
void read_sequences(const ObjectReader& schema, const std::string& schema_name, Problems& problems, Draft& draft);
// roles.cpp: the role file sections (entries of schema_file_sections).
void read_roles(const ObjectReader& file, Problems& problems, Draft& draft);
void read_external_roles(const ObjectReader& file, Problems& problems, Draft& draft);
void read_role_claims(const ObjectReader& file, Problems& problems, Draft& draft);
void read_global_default_privileges(const ObjectReader& file, Problems& problems, Draft& draft);
void read_database_grants(const ObjectReader& file, Problems& problems, Draft& draft);
// A role's "settings" and "database_settings" (role_settings.cpp).
void read_role_settings(const ObjectReader& role, const std::string& name, Draft& draft);

// A table as its file declares it, read without looking at other files.
struct TableDeclaration {
    catalog::Table table;
    catalog::ObjectId source_key;  // catalog::table_id(table.name)
    // Its columns, constraints and indexes (not the table itself).
    std::map<catalog::ObjectId, SourceLocation> sources;
    // Its grants, owner and its columns' grants.
    Declared declared;
    // "renamed_from" of the table and its columns.
    std::vector<catalog::Rename> renames;
};

// Nothing when the file does not name its table (reported).
std::optional<TableDeclaration> read_table_file(const Json& document, Problems& problems);
// Adds the table to the draft, or reports that an earlier file (in merge
// order) declared it already.
void add_table(TableDeclaration declaration, Problems& problems, Draft& draft);

// Where a manifest file is: files it names (a function's body file) are
// relative to it and must stay inside root, the manifest directory.
struct FileContext {
    std::filesystem::path root;
    std::filesystem::path manifest;
};

// A function or procedure as its file declares it.
struct FunctionDeclaration {
    catalog::Function function;
    // Its grants and owner, keyed by its id as written; the canonicalizer
    // re-keys them when the server spells an argument type differently.
    Declared declared;
    // Its "renamed_from", keyed the same way (the earlier names take the
    // function's argument types).
    std::vector<catalog::Rename> renames;
};

std::optional<FunctionDeclaration> read_function_file(const Json& document, Problems& problems,
                                                      const FileContext& context);
// Adds the function to the draft, or reports that an earlier file declared
// the same one (same name and argument types as written).
void add_function(FunctionDeclaration declaration, Problems& problems, Draft& draft);
bool is_aggregate_file(const Json& document);

// An aggregate as its file declares it.
struct AggregateDeclaration {
    catalog::Aggregate aggregate;
    Declared declared;
};

std::optional<AggregateDeclaration> read_aggregate_file(const Json& document, Problems& problems);
// Adds the aggregate to the draft, or reports an earlier declaration of it.
void add_aggregate(AggregateDeclaration declaration, Problems& problems, Draft& draft);
// Its schema is declared; support functions without a schema that name a
// declared function are reported (a bare name means pg_catalog's).
void check_aggregates(Draft& draft);
bool is_view_file(const Json& document);

// A view or materialized view as its file declares it.
struct ViewDeclaration {
    catalog::View view;
    // Its indexes (a materialized view's), not the view itself.
    std::map<catalog::ObjectId, SourceLocation> sources;
    Declared declared;
    // Its "renamed_from".
    std::vector<catalog::Rename> renames;
};

// Nothing when the file does not name its view (reported).
std::optional<ViewDeclaration> read_view_file(const Json& document, Problems& problems);
// Adds the view to the draft, or reports an earlier declaration of it.
void add_view(ViewDeclaration declaration, Problems& problems, Draft& draft);

// One manifest file read on its own, so files can be read in parallel; the
// readings are then merged in path order (see read_files), which makes the
// result and the order of diagnostics independent of the number of threads.
struct FileReading {
    std::string file;  // as diagnostics name it: the directory as given, then the file
    std::vector<Diagnostic> diagnostics;
    std::optional<TableDeclaration> table;
    std::optional<FunctionDeclaration> function;
    std::optional<AggregateDeclaration> aggregate;
    std::optional<ViewDeclaration> view;
    // A schema file is only parsed here: whether an earlier file claimed a
    // schema already decides what else of it is read, so it is read when
    // merged (schema files are few and small).
    std::optional<Json> schema_document;
    // Anything that is not a problem of the manifest (out of memory...),
    // rethrown when this file is merged, as reading in order would have.
    std::exception_ptr failure;
};

// The whole file, read into buffer, which keeps its capacity for the next
// file: a worker reads thousands of files, and allocating a large block for
// each one makes malloc sort through every small block freed since. Nothing
// when the file cannot be opened.
std::optional<std::string_view> read_text(const std::filesystem::path& path, std::string& buffer);

// Reads dir / file; never throws (see FileReading::failure). buffer:
// scratch space for the file's text, reused from file to file.
FileReading read_file(const std::filesystem::path& dir, const std::filesystem::path& file, std::string& buffer);

// Reads dir / file for every file, on up to `threads` threads (the calling
// thread is one of them), and calls merge with each reading in the order of
// files, on the calling thread, as soon as it and all before it are read.
// If merge throws, the other threads stop taking files and the exception
// propagates once they are done.
void read_files(const std::filesystem::path& dir, const std::vector<std::filesystem::path>& files, std::size_t threads,
                const std::function<void(FileReading&)>& merge);

// load_manifests on a given number of reader threads (0 counts as 1); the
// result and every diagnostic, in order, are the same whatever the number.
Manifests load_manifests(const std::filesystem::path& dir, std::size_t threads);

// Cross-file checks over everything read; each appends to draft.diagnostics
// and may rewrite column types (friendly enum names).
void check_table_schemas(Draft& draft);
void check_function_schemas(Draft& draft);
void resolve_column_types(Draft& draft);
void check_foreign_keys(Draft& draft);
void check_relation_names(Draft& draft);
// Each partition's parent is declared and partitioned (table_partitions.cpp).
void check_partitions(Draft& draft);
// That each parent in a claimed schema is declared (table_inheritance.cpp).
void check_inherits(Draft& draft);
// A sequence's owned_by names a declared table and column (sequences.cpp).
void check_sequence_owners(Draft& draft);
void check_views(Draft& draft);
// Every role a grant, owner, membership or default privilege names is
// declared (managed or external) or built in (pg_*); none is both. Then
// moves draft.declared into the model.
void check_role_references(Draft& draft);

// Problems for the file an object was declared in.
Problems problems_at(Draft& draft, const catalog::ObjectId& object);
SourceLocation source_of(const Draft& draft, const catalog::ObjectId& object);

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
    std::map<catalog::ObjectId, SourceLocation> sources;
    // The columns are not known here (a materialized view's indexes without
    // "columns"): key columns are left for the server to check.
    bool unknown_columns = false;
    Declared declared;
    std::vector<catalog::Rename> renames;

    // Reports a duplicate; returns false for it.
    bool claim_constraint_name(const std::string& name, const std::string& pointer);
    // Reports a column the table does not have, suggesting the closest one.
    void check_column_exists(const std::string& column, const std::string& pointer, std::string_view what);
    // Reports each column the table does not have and each repeated one.
    void check_columns_exist(const std::vector<std::string>& columns, const std::string& pointer,
                             std::string_view what);
};

void read_columns(const ObjectReader& reader, TableReading& reading);
// "partition_by" and "partition_of" (table_partitions.cpp). A partition
// leaves "columns" out: they are its parent's.
void read_partitioning(const ObjectReader& reader, TableReading& reading);
// "inherits" (table_inheritance.cpp): parents in order; a child lists only
// its own columns.
void read_inherits(const ObjectReader& reader, TableReading& reading);
// "inherited_columns" (table_inheritance.cpp): a child's own settings on
// columns it has from its parents. After read_partitioning and read_inherits.
void read_inherited_columns(const ObjectReader& reader, TableReading& reading);
void read_constraints(const ObjectReader& reader, TableReading& reading);
void read_indexes(const ObjectReader& reader, TableReading& reading);
void read_triggers(const ObjectReader& reader, TableReading& reading);
// A view file's "triggers": reading.table stands for the view (its name and,
// when the file lists them, its columns).
void read_view_triggers(const ObjectReader& reader, TableReading& reading);
void read_row_security(const ObjectReader& reader, TableReading& reading);

}  // namespace reconcile::desired_state::detail
