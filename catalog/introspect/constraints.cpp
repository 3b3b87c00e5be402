// Primary key, unique, check, foreign key and exclusion constraints of the
// tables read by tables.cpp. NOT NULL is
// a column property in the model (Column::not_null), and constraint triggers
// show up as triggers.
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

std::string constraints_sql(int server_version) {
    // PostgreSQL 15 added UNIQUE NULLS NOT DISTINCT, stored on the index that
    // backs the constraint. For a foreign key conindid is the referenced
    // table's index, hence the contype test.
    const char* nulls_not_distinct = server_version >= pg15 ? "(co.contype = 'u' AND ix.indnullsnotdistinct)" : "false";
    // contype 'n' (PostgreSQL 18 records NOT NULL as constraints) and 't'
    // (constraint trigger) are filtered out by the IN list.
    // PostgreSQL 18's NOT ENFORCED constraints and temporal keys (WITHOUT
    // OVERLAPS, PERIOD) would read as ordinary enforced keys and checks; the
    // model cannot say either yet, so they are left out and unmanaged.cpp
    // lists them.
    // PostgreSQL 15: ON DELETE SET NULL / SET DEFAULT (columns).
    const char* delete_columns = server_version >= pg15 ? "co.confdelsetcols" : "NULL::pg_catalog.int2[]";
    const char* pg18_kinds = server_version >= pg18 ? "AND co.conenforced AND NOT co.conperiod" : "";
    return std::string(R"SQL(
SELECT co.conrelid AS table_oid, co.conname AS name, co.contype AS kind,
       co.condeferrable AS deferrable, co.condeferred AS deferred, co.connoinherit AS no_inherit,
       NOT co.convalidated AS not_valid,
       -- Key columns as attnums: naming them here took a subquery per row.
       co.conkey AS columns,
       -- An exclusion's elements, operators, INCLUDE and WHERE have no
       -- columns of their own in pg_constraint: its whole definition, as the
       -- server prints it (the same text in PostgreSQL 13..18).
       CASE WHEN co.contype = 'c' THEN pg_catalog.pg_get_expr(co.conbin, co.conrelid)
            WHEN co.contype = 'x' THEN pg_catalog.pg_get_constraintdef(co.oid) END AS expression,
       co.confrelid AS ref_oid, fn.nspname AS ref_schema, fc.relname AS ref_table, co.confkey AS ref_columns,
       -- Named here only when the tables reader does not read the target (a
       -- table in another schema, a partitioned table): rare, so cheap.
       CASE WHEN co.contype = 'f' AND NOT ()SQL" +
                       tables_in_scope("fc", "fn") + R"SQL()
            THEN ARRAY(SELECT a.attname FROM pg_catalog.unnest(co.confkey) WITH ORDINALITY k(attnum, ord)
                       JOIN pg_catalog.pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.attnum
                       ORDER BY k.ord)
       END AS ref_column_names,
       co.confdeltype AS on_delete, co.confupdtype AS on_update, co.confmatchtype AS match,
       )SQL") +
           delete_columns + R"SQL( AS on_delete_columns,
       )SQL" +
           nulls_not_distinct + R"SQL( AS nulls_not_distinct,
       d.description AS comment
FROM pg_catalog.pg_constraint co
JOIN pg_catalog.pg_class c ON c.oid = co.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_index ix ON ix.indexrelid = co.conindid
LEFT JOIN pg_catalog.pg_class fc ON fc.oid = co.confrelid
LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = co.oid AND d.classoid = 'pg_catalog.pg_constraint'::pg_catalog.regclass AND d.objsubid = 0
WHERE co.contype IN ('p', 'u', 'c', 'f', 'x')
  -- A constraint cloned onto a partition from its parent's (conparentid set)
  -- belongs to the parent; it is not declared separately.
  AND co.conparentid = 0
  -- A check a partition or an INHERITS child has from its parent is the
  -- parent's too, even when the child declared it as well.
  AND co.coninhcount = 0
  )SQL" + pg18_kinds +
           R"SQL(
  AND )SQL" +
           tables_in_scope("c") + " AND " + table_share("c") + "\n";
}

