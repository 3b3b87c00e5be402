// Columns of the tables tables.cpp read, and the options of identity
// columns' sequences (a query of their own: few columns have them, and
// seven mostly-NULL fields on every column row cost memory and time).
#include <string_view>

#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

std::string columns_sql(int server_version) {
    // PostgreSQL 18 can add a NOT NULL constraint NOT VALID: attnotnull is
    // set, new rows are checked, old rows may hold NULLs. The column is not
    // NOT NULL until the constraint is validated (SET NOT NULL validates it);
    // unmanaged.cpp lists the constraint meanwhile.
    const char* not_null = server_version >= pg18 ? R"SQL((a.attnotnull AND NOT EXISTS (
          SELECT 1 FROM pg_catalog.pg_constraint nn
          WHERE nn.conrelid = c.oid AND nn.contype = 'n' AND nn.conkey[1] = a.attnum AND NOT nn.convalidated)))SQL"
                                                  : "a.attnotnull";
    const char* statistics = server_version >= pg17 ? "a.attstattarget" : "NULLIF(a.attstattarget, -1)";
    const char* compression = server_version >= pg14 ? "NULLIF(a.attcompression, '')" : "NULL::pg_catalog.char";
    return std::string(R"SQL(
SELECT a.attrelid, a.attnum, a.attname AS name, a.attinhcount > 0 AS inherited,
       )SQL") +
           statistics + R"SQL( AS statistics, )SQL" + compression + R"SQL( AS compression,
       CASE WHEN a.attstorage <> ty.typstorage THEN a.attstorage END AS storage, a.attoptions AS options,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
       )SQL" +
           not_null + R"SQL( AS not_null,
       -- A default cannot refer to columns, so it needs no relation to
       -- deparse against; naming one would make the server build a relcache
       -- entry for (and lock) every table with a default. Generated
       -- expressions do refer to columns.
       CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(ad.adbin, 0)
            ELSE pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END AS default_expr,
       a.attidentity AS identity,
       a.attgenerated AS generated,
       CASE WHEN a.attcollation <> ty.typcollation
            THEN pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)
       END AS collation_name,
       d.description AS comment,
       -- serial: the default uses a sequence that this very column owns
       -- (pg_depend 'a', what SERIAL and OWNED BY record).
       serial.attrdef IS NOT NULL AS owns_default_sequence,
       -- Of an inherited column: whether a parent has the same default, and
       -- whether one is NOT NULL (what the child got from them).
       CASE WHEN a.attinhcount > 0 AND ad.oid IS NOT NULL THEN EXISTS (
         SELECT 1 FROM pg_catalog.pg_inherits i
         JOIN pg_catalog.pg_attribute pa ON pa.attrelid = i.inhparent AND pa.attname = a.attname
         JOIN pg_catalog.pg_attrdef pd ON pd.adrelid = pa.attrelid AND pd.adnum = pa.attnum
         WHERE i.inhrelid = c.oid AND pg_catalog.pg_get_expr(pd.adbin, 0) = pg_catalog.pg_get_expr(ad.adbin, 0))
       END AS parent_has_default,
       CASE WHEN a.attinhcount > 0 AND a.attnotnull THEN EXISTS (
         SELECT 1 FROM pg_catalog.pg_inherits i
         JOIN pg_catalog.pg_attribute pa ON pa.attrelid = i.inhparent AND pa.attname = a.attname
         WHERE i.inhrelid = c.oid AND pa.attnotnull)
       END AS parent_not_null
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objsubid = a.attnum
-- Defaults that use a sequence owned by their own column, found in one pass
-- over pg_depend rather than a lookup per column.
LEFT JOIN (SELECT DISTINCT used.objid AS attrdef
           FROM pg_catalog.pg_depend used
           JOIN pg_catalog.pg_attrdef def ON def.oid = used.objid
           JOIN pg_catalog.pg_depend own
             ON own.objid = used.refobjid AND own.refobjid = def.adrelid AND own.refobjsubid = def.adnum
            AND own.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
            AND own.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND own.deptype = 'a'
           JOIN pg_catalog.pg_class seq ON seq.oid = own.objid AND seq.relkind = 'S'
           WHERE used.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass
             AND used.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass) serial
  ON a.attidentity = '' AND serial.attrdef = ad.oid
WHERE )SQL" +
           tables_in_scope("c") + "\n";
}

std::string identity_sql(int) {
    // An identity column's sequence is tied to it by an internal ('i')
    // dependency.
    return R"SQL(
SELECT dep.refobjid AS attrelid, dep.refobjsubid AS attnum, seq.relname AS sequence_name,
       pg_catalog.format_type(s.seqtypid, NULL) AS type,
       s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle
FROM pg_catalog.pg_depend dep
JOIN pg_catalog.pg_sequence s ON s.seqrelid = dep.objid
JOIN pg_catalog.pg_class seq ON seq.oid = dep.objid
JOIN pg_catalog.pg_class c ON c.oid = dep.refobjid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE dep.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
  AND dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND dep.deptype = 'i'
  AND )SQL" +
           tables_in_scope("c") + "\n";
}

