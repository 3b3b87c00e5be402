// Orchestrates the per-kind readers (readers.hpp) and the transaction that
// makes their picture consistent.
#include "catalog/introspect/introspector.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <set>

#include "catalog/introspect/fetcher.hpp"
#include "catalog/introspect/readers.hpp"
#include "catalog/model/identifier.hpp"

namespace reconcile::catalog {

using namespace introspect_detail;

namespace {

// In build order: the later kinds attach to the tables. The per-table ones
// are the costly ones; unmanaged goes to the second session when there are
// two, to even out their server time.
constexpr Reader readers[] = {
    {.what = "schemas", .sql = schemas_sql, .build = build_schemas},
    {.what = "extensions", .sql = extensions_sql, .build = build_extensions},
    {.what = "enums", .sql = enums_sql, .build = build_enums},
    {.what = "domains", .sql = domains_sql, .build = build_domains},
    {.what = "composite types", .sql = composite_types_sql, .build = build_composite_types},
    {.what = "range types", .sql = range_types_sql, .build = build_range_types},
    {.what = "tables", .sql = tables_sql, .build = build_tables},
    {.what = "columns", .sql = columns_sql, .build = build_columns},
    {.what = "identity columns", .sql = identity_sql, .build = build_identity},
    {.what = "sequences", .sql = sequences_sql, .build = build_sequences},
    {.what = "constraints", .sql = constraints_sql, .build = build_constraints, .per_table = true},
    {.what = "indexes", .sql = indexes_sql, .build = build_indexes, .per_table = true},
    {.what = "functions", .sql = functions_sql, .build = build_functions, .session = 1},
    {.what = "aggregates", .sql = aggregates_sql, .build = build_aggregates, .session = 1},
    {.what = "policies", .sql = policies_sql, .build = build_policies},
    {.what = "views", .sql = views_sql, .build = build_views},
    // After the views: a view's INSTEAD OF triggers attach to it.
    {.what = "triggers", .sql = triggers_sql, .build = build_triggers, .session = 1},
    {.what = "materialized view indexes", .sql = view_indexes_sql, .build = build_view_indexes},
    {.what = "view dependencies", .sql = view_uses_sql, .build = build_view_uses, .session = 1},
    {.what = "roles", .sql = roles_sql, .build = build_roles, .session = 1},
    {.what = "role settings", .sql = role_settings_sql, .build = build_role_settings, .session = 1},
    {.what = "role memberships", .sql = memberships_sql, .build = build_memberships, .session = 1},
    {.what = "privileges", .sql = grants_sql, .build = build_grants, .session = 1},
    {.what = "owners", .sql = owners_sql, .build = build_owners, .session = 1},
    {.what = "owners' own privileges", .sql = owner_privileges_sql, .build = build_owner_privileges, .session = 1},
    {.what = "default privileges", .sql = default_grants_sql, .build = build_default_grants, .session = 1},
    {.what = "objects not managed", .sql = unmanaged_sql, .build = build_unmanaged, .session = 1},
};

// scope: the schemas as messages name them.
Model read_with(const std::vector<Connection*>& sessions, const std::vector<std::string>& schemas,
                const std::string& scope) {
    ReadContext ctx;
    ctx.server_version = sessions.front()->server_version();
    Fetcher fetcher(readers, sessions, schemas, scope, ctx.server_version);
    Model model;
    for (std::size_t r = 0; r < std::size(readers); ++r) {
        for (std::size_t part = 0; part < fetcher.parts(r); ++part) {
            ResultSet result = fetcher.take(r, part);  // its errors say what was read
            try {
                readers[r].build(result, ctx, model);
            } catch (const std::exception& error) {
                // Rows the build step could not make sense of.
                throw std::runtime_error(std::string("reading ") + readers[r].what + " of " + scope + ": " +
                                         error.what());
            }
        }
    }
    model.normalize();
    return model;
}

// REPEATABLE READ: every reader sees the same snapshot. An empty search_path
// makes format_type, pg_get_expr and regclass output schema-qualify
// everything outside pg_catalog. JIT-compiling the catalog queries costs
// seconds on big catalogs and saves nothing.
constexpr const char* begin_read =
    "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL search_path = ''; SET LOCAL jit = off; SET LOCAL "
    "max_parallel_workers_per_gather = 0";

void end(Connection& conn, bool commit) {
    if (commit) {
        conn.execute("COMMIT");
        return;
    }
    try {
        conn.execute("ROLLBACK");
    } catch (...) {
        // The original error is the one worth reporting.
    }
}

// A second session in conn's snapshot, so that the server works on two
// queries at once (it has a core per session; the catalog reads of a big
// schema are mostly server time). Nothing if the server or the role does
// not allow it (a connection limit, a standby that cannot export a
// snapshot): the reads then share one session, just slower. Leaves conn in
// its read transaction either way.
std::optional<Connection> open_snapshot_session(Connection& conn) {
    std::string snapshot;
    try {
        auto result = conn.query("SELECT pg_catalog.pg_export_snapshot()");
        snapshot = std::string(result.row(0)[0].value_or(""));
    } catch (const QueryError&) {
        end(conn, false);  // the failed call aborted the transaction
        conn.run_script(begin_read);
        return std::nullopt;
    }
    try {
        auto other = conn.open_another();
        // SET TRANSACTION SNAPSHOT must come first in the transaction; the
        // snapshot name is the server's text, so it travels as a statement
        // of its own, pipelined with the rest into one round trip.
        other.execute_pipelined({"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                                 "SET TRANSACTION SNAPSHOT " + quote_literal(snapshot), "SET LOCAL search_path = ''",
                                 "SET LOCAL jit = off", "SET LOCAL max_parallel_workers_per_gather = 0"});
        return other;
    } catch (const std::runtime_error&) {
        return std::nullopt;
    }
}

}  // namespace

Model read_model(Connection& conn, const std::vector<std::string>& schemas) {
    // Counted, not named: the canonicalizer's scratch schemas have internal
    // names that mean nothing to a user (and must not look like theirs).
    return read_with({&conn}, schemas, std::to_string(schemas.size()) + (schemas.size() == 1 ? " schema" : " schemas"));
}

Model introspect(Connection& conn, const std::vector<std::string>& schemas) {
    conn.run_script(begin_read);
    std::optional<Connection> other;
    try {
        other = open_snapshot_session(conn);
        std::vector<Connection*> sessions{&conn};
        if (other) sessions.push_back(&*other);
        Model model = read_with(sessions, schemas, schemas_phrase(schemas));
        if (other) end(*other, true);
        end(conn, true);
        return model;
    } catch (...) {
        if (other) end(*other, false);
        end(conn, false);
        throw;
    }
}

// Scratch schemas are reconcile's own and only ever exist inside a
// transaction that is rolled back; one that was committed anyway (by a
// version before plan sent manifest text one statement at a time) is
// never the user's to export.
std::vector<std::string> list_user_schemas(Connection& conn) {
    static const std::string sql = R"SQL(
SELECT n.nspname
FROM pg_catalog.pg_namespace n
WHERE )SQL" + user_schema("n");
    ResultSet result;
    try {
        result = conn.query(sql);
    } catch (const QueryError& error) {
        throw in_context(error, "listing the database's schemas");
    }
    std::vector<std::string> names;
    for (auto row : result) names.push_back(text(row, 0));
    std::sort(names.begin(), names.end());
    return names;
}

