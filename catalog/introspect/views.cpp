// Views and materialized views in the requested schemas, not owned by an
// extension, with their output columns, options (views) or storage
// parameters (materialized views); view_uses reads what each one's
// query reads (pg_depend of its rewrite rule), for the planner's order.
#include <string_view>

#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

namespace {

std::string views_in_scope(std::string_view c) {
    const std::string rel(c);
    return rel + ".relkind IN ('v', 'm') AND n.nspname = ANY ($1::pg_catalog.text[])\n  AND " +
           not_extension_member("pg_class", rel + ".oid");
}

// reloptions keep the text each option was given in: security_barrier=on
// and security_barrier=true mean the same.
bool option_true(std::string value) {
    for (char& ch : value) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    return value == "true" || value == "on" || value == "yes" || value == "1" || value == "t" || value == "y";
}

void read_option(const std::string& option, View& view) {
    auto eq = option.find('=');
    std::string name = option.substr(0, eq), value = eq == std::string::npos ? "true" : option.substr(eq + 1);
    for (char& ch : value) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    if (name == "check_option") view.check_option = value == "cascaded" ? CheckOption::cascaded : CheckOption::local;
    if (name == "security_barrier") view.security_barrier = option_true(value);
    if (name == "security_invoker") view.security_invoker = option_true(value);
}

// pg_get_viewdef ends the query with ';' (and a manifest's .sql file may):
// the model keeps the query alone, which CREATE VIEW ... AS takes.
std::string without_statement_end(std::string text) {
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && blank(text.back())) text.pop_back();
    if (!text.empty() && text.back() == ';') text.pop_back();
    while (!text.empty() && blank(text.back())) text.pop_back();
    return text;
}

}  // namespace

std::string views_sql(int) {
    // pg_get_viewdef runs under the reading session's empty search_path:
    // every relation and function outside pg_catalog prints qualified, the
    // same text the canonicalizer reads from its scratch copy.
    return R"SQL(
SELECT c.oid, n.nspname AS schema, c.relname AS name, c.relkind = 'm' AS materialized,
       pg_catalog.pg_get_viewdef(c.oid) AS definition, c.reloptions AS options,
       NOT c.relispopulated AS with_no_data, d.description AS comment,
       ARRAY(SELECT a.attname FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) AS column_names,
       ARRAY(SELECT pg_catalog.format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) AS column_types,
       ARRAY(SELECT a.attname FROM pg_catalog.pg_attribute a
             JOIN pg_catalog.pg_description cd ON cd.objoid = c.oid AND cd.objsubid = a.attnum
              AND cd.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) AS commented_columns,
       ARRAY(SELECT cd.description FROM pg_catalog.pg_attribute a
             JOIN pg_catalog.pg_description cd ON cd.objoid = c.oid AND cd.objsubid = a.attnum
              AND cd.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) AS column_comments
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objsubid = 0
WHERE )SQL" +
           views_in_scope("c") + "\n";
}

void build_views(const ResultSet& result, ReadContext& ctx, Model& model) {
    const auto oid_column = result.column("oid"), schema = result.column("schema"), name = result.column("name"),
               materialized = result.column("materialized"), definition = result.column("definition"),
               options = result.column("options"), with_no_data = result.column("with_no_data"),
               comment = result.column("comment"), column_names = result.column("column_names"),
               column_types = result.column("column_types"), commented_columns = result.column("commented_columns"),
               column_comments = result.column("column_comments");
    for (auto row : result) {
        View item;
        item.name = {text(row, schema), text(row, name)};
        item.materialized = boolean(row, materialized);
        item.definition = without_statement_end(text(row, definition));
        item.with_no_data = item.materialized && boolean(row, with_no_data);
        item.comment = optional_text(row, comment);
        auto names = parse_text_array(view(row, column_names));
        auto types = parse_text_array(view(row, column_types));
        for (std::size_t i = 0; i < names.size() && i < types.size(); ++i) item.columns.push_back({names[i], types[i]});
        auto commented = parse_text_array(view(row, commented_columns));
        auto comments = parse_text_array(view(row, column_comments));
        for (std::size_t i = 0; i < commented.size() && i < comments.size(); ++i) {
            item.column_comments.emplace(std::move(commented[i]), std::move(comments[i]));
        }
        // A plain view's reloptions are its three options; a materialized
        // view's are a heap's storage parameters, kept whole like a table's
        // (Model::normalize sorts them).
        if (auto set = optional_text(row, options)) {
            if (item.materialized) {
                item.storage = parse_text_array(*set);
            } else {
                for (const auto& option : parse_text_array(*set)) read_option(option, item);
            }
        }
        ctx.views[oid(row, oid_column)] = model.views.size();
        model.views.push_back(std::move(item));
    }
}

