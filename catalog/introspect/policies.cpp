// Row-level security policies of the tables read by tables.cpp (the
// ENABLE / FORCE flags are read there, as table attributes). Policies on
// other relations (partitioned tables) stay listed by unmanaged.cpp.
#include <stdexcept>
#include <string_view>

#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

std::string policies_sql(int) {
    // Expressions print with the session's empty search_path, so a call to
    // auth.uid() reads as auth.uid() here and in the canonicalizer's
    // scratch copy alike. Role 0 in polroles is PUBLIC.
    return R"SQL(
SELECT po.polrelid AS table_oid, po.polname AS name, po.polcmd AS command, po.polpermissive AS permissive,
       ARRAY(SELECT CASE WHEN r.oid = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(r.oid)::pg_catalog.text END
             FROM pg_catalog.unnest(po.polroles) AS r(oid)) AS roles,
       pg_catalog.pg_get_expr(po.polqual, po.polrelid) AS using_expr,
       pg_catalog.pg_get_expr(po.polwithcheck, po.polrelid) AS check_expr,
       d.description AS comment
FROM pg_catalog.pg_policy po
JOIN pg_catalog.pg_class c ON c.oid = po.polrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = po.oid AND d.classoid = 'pg_catalog.pg_policy'::pg_catalog.regclass AND d.objsubid = 0
WHERE )SQL" +
           tables_in_scope("c") + "\n";
}

namespace {

PolicyCommand command_from(std::string_view polcmd) {
    if (polcmd == "r") return PolicyCommand::select;
    if (polcmd == "a") return PolicyCommand::insert;
    if (polcmd == "w") return PolicyCommand::update;
    if (polcmd == "d") return PolicyCommand::delete_rows;
    return PolicyCommand::all;  // '*'
}

}  // namespace

void build_policies(const ResultSet& result, ReadContext& ctx, Model& model) {
    const auto table_oid = result.column("table_oid"), name = result.column("name"), command = result.column("command"),
               permissive = result.column("permissive"), roles = result.column("roles"),
               using_expr = result.column("using_expr"), check_expr = result.column("check_expr"),
               comment = result.column("comment");
    for (auto row : result) {
        Table* table = ctx.table(model, oid(row, table_oid));
        if (table == nullptr) continue;  // same scope as tables_sql
        Policy policy;
        policy.name = text(row, name);
        policy.command = command_from(view(row, command));
        policy.permissive = boolean(row, permissive);
        policy.roles = parse_text_array(view(row, roles));
        policy.using_expr = optional_text(row, using_expr);
        policy.check_expr = optional_text(row, check_expr);
        policy.comment = optional_text(row, comment);
        table->policies.push_back(std::move(policy));
    }
}

}  // namespace reconcile::catalog::introspect_detail
