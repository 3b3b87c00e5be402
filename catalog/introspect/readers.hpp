#pragma once
// Private to catalog/introspect: one reader per object kind, each a single
// query over every requested schema. introspector.cpp runs them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "catalog/model/model.hpp"
#include "catalog/pg/connection.hpp"

namespace reconcile::catalog::introspect_detail {

// Server versions whose catalogs differ in ways the readers must branch on.
// (PostgreSQL 18's NOT NULL rows in pg_constraint, contype 'n', need no
// branch of their own: constraints.cpp selects the contypes it wants.)
// pg_attribute.attcompression; SQL-standard function bodies (BEGIN ATOMIC
// ... END, RETURN expr), stored parsed in prosqlbody instead of prosrc.
inline constexpr int pg14 = 140000;
inline constexpr int pg15 = 150000;  // pg_index.indnullsnotdistinct
// pg_auth_members: inherit_option, set_option, one row per grantor.
inline constexpr int pg16 = 160000;
// pg_constraint.conenforced (NOT ENFORCED), conperiod (WITHOUT OVERLAPS,
// PERIOD), NOT VALID NOT NULL constraints, virtual generated columns.
inline constexpr int pg18 = 180000;
// pg_attribute.attstattarget is NULL for the default, not -1.
inline constexpr int pg17 = 170000;

// What the build steps share while one model is built.
struct ReadContext {
    int server_version = 0;
    // The tables build_tables read, by oid: where each is in model.tables,
    // and its column names at index attnum - 1 ("" for a dropped column).
    // Keys come back from the server as attnums, which are far cheaper for
    // it than names.
    struct TableRead {
        std::size_t index = 0;
        std::vector<std::string> columns;
    };
    std::unordered_map<std::uint32_t, TableRead> tables;
    // The views build_views read, by oid: where each is in model.views.
    std::unordered_map<std::uint32_t, std::size_t> views;

