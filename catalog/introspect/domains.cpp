// Domains with their named checks, one row per check (a domain without
// checks comes back as one row with a NULL check). NOT NULL is typnotnull;
// PostgreSQL 17+ also records it as a constraint of contype 'n', which is
// left out here so that every version reads the same.
#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

std::string domains_sql(int) {
    static const std::string sql = R"SQL(
SELECT t.oid, n.nspname AS schema, t.typname AS name,
       pg_catalog.format_type(t.typbasetype, t.typtypmod) AS base_type,
       pg_catalog.pg_get_expr(t.typdefaultbin, 0) AS default_expr, t.typnotnull AS not_null,
       CASE WHEN t.typcollation <> b.typcollation
            THEN pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)
       END AS collation_name,
       c.conname AS check_name, pg_catalog.pg_get_expr(c.conbin, 0) AS check_expression,
       d.description AS comment
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_type b ON b.oid = t.typbasetype
LEFT JOIN pg_catalog.pg_collation co ON co.oid = t.typcollation
LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_catalog.pg_constraint c ON c.contypid = t.oid AND c.contype = 'c'
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.objsubid = 0
WHERE t.typtype = 'd' AND n.nspname = ANY ($1::pg_catalog.text[])
  AND )SQL" + not_extension_member("pg_type", "t.oid") +
                                   "\nORDER BY t.oid, c.conname\n";
    return sql;
}

void build_domains(const ResultSet& result, ReadContext&, Model& model) {
    const auto type_oid = result.column("oid"), schema = result.column("schema"), name = result.column("name"),
               base_type = result.column("base_type"), default_expr = result.column("default_expr"),
               not_null = result.column("not_null"), collation = result.column("collation_name"),
               check_name = result.column("check_name"), check_expression = result.column("check_expression"),
               comment = result.column("comment");
    std::uint32_t last = 0;
    for (auto row : result) {
        if (model.domains.empty() || oid(row, type_oid) != last) {
            last = oid(row, type_oid);
            Domain domain;
            domain.name = {text(row, schema), text(row, name)};
            domain.base_type = text(row, base_type);
            domain.default_expr = optional_text(row, default_expr);
            domain.not_null = boolean(row, not_null);
            domain.collation = optional_text(row, collation);
            domain.comment = optional_text(row, comment);
            model.domains.push_back(std::move(domain));
        }
        if (auto check = optional_text(row, check_name)) {
            model.domains.back().checks.push_back({*check, text(row, check_expression)});
        }
    }
}

}  // namespace reconcile::catalog::introspect_detail
