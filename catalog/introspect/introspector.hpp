#pragma once
// Reads pg_catalog into the model: one query per object kind for all the
// requested schemas, never one per table.
#include <map>
#include <string>
#include <vector>

#include "catalog/model/model.hpp"
#include "catalog/pg/connection.hpp"

namespace reconcile::catalog {

// Reads the given schemas in one REPEATABLE READ READ ONLY transaction so the
// picture is consistent. Schemas that do not exist are simply absent from
// the result. Objects owned by extensions are skipped. Kinds the model does
// not cover are listed in Model::unmanaged.
Model introspect(Connection& conn, const std::vector<std::string>& schemas);

// The same reads without transaction control, for a caller that already has
// a transaction open (canonicalization reads its scratch schemas this way).
// REQUIRES: search_path is '' in the current transaction, so every name that
// the server prints (types, regclass, functions) is schema-qualified.
Model read_model(Connection& conn, const std::vector<std::string>& schemas);

// Every schema a user created: excludes pg_catalog, information_schema,
// pg_toast and temp schemas, and schemas owned by extensions. Sorted.
std::vector<std::string> list_user_schemas(Connection& conn);

// Columns of tables that exist, for checking references to tables outside
// the claimed schemas (a foreign key to auth.users). Tables that do not
// exist are absent from the map. One query.
std::map<QualifiedName, std::vector<std::string>> read_table_columns(Connection& conn,
                                                                     const std::vector<QualifiedName>& tables);

}  // namespace reconcile::catalog