    // nullptr for a relation build_tables did not read.
    Table* table(Model& model, std::uint32_t oid);
    Column* column(Model& model, std::uint32_t table_oid, long long attnum);
};

// "schema public", "schemas public, app", "schemas a, b, c, d, e and 7 more":
// what a catalog read covered, for its error messages.
std::string schemas_phrase(const std::vector<std::string>& schemas);
// error with `context` in front of its message ("reading constraints of
// schema public: ..."), its SQLSTATE, detail and hint kept: the server's
// message alone does not say which of the catalog queries failed.
QueryError in_context(const QueryError& error, std::string_view context);

using catalog::text_array_literal;
// Parses a one-dimensional text[] (or name[]) as the server prints it.
std::vector<std::string> parse_text_array(std::string_view text);

// SQL condition: the object (catalog, oid expression) is not a member of an
// extension. Extension members belong to the extension, not to the schema's
// owner, so they are neither managed nor listed.
std::string not_extension_member(std::string_view catalog, std::string_view oid_expr);

// SQL condition: the pg_namespace row `n` (an alias) is a schema a user
// created: not pg_catalog, information_schema, pg_toast, a temporary
// schema, one of reconcile's scratch schemas or an extension's. What export
// reads when no --schema is given.
std::string user_schema(std::string_view n);

// Values of a result row. The views live as long as the ResultSet.
std::string_view view(const Row& row, std::size_t column);  // REQUIRES: not NULL
std::string text(const Row& row, std::size_t column);       // REQUIRES: not NULL
Value optional_text(const Row& row, std::size_t column);
bool boolean(const Row& row, std::size_t column);       // NULL reads as false
long long integer(const Row& row, std::size_t column);  // REQUIRES: not NULL
std::uint32_t oid(const Row& row, std::size_t column);  // REQUIRES: not NULL
// A result's rows in (group, position) order: readers send no ORDER BY,
// because sorting 100,000 wide rows costs the server more than sorting
// their keys costs here. group is an oid column, position an integer one.
struct RowKey {
    std::uint32_t group;
    long long position;
    std::size_t row;
};
std::vector<RowKey> rows_in_order(const ResultSet& result, std::size_t group, std::size_t position);
// "{1,3}" (an int2vector or int2[] printed as text) -> {1, 3}.
std::vector<int> parse_int_array(std::string_view text);

// One reader per kind: its query, over every requested schema ($1), and the
// step that adds its rows to the model. The queries do not depend on each
// other, so they may run on separate sessions that share one snapshot; the
// build steps run in the order of this list (later kinds attach to tables)
// and never query.
std::string schemas_sql(int server_version);
void build_schemas(const ResultSet& result, ReadContext& ctx, Model& model);
std::string extensions_sql(int server_version);
void build_extensions(const ResultSet& result, ReadContext& ctx, Model& model);
std::string enums_sql(int server_version);
void build_enums(const ResultSet& result, ReadContext& ctx, Model& model);
std::string composite_types_sql(int server_version);
void build_composite_types(const ResultSet& result, ReadContext& ctx, Model& model);
std::string range_types_sql(int server_version);
void build_range_types(const ResultSet& result, ReadContext& ctx, Model& model);
std::string domains_sql(int server_version);
void build_domains(const ResultSet& result, ReadContext& ctx, Model& model);
// The tables in scope: ordinary tables in the requested schemas, not owned
// by an extension. A condition on aliases of pg_class (c) and of its
// pg_namespace (n) that every reader of per-table objects uses, so that they
// all see the same tables.
std::string tables_in_scope(std::string_view c, std::string_view n = "n");
// For per_table readers (fetcher.hpp): the tables whose oid modulo $2 is
// between $3 and $4. A condition on the pg_class alias c.
std::string table_share(std::string_view c);
// build_tables fills ctx.tables; the later steps attach to tables through it.
std::string tables_sql(int server_version);
void build_tables(const ResultSet& result, ReadContext& ctx, Model& model);
std::string columns_sql(int server_version);
void build_columns(const ResultSet& result, ReadContext& ctx, Model& model);
std::string identity_sql(int server_version);
void build_identity(const ResultSet& result, ReadContext& ctx, Model& model);
// After columns: decides which owned sequences are a serial column's.
std::string sequences_sql(int server_version);
void build_sequences(const ResultSet& result, ReadContext& ctx, Model& model);
std::string constraints_sql(int server_version);
void build_constraints(const ResultSet& result, ReadContext& ctx, Model& model);
std::string indexes_sql(int server_version);
void build_indexes(const ResultSet& result, ReadContext& ctx, Model& model);
// The tables in scope and the views in the requested schemas (not an
// extension's): what triggers.cpp reads the triggers of. A condition on the
// pg_class alias c and pg_namespace alias n.
std::string relations_with_triggers(std::string_view c);
std::string triggers_sql(int server_version);
void build_triggers(const ResultSet& result, ReadContext& ctx, Model& model);
// The condition of a trigger's WHEN (...) clause in pg_get_triggerdef's
// text, without the parentheses around it; nothing when it has none.
std::optional<std::string> trigger_when_clause(std::string_view definition);
// SQL condition on a pg_proc alias: a function or procedure the model
// manages (not an aggregate, a window function, or C / internal code).
std::string routine_is_managed(std::string_view p);
std::string functions_sql(int server_version);
void build_functions(const ResultSet& result, ReadContext& ctx, Model& model);
// SQL condition on a pg_proc alias: an aggregate the model manages (a
// normal one, not ordered-set or hypothetical-set).
std::string aggregate_is_managed(std::string_view p);
std::string aggregates_sql(int server_version);
void build_aggregates(const ResultSet& result, ReadContext& ctx, Model& model);
std::string policies_sql(int server_version);
void build_policies(const ResultSet& result, ReadContext& ctx, Model& model);
std::string views_sql(int server_version);
void build_views(const ResultSet& result, ReadContext& ctx, Model& model);
std::string view_indexes_sql(int server_version);
void build_view_indexes(const ResultSet& result, ReadContext& ctx, Model& model);
std::string view_uses_sql(int server_version);
void build_view_uses(const ResultSet& result, ReadContext& ctx, Model& model);
std::string roles_sql(int server_version);
void build_roles(const ResultSet& result, ReadContext& ctx, Model& model);
std::string role_settings_sql(int server_version);
void build_role_settings(const ResultSet& result, ReadContext& ctx, Model& model);
std::string memberships_sql(int server_version);
void build_memberships(const ResultSet& result, ReadContext& ctx, Model& model);
// privileges.cpp: ACLs, owners and default privileges of the objects in scope.
std::string grants_sql(int server_version);
void build_grants(const ResultSet& result, ReadContext& ctx, Model& model);
std::string owners_sql(int server_version);
void build_owners(const ResultSet& result, ReadContext& ctx, Model& model);
std::string owner_privileges_sql(int server_version);
void build_owner_privileges(const ResultSet& result, ReadContext& ctx, Model& model);
std::string default_grants_sql(int server_version);
void build_default_grants(const ResultSet& result, ReadContext& ctx, Model& model);
std::string unmanaged_sql(int server_version);
void build_unmanaged(const ResultSet& result, ReadContext& ctx, Model& model);

}  // namespace reconcile::catalog::introspect_detail
