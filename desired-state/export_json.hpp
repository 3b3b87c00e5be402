#pragma once
// The JSON documents export writes. Keys are inserted in a fixed, readable
// order (ordered_json keeps insertion order) and only non-default values
// are written, so an exported file reads like a hand-written one.
#include <nlohmann/json.hpp>
#include <string>

#include "catalog/model/model.hpp"

namespace reconcile::desired_state::detail {

using OrderedJson = nlohmann::ordered_json;

// schemas.json: every schema of the model (and any schema an enum or table
// of the model lives in), with comments and enums.
OrderedJson schema_document(const catalog::Model& model);
// model: for the table's owner and grants.
OrderedJson table_document(const catalog::Model& model, const catalog::Table& table);

// export_roles.cpp. The model export writes: the roles the objects refer
// to (managed, or external for superusers), their memberships, and PUBLIC
// stated where it holds a privilege.
catalog::Model with_referenced_roles(catalog::Model model);
// roles.json: roles, external roles, global default privileges.
OrderedJson roles_document(const catalog::Model& model);
void put_grants(OrderedJson& out, const char* key, const catalog::Model& model, const catalog::ObjectId& object);
void put_owner(OrderedJson& out, const catalog::Model& model, const catalog::ObjectId& object);
// Both: "owner", then "grants".
void put_access(OrderedJson& out, const catalog::Model& model, const catalog::ObjectId& object);
// Default privileges IN SCHEMA schema ("" for the global ones).
void put_default_privileges(OrderedJson& out, const catalog::Model& model, const std::string& schema);
void put_sequence_grants(OrderedJson& out, const catalog::Model& model, const catalog::Table& table);
// A function file; body_file, when set, names the .sql file (beside the
// manifest) that holds the body instead of the manifest itself.
OrderedJson function_document(const catalog::Model& model, const catalog::Function& function,
                              const std::optional<std::string>& body_file);
// An aggregate file (export_aggregates.cpp).
OrderedJson aggregate_document(const catalog::Model& model, const catalog::Aggregate& aggregate);
// A view file. query_file: the name of the .sql file beside it that holds
// the query, or empty to write the query inline.
OrderedJson view_document(const catalog::Model& model, const catalog::View& view, const std::string& query_file);

// Compact and readable: a value stays on one line when that line fits in
// 100 bytes (`"columns": ["film_id"]`, a short column), else it is spread
// over lines two spaces deeper; the document itself is always spread. UTF-8
// kept as is, trailing newline. Same document in, same bytes out.
std::string render_document(const OrderedJson& document);

}  // namespace reconcile::desired_state::detail
