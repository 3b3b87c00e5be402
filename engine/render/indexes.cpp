#include <array>

#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

namespace {

// The built-in access methods are written bare, as pg_get_indexdef prints
// them; any other method name is a raw name and gets quoted.
std::string method_text(const std::string& method) {
    static const std::array<std::string_view, 6> builtin{"btree", "hash", "gist", "spgist", "gin", "brin"};
    for (auto name : builtin) {
        if (method == name) return method;
    }
    return sql::ident(method);
}

std::string key_text(const catalog::IndexKey& key) {
    std::string out =
        key.expression ? "(" + sql::expression(*key.expression) + ")" : sql::ident(key.column.value_or(""));
    out += collate_clause(key.collation);
    if (key.opclass) out += " " + object_name_text(*key.opclass, PlainWord::verbatim);
    if (key.descending) out += " DESC";
    // ASC sorts NULLs last and DESC first by default; only say otherwise.
    if (key.nulls_first != key.descending) out += key.nulls_first ? " NULLS FIRST" : " NULLS LAST";
    return out;
}

std::string key_summary(const catalog::IndexKey& key) {
    std::string out = key.expression ? "(" + *key.expression + ")" : key.column.value_or("");
    if (key.opclass) out += " " + *key.opclass;
    if (key.descending) out += " desc";
    return out;
}

std::string index_display(const QualifiedName& table, const Index& index) {
    return catalog::display(table) + "." + index.name;
}

std::string index_summary(const Index& index) {
    std::vector<std::string> keys;
    for (const auto& key : index.keys) keys.push_back(key_summary(key));
    std::string out;
    if (index.method != "btree") out += "using " + index.method + " ";
    out += "(" + join(keys, ", ") + ")";
    if (!index.include.empty()) out += " include (" + join(index.include, ", ") + ")";
    if (index.where) out += " where " + *index.where;
    return out;
}

std::string index_kind(const Index& index) {
    return index.unique ? "unique index" : "index";
}

// For a replacement both sides are shown, so uniqueness belongs in the text.
std::string full_summary(const Index& index) {
    return (index.unique ? "unique " : "") + index_summary(index) +
           (index.nulls_not_distinct ? " nulls not distinct" : "");
}

}  // namespace

std::string create_index_statement(const QualifiedName& table, const Index& index, bool concurrently) {
    std::string out = index.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
    if (concurrently) out += "CONCURRENTLY ";
    out += sql::ident(index.name) + " ON " + sql::qualified(table);
    if (index.method != "btree") out += " USING " + method_text(index.method);
    std::vector<std::string> keys;
    keys.reserve(index.keys.size());
    for (const auto& key : index.keys) keys.push_back(key_text(key));
    out += " (" + join(keys, ", ") + ")";
    if (!index.include.empty()) out += " INCLUDE (" + sql::ident_list(index.include) + ")";
    if (index.nulls_not_distinct) out += " NULLS NOT DISTINCT";
    if (!index.storage.empty()) out += " WITH " + sql::storage_list(index.storage);
    if (index.where) out += " WHERE " + sql::expression(*index.where);
    return out;
}

Statements sql_of(const CreateIndex& change) {
    return {create_index_statement(change.table, change.index, change.concurrently)};
}

// An index always lives in its table's schema.
Statements sql_of(const DropIndex& change) {
    return {std::string(change.concurrently ? "DROP INDEX CONCURRENTLY " : "DROP INDEX ") +
            sql::qualified({change.table.schema, change.index.name})};
}

Statements sql_of(const ReplaceIndex& change) {
    return {"DROP INDEX " + sql::qualified({change.table.schema, change.from.name}),
            create_index_statement(change.table, change.to)};
}

std::string description_of(const CreateIndex& change) {
    return "create " + index_kind(change.index) + " " + index_display(change.table, change.index) + " " +
           index_summary(change.index);
}

std::string description_of(const DropIndex& change) {
    return "drop " + index_kind(change.index) + " " + index_display(change.table, change.index);
}

std::string description_of(const ReplaceIndex& change) {
    if (!change.from.valid) {
        return "rebuild index " + index_display(change.table, change.to) + " " + full_summary(change.to) +
               ": the live one is INVALID (left by a failed or cancelled concurrent build; never used)";
    }
    return "replace index " + index_display(change.table, change.to) + " (" + full_summary(change.from) + " -> " +
           full_summary(change.to) + ")";
}

}  // namespace reconcile::engine::render_detail
