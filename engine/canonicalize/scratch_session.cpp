#include "engine/canonicalize/scratch_session.hpp"

#include <fmt/format.h>

#include <set>

#include "catalog/model/identifier.hpp"
#include "engine/render/render.hpp"

namespace reconcile::engine {

RollbackGuard::RollbackGuard(catalog::Connection& conn) : conn_(conn) {
    conn_.run_script("BEGIN");
}

RollbackGuard::~RollbackGuard() {
    try {
        conn_.execute("ROLLBACK");
    } catch (...) {
        // The connection is unusable; the server rolls back when it closes.
    }
}

std::vector<std::pair<catalog::ObjectId, std::string>> new_extensions_sql(const catalog::Model& want,
                                                                          const catalog::Model& live) {
    std::vector<std::pair<catalog::ObjectId, std::string>> out;
    std::set<std::string> schemas_created;
    for (const auto& extension : want.extensions) {
        if (live.find_extension(extension.name)) continue;
        const auto* schema = want.find_schema(extension.schema);
        if (schema && !live.find_schema(extension.schema) && schemas_created.insert(extension.schema).second) {
            for (auto& sql : render_sql(CreateSchema{{extension.schema, std::nullopt}})) {
                out.emplace_back(catalog::schema_id(extension.schema), std::move(sql));
            }
        }
        for (auto& sql : render_sql(CreateExtension{extension})) {
            out.emplace_back(catalog::extension_id(extension.name), std::move(sql));
        }
    }
    return out;
}

std::vector<std::string> server_quoted(catalog::Connection& conn, const std::vector<std::string>& schemas) {
    std::string sql = "SELECT ";
    std::vector<catalog::Value> params;
    for (std::size_t i = 0; i < schemas.size(); ++i) {
        sql += fmt::format("{}quote_ident(${}::text)", i ? ", " : "", i + 1);
        params.emplace_back(schemas[i]);
    }
    auto result = conn.query(sql, params);
    std::vector<std::string> quoted;
    auto row = result.row(0);
    for (std::size_t i = 0; i < row.size(); ++i) quoted.emplace_back(row[i].value_or(""));
    return quoted;
}

std::vector<std::string> scratch_settings(const std::vector<std::string>& scratch_schemas,
                                          const std::vector<std::string>& real) {
    std::string search_path = "SET LOCAL search_path = ";
    for (const auto& s : scratch_schemas) search_path += catalog::quote_identifier(s) + ", ";
    for (const auto& s : real) search_path += catalog::quote_identifier(s) + ", ";
    search_path += "public";
    return {"SET LOCAL lock_timeout = '10s'", "SET LOCAL jit = off", "SET LOCAL check_function_bodies = off",
            std::move(search_path)};
}

}  // namespace reconcile::engine