namespace {

ConstraintKind kind_from(std::string_view contype) {
    if (contype == "p") return ConstraintKind::primary_key;
    if (contype == "u") return ConstraintKind::unique;
    if (contype == "f") return ConstraintKind::foreign_key;
    if (contype == "x") return ConstraintKind::exclusion;
    return ConstraintKind::check;
}

// pg_constraint.confdeltype / confupdtype.
ReferentialAction action_from(std::string_view code) {
    if (code == "r") return ReferentialAction::restrict;
    if (code == "c") return ReferentialAction::cascade;
    if (code == "n") return ReferentialAction::set_null;
    if (code == "d") return ReferentialAction::set_default;
    return ReferentialAction::no_action;  // 'a'
}

std::vector<std::string> column_names(const ReadContext& ctx, std::uint32_t relation, std::string_view attnums) {
    auto read = ctx.tables.find(relation);
    std::vector<std::string> out;
    for (int attnum : parse_int_array(attnums)) {
        auto index = static_cast<std::size_t>(attnum) - 1;
        if (read == ctx.tables.end() || index >= read->second.columns.size() || read->second.columns[index].empty()) {
            throw std::logic_error("constraint names column " + std::to_string(attnum) + " of relation " +
                                   std::to_string(relation) + ", which the columns reader did not read");
        }
        out.push_back(read->second.columns[index]);
    }
    return out;
}

// "EXCLUDE USING gist (...) DEFERRABLE INITIALLY DEFERRED" -> "USING gist
// (...)": the deferral is read from its own columns, and the server appends
// those clauses last, after the parenthesized WHERE.
std::string exclusion_definition(std::string_view definition) {
    auto strip_suffix = [&](std::string_view suffix) {
        if (definition.size() >= suffix.size() && definition.substr(definition.size() - suffix.size()) == suffix) {
            definition.remove_suffix(suffix.size());
        }
    };
    strip_suffix(" INITIALLY DEFERRED");
    strip_suffix(" DEFERRABLE");
    constexpr std::string_view prefix = "EXCLUDE ";
    if (definition.substr(0, prefix.size()) != prefix) {
        throw std::logic_error("pg_get_constraintdef of an exclusion constraint does not start with EXCLUDE: " +
                               std::string(definition));
    }
    definition.remove_prefix(prefix.size());
    return std::string(definition);
}

}  // namespace

void build_constraints(const ResultSet& result, ReadContext& ctx, Model& model) {
    const auto table_oid = result.column("table_oid"), name = result.column("name"), kind = result.column("kind"),
               deferrable = result.column("deferrable"), deferred = result.column("deferred"),
               columns = result.column("columns"), expression = result.column("expression"),
               ref_oid = result.column("ref_oid"), ref_schema = result.column("ref_schema"),
               ref_table = result.column("ref_table"), ref_columns = result.column("ref_columns"),
               ref_column_names = result.column("ref_column_names"), on_delete = result.column("on_delete"),
               on_update = result.column("on_update"), match = result.column("match"),
               nulls_not_distinct = result.column("nulls_not_distinct"), comment = result.column("comment"),
               no_inherit = result.column("no_inherit"), not_valid = result.column("not_valid"),
               on_delete_columns = result.column("on_delete_columns");

    for (auto row : result) {
        Table* table = ctx.table(model, oid(row, table_oid));
        if (table == nullptr) continue;  // same scope as tables_sql; cannot happen in one snapshot

        Constraint constraint;
        constraint.name = text(row, name);
        constraint.kind = kind_from(view(row, kind));
        constraint.deferrable = boolean(row, deferrable);
        constraint.initially_deferred = boolean(row, deferred);
        constraint.nulls_not_distinct = boolean(row, nulls_not_distinct);
        // PostgreSQL marks primary keys on partitioned tables NO INHERIT too;
        // only a check's flag is the user's choice.
        constraint.no_inherit = constraint.kind == ConstraintKind::check && boolean(row, no_inherit);
        constraint.not_valid = boolean(row, not_valid);
        constraint.comment = optional_text(row, comment);
        if (constraint.kind == ConstraintKind::check) {
            constraint.expression = text(row, expression);
        } else if (constraint.kind == ConstraintKind::exclusion) {
            // conkey lists only the plain-column elements; the text has all.
            constraint.expression = exclusion_definition(view(row, expression));
        } else {
            constraint.columns = column_names(ctx, oid(row, table_oid), view(row, columns));
        }
        if (constraint.kind == ConstraintKind::foreign_key) {
            ForeignKey fk;
            fk.table = {text(row, ref_schema), text(row, ref_table)};
            fk.columns = row[ref_column_names] ? parse_text_array(view(row, ref_column_names))
                                               : column_names(ctx, oid(row, ref_oid), view(row, ref_columns));
            fk.on_delete = action_from(view(row, on_delete));
            fk.on_update = action_from(view(row, on_update));
            if (row[on_delete_columns]) {
                fk.on_delete_columns = column_names(ctx, oid(row, table_oid), view(row, on_delete_columns));
            }
            // 'p' (MATCH PARTIAL) is accepted by the grammar but not implemented.
            fk.match = view(row, match) == "f" ? MatchType::full : MatchType::simple;
            // A key referencing a relation the model does not cover yet (a
            // partitioned table) would leave the manifests pointing at nothing;
            // it is left alone and listed like its target.
            if (model.find_schema(fk.table.schema) && !ctx.tables.count(oid(row, ref_oid))) {
                model.unmanaged.push_back({"foreign key", constraint_id(table->name, constraint.name)});
                continue;
            }
            constraint.references = std::move(fk);
        }
        table->constraints.push_back(std::move(constraint));
    }
}

}  // namespace reconcile::catalog::introspect_detail
