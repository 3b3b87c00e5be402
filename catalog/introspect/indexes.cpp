// Indexes that do not back a constraint (those are part of the constraint),
// one row per index column so key details need no array parsing.

#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

namespace {

// scope: a condition on the indexed relation t and its namespace n.
std::string index_rows_sql(int server_version, const std::string& scope) {
    // PostgreSQL 15 added NULLS NOT DISTINCT.
    const char* nulls_not_distinct = server_version >= pg15 ? "ix.indnullsnotdistinct" : "false";
    return std::string(R"SQL(
SELECT ix.indrelid AS table_oid, ic.relname AS name, ix.indexrelid AS oid,
       -- A partitioned index is INVALID until every partition has one
       -- attached: pg_dump's output between CREATE INDEX ON ONLY and the
       -- ATTACHes, or a migration that builds the partitions' indexes
       -- concurrently one by one. Not a failed build; not rebuilt.
       ix.indisunique AS is_unique, ix.indisvalid OR ic.relkind = 'I' AS is_valid, )SQL") +
           nulls_not_distinct + R"SQL( AS nulls_not_distinct,
       am.amname AS method, ix.indnkeyatts AS key_count,
       pg_catalog.pg_get_expr(ix.indpred, ix.indrelid) AS predicate,
       d.description AS comment, ic.reloptions AS storage,
       k.ord AS position,
       a.attname AS column_name,
       -- With a column number, pg_get_indexdef prints just that key: no
       -- opclass, collation or ordering. Expressions print with an empty
       -- search_path, so non-pg_catalog names are qualified.
       CASE WHEN k.attnum = 0 THEN pg_catalog.pg_get_indexdef(ix.indexrelid, k.ord::pg_catalog.int4, false) END
         AS expression,
       -- An opclass flagged default is the default for the key's type: the
       -- index could not have been built on a type its opclass does not accept.
       CASE WHEN NOT opc.opcdefault THEN
         CASE WHEN opcn.nspname = 'pg_catalog' THEN pg_catalog.quote_ident(opc.opcname)
              ELSE pg_catalog.quote_ident(opcn.nspname) || '.' || pg_catalog.quote_ident(opc.opcname) END
       END AS opclass,
       -- Compared with the key's natural collation: the column's for a plain
       -- column. SQL cannot ask for an expression's own collation (C code's
       -- exprCollation), so expressions compare with the database default;
       -- see index.hpp.
       CASE WHEN k.coll <> 0
             AND k.coll <> COALESCE(CASE WHEN k.attnum <> 0 THEN a.attcollation END,
                                    'pg_catalog."default"'::pg_catalog.regcollation)
            THEN pg_catalog.quote_ident(coln.nspname) || '.' || pg_catalog.quote_ident(coll.collname)
       END AS collation_name,
       (k.option::pg_catalog.int4 & 1) <> 0 AS descending,
       (k.option::pg_catalog.int4 & 2) <> 0 AS nulls_first
FROM pg_catalog.pg_index ix
JOIN pg_catalog.pg_class ic ON ic.oid = ix.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = ix.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
-- indclass, indcollation and indoption cover key columns only; ROWS FROM
-- pads the INCLUDE columns with NULLs.
CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(ix.indkey::pg_catalog.int2[]),
                              pg_catalog.unnest(ix.indclass::pg_catalog.oid[]),
                              pg_catalog.unnest(ix.indcollation::pg_catalog.oid[]),
                              pg_catalog.unnest(ix.indoption::pg_catalog.int2[])) WITH ORDINALITY AS k(attnum, opclass, coll, option, ord)
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum AND k.attnum <> 0
LEFT JOIN pg_catalog.pg_opclass opc ON opc.oid = k.opclass
LEFT JOIN pg_catalog.pg_namespace opcn ON opcn.oid = opc.opcnamespace
LEFT JOIN pg_catalog.pg_collation coll ON coll.oid = k.coll
LEFT JOIN pg_catalog.pg_namespace coln ON coln.oid = coll.collnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = ix.indexrelid AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objsubid = 0
WHERE )SQL" +
           scope + R"SQL(
  -- A partition's copy of an index on its parent (an index partition)
  -- belongs to the parent's index.
  AND NOT ic.relispartition
  -- Only the constraint's own table: a foreign key's conindid names the
  -- referenced index, which stays a standalone index.
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint co
                  WHERE co.conindid = ix.indexrelid AND co.conrelid = ix.indrelid
                    AND co.contype IN ('p', 'u', 'x'))
)SQL";
}