namespace {

std::optional<std::string> storage_name(std::optional<std::string> code) {
    if (!code) return std::nullopt;
    if (*code == "p") return "plain";
    if (*code == "e") return "external";
    if (*code == "m") return "main";
    return "extended";  // 'x'
}

std::optional<std::string> compression_name(std::optional<std::string> code) {
    if (!code) return std::nullopt;
    return *code == "l" ? "lz4" : "pglz";  // 'p'
}

// n_distinct and n_distinct_inherited are the options ALTER COLUMN ... SET
// accepts; anything else a server keeps in attoptions (a build's own
// bookkeeping) is not a setting of the column, and SET would refuse it.
std::vector<std::string> attribute_options(std::string_view list) {
    std::vector<std::string> out;
    for (auto& option : parse_text_array(list)) {
        if (option.rfind("n_distinct=", 0) == 0 || option.rfind("n_distinct_inherited=", 0) == 0) {
            out.push_back(std::move(option));
        }
    }
    return out;
}

Serial serial_for(std::string_view type) {
    if (type == "smallint") return Serial::smallserial;
    if (type == "integer") return Serial::serial;
    if (type == "bigint") return Serial::bigserial;
    return Serial::none;
}

}  // namespace

void build_columns(const ResultSet& result, ReadContext& ctx, Model& model) {
    const auto attrelid = result.column("attrelid"), attnum = result.column("attnum"), name = result.column("name"),
               type = result.column("type"), not_null = result.column("not_null"),
               default_expr = result.column("default_expr"), identity = result.column("identity"),
               generated = result.column("generated"), collation = result.column("collation_name"),
               comment = result.column("comment"), owns_sequence = result.column("owns_default_sequence"),
               statistics = result.column("statistics"), compression = result.column("compression"),
               storage = result.column("storage"), options = result.column("options"),
               inherited = result.column("inherited"), parent_has_default = result.column("parent_has_default"),
               parent_not_null = result.column("parent_not_null");

    // Each table's columns in attnum order.
    for (const RowKey& key : rows_in_order(result, attrelid, attnum)) {
        auto row = result.row(key.row);
        Table* table = ctx.table(model, key.group);
        if (table == nullptr) continue;  // same scope as tables_sql; cannot happen in one snapshot

        Column column;
        column.name = text(row, name);
        auto& names = ctx.tables[key.group].columns;
        names.resize(static_cast<std::size_t>(key.position));
        names.back() = column.name;
        // A partition's columns are its parent's (partition.hpp), and so are
        // an INHERITS child's inherited ones, even when the child declared
        // them too; the name is kept above for its own keys and indexes,
        // which name attnums. What the child set on one itself is kept.
        if (boolean(row, inherited)) {
            InheritedColumn own;
            own.name = column.name;
            if (row[parent_has_default] && !boolean(row, parent_has_default) && view(row, generated).empty()) {
                own.default_expr = optional_text(row, default_expr);
            }
            own.not_null = row[parent_not_null] && !boolean(row, parent_not_null);
            own.comment = optional_text(row, comment);
            if (own != InheritedColumn{own.name}) table->inherited_columns.push_back(std::move(own));
            continue;
        }
        column.type = text(row, type);
        column.not_null = boolean(row, not_null);
        column.collation = optional_text(row, collation);
        column.comment = optional_text(row, comment);
        if (row[statistics]) column.tuning.statistics = static_cast<int>(integer(row, statistics));
        column.tuning.storage = storage_name(optional_text(row, storage));
        column.tuning.compression = compression_name(optional_text(row, compression));
        if (auto list = optional_text(row, options)) column.tuning.options = attribute_options(*list);

        if (view(row, generated).empty()) {
            column.default_expr = optional_text(row, default_expr);
        } else {
            // 's' stored; 'v' virtual (PostgreSQL 18) is also listed as
            // unmanaged, since the model cannot tell the two apart yet.
            column.generated = optional_text(row, default_expr);
        }

        const std::string_view identity_kind = view(row, identity);
        if (!identity_kind.empty()) {
            column.identity = Identity{};
            column.identity->kind = identity_kind == "a" ? IdentityKind::always : IdentityKind::by_default;
        } else if (boolean(row, owns_sequence) && column.default_expr &&
                   column.default_expr->rfind("nextval(", 0) == 0) {
            column.serial = serial_for(column.type);
        }
        table->columns.push_back(std::move(column));
    }
}

void build_identity(const ResultSet& result, ReadContext& ctx, Model& model) {
    const auto attrelid = result.column("attrelid"), attnum = result.column("attnum"), type = result.column("type"),
               start = result.column("seqstart"), increment = result.column("seqincrement"),
               min = result.column("seqmin"), max = result.column("seqmax"), cache = result.column("seqcache"),
               cycle = result.column("seqcycle"), sequence_name = result.column("sequence_name");
    for (auto row : result) {
        const auto table_oid = oid(row, attrelid);
        Column* column = ctx.column(model, table_oid, integer(row, attnum));
        if (column == nullptr || !column->identity) continue;
        // Recorded only where it is not the default, so that ordinary
        // manifests do not spell it out.
        std::string name = text(row, sequence_name);
        if (name != default_sequence_name(ctx.table(model, table_oid)->name.name, column->name)) {
            column->identity->sequence_name = std::move(name);
        }
        auto& sequence = column->identity->sequence;
        sequence.type = text(row, type);
        sequence.start = integer(row, start);
        sequence.increment = integer(row, increment);
        sequence.min_value = integer(row, min);
        sequence.max_value = integer(row, max);
        sequence.cache = integer(row, cache);
        sequence.cycle = boolean(row, cycle);
    }
}

Column* ReadContext::column(Model& model, std::uint32_t table_oid, long long attnum) {
    Table* table = this->table(model, table_oid);
    if (table == nullptr || attnum < 1) return nullptr;
    const auto& names = tables[table_oid].columns;
    if (static_cast<std::size_t>(attnum) > names.size()) return nullptr;
    const std::string& name = names[static_cast<std::size_t>(attnum) - 1];
    for (auto& column : table->columns) {
        if (column.name == name) return &column;
    }
    return nullptr;
}

}  // namespace reconcile::catalog::introspect_detail
