// Functions and procedures, one row each, with their arguments as parallel
// arrays. Aggregates, window functions and functions in C or internal
// languages (their body is a symbol in a library) stay in unmanaged.cpp's
// list, as do functions internal to another object (a range type's
// constructors) and extension members.
#include <stdexcept>

#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

namespace {

ArgumentMode mode_of(std::string_view mode) {
    if (mode == "o") return ArgumentMode::out;
    if (mode == "b") return ArgumentMode::inout;
    if (mode == "v") return ArgumentMode::variadic;
    return ArgumentMode::in;
}

Volatility volatility_of(std::string_view code) {
    if (code == "i") return Volatility::immutable;
    if (code == "s") return Volatility::stable;
    return Volatility::volatile_;
}

ParallelSafety parallel_of(std::string_view code) {
    if (code == "s") return ParallelSafety::safe;
    if (code == "r") return ParallelSafety::restricted;
    return ParallelSafety::unsafe;
}

}  // namespace

std::string routine_is_managed(std::string_view p) {
    const std::string proc(p);
    return proc + ".prokind IN ('f', 'p') AND " + proc +
           ".prolang NOT IN (SELECT ml.oid FROM pg_catalog.pg_language ml WHERE ml.lanname IN ('c', 'internal'))";
}

std::string functions_sql(int server_version) {
    const char* sql_body = server_version >= pg14
                               ? "CASE WHEN p.prosqlbody IS NOT NULL THEN pg_catalog.pg_get_function_sqlbody(p.oid) END"
                               : "NULL::pg_catalog.text";
    // Argument types print qualified (search_path is empty). Defaults come
    // one per argument, "=" + text for a default and "" for none, so an
    // array of plain strings can carry them. Mode 't' arguments are the
    // columns of RETURNS TABLE, which pg_get_function_result prints.
    return std::string(R"SQL(
SELECT n.nspname AS schema, p.proname AS name, p.prokind AS kind, l.lanname AS language,
       p.prosrc AS body, )SQL") +
           sql_body + R"SQL( AS sql_body,
       ARRAY(SELECT pg_catalog.format_type(a.t, NULL)
             FROM pg_catalog.unnest(COALESCE(p.proallargtypes, p.proargtypes::pg_catalog.oid[]))
                  WITH ORDINALITY a(t, i) ORDER BY a.i) AS argument_types,
       p.proargmodes::pg_catalog.text[] AS argument_modes, p.proargnames AS argument_names,
       ARRAY(SELECT COALESCE('=' || pg_catalog.pg_get_function_arg_default(p.oid, i), '')
             FROM pg_catalog.generate_series(1, COALESCE(pg_catalog.array_length(p.proallargtypes, 1),
                                                         p.pronargs::pg_catalog.int4)) i) AS argument_defaults,
       CASE WHEN p.prokind <> 'p' THEN pg_catalog.pg_get_function_result(p.oid) END AS returns,
       p.provolatile AS volatility, p.proisstrict AS strict, p.prosecdef AS security_definer,
       p.proleakproof AS leakproof, p.proparallel AS parallel, p.procost AS cost, p.prorows AS rows,
       p.proretset AS returns_set, p.proconfig AS config, d.description AS comment
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
JOIN pg_catalog.pg_language l ON l.oid = p.prolang
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = p.oid AND d.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objsubid = 0
WHERE n.nspname = ANY ($1::pg_catalog.text[]) AND )SQL" +
           routine_is_managed("p") + "\n  AND " + not_extension_member("pg_proc", "p.oid") + R"SQL(
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i
                  WHERE i.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND i.objid = p.oid
                    AND i.deptype = 'i')
)SQL";
}

void build_functions(const ResultSet& result, ReadContext&, Model& model) {
    const auto schema = result.column("schema"), name = result.column("name"), kind = result.column("kind"),
               language = result.column("language"), body = result.column("body"),
               sql_body = result.column("sql_body"), argument_types = result.column("argument_types"),
               argument_modes = result.column("argument_modes"), argument_names = result.column("argument_names"),
               argument_defaults = result.column("argument_defaults"), returns = result.column("returns"),
               volatility = result.column("volatility"), strict = result.column("strict"),
               security_definer = result.column("security_definer"), leakproof = result.column("leakproof"),
               parallel = result.column("parallel"), cost = result.column("cost"), rows = result.column("rows"),
               returns_set = result.column("returns_set"), config = result.column("config"),
               comment = result.column("comment");
    model.functions.reserve(result.size());
    for (auto row : result) {
        Function function;
        function.kind = view(row, kind) == "p" ? ObjectKind::procedure : ObjectKind::function;
        function.name = {text(row, schema), text(row, name)};
        function.language = text(row, language);
        if (auto standard = optional_text(row, sql_body)) {
            function.body = *standard;
            function.sql_standard_body = true;
        } else {
            function.body = text(row, body);
        }
        const auto types = parse_text_array(view(row, argument_types));
        const auto modes = row[argument_modes] ? parse_text_array(view(row, argument_modes)) : std::vector<std::string>{};
        const auto names = row[argument_names] ? parse_text_array(view(row, argument_names)) : std::vector<std::string>{};
        const auto defaults = parse_text_array(view(row, argument_defaults));
        for (std::size_t i = 0; i < types.size(); ++i) {
            const std::string_view mode = i < modes.size() ? std::string_view(modes[i]) : "i";
            if (mode == "t") continue;
            Argument argument;
            argument.mode = mode_of(mode);
            argument.type = types[i];
            if (i < names.size()) argument.name = names[i];
            if (i < defaults.size() && !defaults[i].empty()) argument.default_expr = defaults[i].substr(1);
            function.arguments.push_back(std::move(argument));
        }
        function.returns = optional_text(row, returns);
        function.volatility = volatility_of(view(row, volatility));
        function.strict = boolean(row, strict);
        function.security_definer = boolean(row, security_definer);
        function.leakproof = boolean(row, leakproof);
        function.parallel = parallel_of(view(row, parallel));
        // 100 is the default cost of a function in any language but C and
        // internal (not read here); 1000 the default rows of a set-returning
        // one. Defaults are left unset, as a manifest leaves them unsaid.
        const double cost_value = std::stod(text(row, cost));
        if (cost_value != 100) function.cost = cost_value;
        const double rows_value = std::stod(text(row, rows));
        if (boolean(row, returns_set) && rows_value != 1000) function.rows = rows_value;
        if (auto settings = optional_text(row, config)) function.config = parse_text_array(*settings);
        function.comment = optional_text(row, comment);
        model.functions.push_back(std::move(function));
    }
}

}  // namespace reconcile::catalog::introspect_detail