// Adds the indexes of the result to the index list relation_indexes(oid)
// returns (nullptr: a relation not read).
template <class RelationIndexes>
void build_index_rows(const ResultSet& result, RelationIndexes relation_indexes) {
    const auto table_oid = result.column("table_oid"), name = result.column("name"), oid = result.column("oid"),
               is_unique = result.column("is_unique"), is_valid = result.column("is_valid"),
               nulls_not_distinct = result.column("nulls_not_distinct"),
               method = result.column("method"), key_count = result.column("key_count"),
               predicate = result.column("predicate"), comment = result.column("comment"),
               position = result.column("position"), storage = result.column("storage"),
               column_name = result.column("column_name"), expression = result.column("expression"),
               opclass = result.column("opclass"), collation = result.column("collation_name"),
               descending = result.column("descending"), nulls_first = result.column("nulls_first");

    // Each index's keys in order.
    const auto keys = rows_in_order(result, oid, position);
    Index* index = nullptr;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        auto row = result.row(keys[i].row);
        if (i == 0 || keys[i].group != keys[i - 1].group) {
            index = nullptr;
            std::vector<Index>* indexes = relation_indexes(introspect_detail::oid(row, table_oid));
            if (indexes == nullptr) continue;
            Index fresh;
            fresh.name = text(row, name);
            fresh.unique = boolean(row, is_unique);
            fresh.valid = boolean(row, is_valid);
            fresh.nulls_not_distinct = boolean(row, nulls_not_distinct);
            fresh.method = text(row, method);
            fresh.where = optional_text(row, predicate);
            fresh.comment = optional_text(row, comment);
            if (auto options = optional_text(row, storage)) fresh.storage = parse_text_array(*options);
            indexes->push_back(std::move(fresh));
            index = &indexes->back();
        }
        if (index == nullptr) continue;
        if (keys[i].position > integer(row, key_count)) {
            // INCLUDE columns are always plain columns.
            index->include.push_back(text(row, column_name));
            continue;
        }
        IndexKey key;
        if (row[column_name]) {
            key.column = text(row, column_name);
        } else {
            key.expression = text(row, expression);
        }
        key.opclass = optional_text(row, opclass);
        key.collation = optional_text(row, collation);
        key.descending = boolean(row, descending);
        key.nulls_first = boolean(row, nulls_first);
        index->keys.push_back(std::move(key));
    }
}

}  // namespace

std::string indexes_sql(int server_version) {
    return index_rows_sql(server_version, tables_in_scope("t") + " AND " + table_share("t"));
}

void build_indexes(const ResultSet& result, ReadContext& ctx, Model& model) {
    build_index_rows(result, [&](std::uint32_t oid) -> std::vector<Index>* {
        Table* table = ctx.table(model, oid);
        return table ? &table->indexes : nullptr;
    });
}

// Indexes of the materialized views build_views read (views.cpp's scope).
std::string view_indexes_sql(int server_version) {
    return index_rows_sql(server_version, "t.relkind = 'm' AND n.nspname = ANY ($1::pg_catalog.text[])\n  AND " +
                                              not_extension_member("pg_class", "t.oid"));
}

void build_view_indexes(const ResultSet& result, ReadContext& ctx, Model& model) {
    build_index_rows(result, [&](std::uint32_t oid) -> std::vector<Index>* {
        auto found = ctx.views.find(oid);
        return found == ctx.views.end() ? nullptr : &model.views[found->second].indexes;
    });
}

}  // namespace reconcile::catalog::introspect_detail