std::string view_uses_sql(int) {
    // The rewrite rule of a view depends (deptype 'n') on every relation,
    // column, function and type its query names; its own view is an
    // internal dependency and left out.
    return R"SQL(
SELECT DISTINCT r.ev_class AS view_oid,
       CASE WHEN p.oid IS NOT NULL THEN p.prokind::pg_catalog.text
            WHEN ty.oid IS NOT NULL THEN 't' || ty.typtype::pg_catalog.text
            ELSE rc.relkind::pg_catalog.text END AS kind,
       COALESCE(rn.nspname, pn.nspname, tn.nspname) AS schema,
       COALESCE(rc.relname, p.proname, ty.typname) AS name,
       a.attname AS column_name,
       CASE WHEN p.oid IS NOT NULL THEN
         ARRAY(SELECT pg_catalog.format_type(t.t, NULL)
               FROM pg_catalog.unnest(p.proargtypes::pg_catalog.oid[]) WITH ORDINALITY t(t, i) ORDER BY t.i)
       END AS arguments
FROM pg_catalog.pg_rewrite r
JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_depend d
  ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.objid = r.oid AND d.deptype = 'n'
LEFT JOIN pg_catalog.pg_class rc
  ON d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND rc.oid = d.refobjid AND rc.oid <> r.ev_class
LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = rc.oid AND a.attnum = d.refobjsubid AND d.refobjsubid > 0
LEFT JOIN pg_catalog.pg_proc p ON d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND p.oid = d.refobjid
LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace
LEFT JOIN pg_catalog.pg_type ty ON d.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass AND ty.oid = d.refobjid
LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = ty.typnamespace
WHERE )SQL" +
           views_in_scope("c") +
           R"SQL(
  AND (rc.oid IS NOT NULL OR p.oid IS NOT NULL OR ty.oid IS NOT NULL)
  AND COALESCE(rn.nspname, pn.nspname, tn.nspname) <> 'pg_catalog'
)SQL";
}

namespace {

std::optional<ObjectKind> kind_from(std::string_view code) {
    if (code == "r") return ObjectKind::table;
    if (code == "p") return ObjectKind::partitioned_table;
    if (code == "v") return ObjectKind::view;
    if (code == "m") return ObjectKind::materialized_view;
    if (code == "S") return ObjectKind::sequence;
    if (code == "f") return ObjectKind::foreign_table;
    if (code == "te") return ObjectKind::enum_type;
    if (code == "td") return ObjectKind::domain;
    if (code == "tc") return ObjectKind::composite_type;
    if (code == "tr") return ObjectKind::range_type;
    return std::nullopt;
}

}  // namespace

void build_view_uses(const ResultSet& result, ReadContext& ctx, Model& model) {
    const auto view_oid = result.column("view_oid"), kind = result.column("kind"), schema = result.column("schema"),
               name = result.column("name"), column_name = result.column("column_name"),
               arguments = result.column("arguments");
    for (auto row : result) {
        auto found = ctx.views.find(oid(row, view_oid));
        if (found == ctx.views.end()) continue;
        View& into = model.views[found->second];
        QualifiedName used{text(row, schema), text(row, name)};
        if (row[arguments]) {
            // pg_proc.prokind: f function, p procedure, a aggregate, w window.
            auto code = view(row, kind);
            ObjectKind routine = code == "a" ? ObjectKind::aggregate : ObjectKind::function;
            into.uses.push_back(routine_id(routine, used, parse_text_array(view(row, arguments))));
            continue;
        }
        auto relation = kind_from(view(row, kind));
        if (!relation) continue;
        if (row[column_name]) {
            into.uses.push_back(column_id(used, text(row, column_name)));
        } else {
            into.uses.push_back(object_id(*relation, used));
        }
    }
}

}  // namespace reconcile::catalog::introspect_detail
