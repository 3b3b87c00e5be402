// Sequences that are not part of a column's definition. An identity
// column's sequence ('i' dependency) is its column's; a sequence owned by a
// column ('a', what SERIAL and OWNED BY record) whose default draws from it
// is that column's serial only when `serial` would create exactly this
// sequence (same name, the column's type, PostgreSQL's default options).
// Any other owned sequence (pagila's bigint sequences behind integer
// columns) is read here with its owner, and its column keeps the default
// as written, so that a rebuild gives the same sequence back.
#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

std::string sequences_sql(int) {
    static const std::string sql = R"SQL(
SELECT n.nspname AS schema, c.relname AS name, pg_catalog.format_type(s.seqtypid, NULL) AS type,
       s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
       own.refobjid AS owner_oid, own.refobjsubid AS owner_attnum,
       tn.nspname AS owner_schema, t.relname AS owner_table, a.attname AS owner_column,
       d.description AS comment
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid
LEFT JOIN pg_catalog.pg_depend own
  ON own.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND own.objid = c.oid
 AND own.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND own.deptype = 'a'
LEFT JOIN pg_catalog.pg_class t ON t.oid = own.refobjid
LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = own.refobjid AND a.attnum = own.refobjsubid
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objsubid = 0
WHERE c.relkind = 'S' AND n.nspname = ANY ($1::pg_catalog.text[])
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i
                  WHERE i.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND i.objid = c.oid
                    AND i.deptype = 'i')
  AND )SQL" + not_extension_member("pg_class", "c.oid") +
                                   "\n";
    return sql;
}

namespace {

// What `serial` on table.column creates: named <table>_<column>_seq (when
// that fits in 63 bytes; PostgreSQL shortens longer names in ways not worth
// predicting, so any name is taken then), of the column's type, counting
// from 1 by 1 with no cycle.
bool is_serials_own(const Sequence& sequence, const QualifiedName& table, const Column& column) {
    const std::string expected = column_sequence_name(table, column).name;
    if (expected.size() <= 63 && sequence.name.name != expected) return false;
    return sequence.options == serial_sequence_options(column.serial) && sequence.name.schema == table.schema;
}

}  // namespace

void build_sequences(const ResultSet& result, ReadContext& ctx, Model& model) {
    const auto schema = result.column("schema"), name = result.column("name"), type = result.column("type"),
               start = result.column("seqstart"), increment = result.column("seqincrement"),
               min = result.column("seqmin"), max = result.column("seqmax"), cache = result.column("seqcache"),
               cycle = result.column("seqcycle"), owner_oid = result.column("owner_oid"),
               owner_attnum = result.column("owner_attnum"), owner_schema = result.column("owner_schema"),
               owner_table = result.column("owner_table"), owner_column = result.column("owner_column"),
               comment = result.column("comment");
    for (auto row : result) {
        Sequence sequence;
        sequence.name = {text(row, schema), text(row, name)};
        auto& o = sequence.options;
        o.type = text(row, type);
        o.start = integer(row, start);
        o.increment = integer(row, increment);
        o.min_value = integer(row, min);
        o.max_value = integer(row, max);
        o.cache = integer(row, cache);
        o.cycle = boolean(row, cycle);
        sequence.comment = optional_text(row, comment);
        if (row[owner_oid] && row[owner_column]) {
            QualifiedName table{text(row, owner_schema), text(row, owner_table)};
            sequence.owned_by = SequenceOwner{table, text(row, owner_column)};
            if (Column* column = ctx.column(model, oid(row, owner_oid), integer(row, owner_attnum));
                column && column->serial != Serial::none) {
                if (is_serials_own(sequence, table, *column)) continue;
                // Not what serial would create: the column keeps its
                // default, and the sequence is modelled as it is.
                column->serial = Serial::none;
            }
        }
        model.sequences.push_back(std::move(sequence));
    }
}

}  // namespace reconcile::catalog::introspect_detail
