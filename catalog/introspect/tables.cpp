// Tables and their columns, in one query: a LEFT JOIN keeps tables that have
// no columns. Only ordinary tables: partitions and partitioned tables are
// listed as unmanaged by unmanaged.cpp until the model covers them.
#include <string_view>

#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

namespace {

std::string columns_sql(int server_version) {
    // PostgreSQL 18 can add a NOT NULL constraint NOT VALID: attnotnull is
    // set, new rows are checked, old rows may hold NULLs. The column is not
    // NOT NULL until the constraint is validated (SET NOT NULL validates it);
    // unmanaged.cpp lists the constraint meanwhile.
    const char* not_null = server_version >= pg18 ? R"SQL((a.attnotnull AND NOT EXISTS (
          SELECT 1 FROM pg_catalog.pg_constraint nn
          WHERE nn.conrelid = c.oid AND nn.contype = 'n' AND nn.conkey[1] = a.attnum AND NOT nn.convalidated)))SQL"
                                                  : "a.attnotnull";
    return std::string(R"SQL(
SELECT n.nspname AS schema, c.relname AS table_name, td.description AS table_comment,
       c.relpersistence = 'u' AS unlogged, c.reloptions AS storage,
       a.attname AS column_name,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
       )SQL") +
           not_null + R"SQL( AS not_null,
       pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) AS default_expr,
       a.attidentity AS identity,
       a.attgenerated AS generated,
       CASE WHEN a.attcollation <> ty.typcollation
            THEN pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)
       END AS collation_name,
       cd.description AS column_comment,
       pg_catalog.format_type(s.seqtypid, NULL) AS seq_type,
       s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
       -- serial: the default uses a sequence that this very column owns
       -- (pg_depend 'a', what SERIAL and OWNED BY record).
       (a.attidentity = '' AND ad.oid IS NOT NULL AND EXISTS (
          SELECT 1
          FROM pg_catalog.pg_depend own
          JOIN pg_catalog.pg_class sc ON sc.oid = own.objid AND sc.relkind = 'S'
          JOIN pg_catalog.pg_depend used
            ON used.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass AND used.objid = ad.oid
           AND used.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND used.refobjid = own.objid
          WHERE own.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
            AND own.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
            AND own.refobjid = c.oid AND own.refobjsubid = a.attnum AND own.deptype = 'a'
       )) AS owns_default_sequence
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description td
  ON td.objoid = c.oid AND td.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND td.objsubid = 0
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_catalog.pg_description cd
  ON cd.objoid = c.oid AND cd.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND cd.objsubid = a.attnum
-- An identity column's sequence is tied to it by an internal ('i') dependency.
LEFT JOIN (pg_catalog.pg_depend idd JOIN pg_catalog.pg_sequence s ON s.seqrelid = idd.objid)
  ON a.attidentity <> '' AND idd.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
 AND idd.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
 AND idd.refobjid = c.oid AND idd.refobjsubid = a.attnum AND idd.deptype = 'i'
WHERE c.relkind = 'r' AND NOT c.relispartition
  AND n.nspname = ANY ($1::pg_catalog.text[])
  AND )SQL" +
           not_extension_member("pg_class", "c.oid") +
           R"SQL(
ORDER BY n.nspname, c.relname, a.attnum
)SQL";
}

Serial serial_for(std::string_view type) {
    if (type == "smallint") return Serial::smallserial;
    if (type == "integer") return Serial::serial;
    if (type == "bigint") return Serial::bigserial;
    return Serial::none;
}

}  // namespace

void read_tables(ReadContext& ctx, Model& model) {
    auto result = ctx.conn.query(columns_sql(ctx.server_version), {ctx.schemas});
    const auto schema = result.column("schema"), table_name = result.column("table_name"),
               table_comment = result.column("table_comment"), unlogged = result.column("unlogged"),
               storage = result.column("storage"), column_name = result.column("column_name"),
               type = result.column("type"), not_null = result.column("not_null"),
               default_expr = result.column("default_expr"), identity = result.column("identity"),
               generated = result.column("generated"), collation = result.column("collation_name"),
               column_comment = result.column("column_comment"), seq_type = result.column("seq_type"),
               seq_start = result.column("seqstart"), seq_increment = result.column("seqincrement"),
               seq_min = result.column("seqmin"), seq_max = result.column("seqmax"),
               seq_cache = result.column("seqcache"), seq_cycle = result.column("seqcycle"),
               owns_sequence = result.column("owns_default_sequence");

    for (const auto& row : result.rows) {
        QualifiedName name{text(row, schema), text(row, table_name)};
        if (model.tables.empty() || model.tables.back().name != name) {
            Table table;
            table.name = name;
            table.comment = optional_text(row, table_comment);
            table.unlogged = boolean(row, unlogged);
            if (auto options = optional_text(row, storage)) table.storage = parse_text_array(*options);
            model.tables.push_back(std::move(table));
        }
        if (!row[column_name]) continue;  // a table without columns

        Column column;
        column.name = text(row, column_name);
        column.type = text(row, type);
        column.not_null = boolean(row, not_null);
        column.collation = optional_text(row, collation);
        column.comment = optional_text(row, column_comment);

        const std::string& generated_kind = text(row, generated);
        if (generated_kind.empty()) {
            column.default_expr = optional_text(row, default_expr);
        } else {
            // 's' stored; 'v' virtual (PostgreSQL 18) is also listed as
            // unmanaged, since the model cannot tell the two apart yet.
            column.generated = optional_text(row, default_expr);
        }

        const std::string& identity_kind = text(row, identity);
        if (!identity_kind.empty()) {
            Identity id;
            id.kind = identity_kind == "a" ? IdentityKind::always : IdentityKind::by_default;
            if (row[seq_start]) {
                id.sequence.type = text(row, seq_type);
                id.sequence.start = integer(row, seq_start);
                id.sequence.increment = integer(row, seq_increment);
                id.sequence.min_value = integer(row, seq_min);
                id.sequence.max_value = integer(row, seq_max);
                id.sequence.cache = integer(row, seq_cache);
                id.sequence.cycle = boolean(row, seq_cycle);
            }
            column.identity = std::move(id);
        } else if (boolean(row, owns_sequence) && column.default_expr &&
                   column.default_expr->rfind("nextval(", 0) == 0) {
            column.serial = serial_for(column.type);
        }
        model.tables.back().columns.push_back(std::move(column));
    }
    // Rows came in server collation order; the model sorts bytewise.
    model.normalize();
}

}  // namespace reconcile::catalog::introspect_detail
