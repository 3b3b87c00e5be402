#pragma once
// Private to catalog/introspect: one reader per object kind, each a single
// query over every requested schema. introspector.cpp calls them in order.
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model/model.hpp"
#include "catalog/pg/connection.hpp"

namespace reconcile::catalog::introspect_detail {

// Server versions whose catalogs differ in ways the readers must branch on.
// (PostgreSQL 18's NOT NULL rows in pg_constraint, contype 'n', need no
// branch of their own: constraints.cpp selects the contypes it wants.)
inline constexpr int pg15 = 150000;  // pg_index.indnullsnotdistinct
// pg_constraint.conenforced (NOT ENFORCED), conperiod (WITHOUT OVERLAPS,
// PERIOD), NOT VALID NOT NULL constraints, virtual generated columns.
inline constexpr int pg18 = 180000;

struct ReadContext {
    Connection& conn;
    Value schemas;  // the requested schemas as a text[] literal, sent as $1
    int server_version = 0;
};

// {"a","b\"c"}: a text[] literal for a query parameter.
std::string text_array_literal(const std::vector<std::string>& items);
// Parses a one-dimensional text[] (or name[]) as the server prints it.
std::vector<std::string> parse_text_array(std::string_view text);

// SQL condition: the object (catalog, oid expression) is not a member of an
// extension. Extension members belong to the extension, not to the schema's
// owner, so they are neither managed nor listed.
std::string not_extension_member(std::string_view catalog, std::string_view oid_expr);

const std::string& text(const Row& row, std::size_t column);  // REQUIRES: not NULL
Value optional_text(const Row& row, std::size_t column);
bool boolean(const Row& row, std::size_t column);       // NULL reads as false
long long integer(const Row& row, std::size_t column);  // REQUIRES: not NULL

void read_schemas(ReadContext& ctx, Model& model);
void read_enums(ReadContext& ctx, Model& model);
// Tables with their columns. Leaves model.tables sorted by name so the later
// readers can attach constraints and indexes with Model::find_table.
void read_tables(ReadContext& ctx, Model& model);
void read_constraints(ReadContext& ctx, Model& model);
void read_indexes(ReadContext& ctx, Model& model);
void read_unmanaged(ReadContext& ctx, Model& model);

}  // namespace reconcile::catalog::introspect_detail