std::map<QualifiedName, std::vector<std::string>> read_table_columns(Connection& conn,
                                                                     const std::vector<QualifiedName>& tables) {
    // Deduplicated: a repeated name would repeat its columns in the join.
    std::set<QualifiedName> unique(tables.begin(), tables.end());
    std::vector<std::string> schemas, names;
    for (const auto& table : unique) {
        schemas.push_back(table.schema);
        names.push_back(table.name);
    }
    // Foreign keys can reference plain and partitioned tables.
    static const std::string sql = R"SQL(
SELECT n.nspname, c.relname, a.attname
FROM ROWS FROM (pg_catalog.unnest($1::pg_catalog.text[]), pg_catalog.unnest($2::pg_catalog.text[]))
  AS wanted(schema_name, table_name)
JOIN pg_catalog.pg_namespace n ON n.nspname = wanted.schema_name
JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = wanted.table_name AND c.relkind IN ('r', 'p')
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY n.nspname, c.relname, a.attnum
)SQL";
    ResultSet result;
    try {
        result = conn.query(sql, {text_array_literal(schemas), text_array_literal(names)});
    } catch (const QueryError& error) {
        throw in_context(error, "reading the columns of the referenced tables in " + schemas_phrase(schemas));
    }
    std::map<QualifiedName, std::vector<std::string>> out;
    for (auto row : result) {
        auto& columns = out[QualifiedName{text(row, 0), text(row, 1)}];
        if (row[2]) columns.emplace_back(*row[2]);
    }
    return out;
}

}  // namespace reconcile::catalog
