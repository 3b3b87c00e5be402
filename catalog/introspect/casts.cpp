#include "catalog/introspect/casts.hpp"

#include "catalog/introspect/read_only.hpp"
#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog {

using namespace introspect_detail;

namespace {

// $1, $2: the types from and to; $3: '' or, for a type the plan creates,
// 'enum' / 'enum[]'. An enum that does not exist yet casts exactly like
// pg_catalog.anyenum would: no pg_cast rows, not a string type.
//
// The rules of an explicit cast (find_coercion_pathway, COERCION_EXPLICIT):
// domains count as their base types; the same type, or any pg_cast row
// (implicit, assignment or explicit, whatever its method), converts; so does
// text I/O when either side is a string type (category 'S'); two array
// types convert when their element types do, except into int2vector and
// oidvector. Anything else is "cannot cast type ... to ...".
const char* casts_sql = R"SQL(
WITH RECURSIVE
question AS (
  SELECT i.ord, i.source_type, i.target_type, i.stand_in
  FROM ROWS FROM (pg_catalog.unnest($1::pg_catalog.text[]), pg_catalog.unnest($2::pg_catalog.text[]),
                  pg_catalog.unnest($3::pg_catalog.text[]))
    WITH ORDINALITY AS i(source_type, target_type, stand_in, ord)
),
-- Each distinct type text is parsed once: to_regtype runs the parser.
named AS (
  SELECT n.type_text, pg_catalog.to_regtype(n.type_text)::pg_catalog.oid AS oid
  FROM (SELECT source_type FROM question UNION SELECT target_type FROM question WHERE stand_in = '') n(type_text)
),
input AS (
  SELECT q.ord, s.oid AS source,
         CASE q.stand_in WHEN '' THEN t.oid
                         WHEN 'enum' THEN 'pg_catalog.anyenum'::pg_catalog.regtype::pg_catalog.oid END AS target,
         q.stand_in = 'enum[]' AS target_new_enum_array
  FROM question q
  LEFT JOIN named s ON s.type_text = q.source_type
  LEFT JOIN named t ON t.type_text = q.target_type AND q.stand_in = ''
),
base(start, oid) AS (
  SELECT DISTINCT t.oid, t.oid FROM pg_catalog.pg_type t
  WHERE t.oid IN (SELECT source FROM input UNION SELECT target FROM input)
  UNION ALL
  SELECT b.start, t.typbasetype FROM base b JOIN pg_catalog.pg_type t ON t.oid = b.oid AND t.typtype = 'd'
),
resolved AS (
  SELECT b.start, b.oid AS base, t.typtype, t.typcategory AS category,
         CASE WHEN t.typelem <> 0 AND t.typlen = -1 THEN t.typelem END AS elem
  FROM base b JOIN pg_catalog.pg_type t ON t.oid = b.oid AND t.typtype <> 'd'
),
elem_base(start, oid) AS (
  SELECT DISTINCT r.elem, r.elem FROM resolved r WHERE r.elem IS NOT NULL
  UNION ALL
  SELECT e.start, t.typbasetype FROM elem_base e JOIN pg_catalog.pg_type t ON t.oid = e.oid AND t.typtype = 'd'
),
elem_resolved AS (
  SELECT e.start, e.oid AS base, t.typcategory AS category
  FROM elem_base e JOIN pg_catalog.pg_type t ON t.oid = e.oid AND t.typtype <> 'd'
),
pair AS (
  SELECT i.ord, i.source IS NULL OR (i.target IS NULL AND NOT i.target_new_enum_array)
                OR s.typtype IN ('c', 'p') OR t.typtype = 'c' AS unknown,
         s.base AS s_base, s.category AS s_cat, t.base AS t_base,
         CASE WHEN i.target_new_enum_array THEN 'A' ELSE t.category END AS t_cat,
         se.base AS se_base, se.category AS se_cat,
         CASE WHEN i.target_new_enum_array THEN 'pg_catalog.anyenum'::pg_catalog.regtype::pg_catalog.oid ELSE te.base END AS te_base,
         CASE WHEN i.target_new_enum_array THEN 'P' ELSE te.category END AS te_cat
  FROM input i
  LEFT JOIN resolved s ON s.start = i.source
  LEFT JOIN resolved t ON t.start = i.target
  LEFT JOIN elem_resolved se ON se.start = s.elem
  LEFT JOIN elem_resolved te ON te.start = t.elem
    AND t.base NOT IN ('pg_catalog.int2vector'::pg_catalog.regtype, 'pg_catalog.oidvector'::pg_catalog.regtype)
)
SELECT p.ord,
       CASE WHEN p.unknown THEN NULL ELSE
         COALESCE(p.s_base = p.t_base, false)
         OR EXISTS (SELECT 1 FROM pg_catalog.pg_cast c WHERE c.castsource = p.s_base AND c.casttarget = p.t_base)
         OR p.s_cat = 'S' OR p.t_cat = 'S'
         OR (p.se_base IS NOT NULL AND p.te_base IS NOT NULL
             AND (p.se_base = p.te_base
                  OR EXISTS (SELECT 1 FROM pg_catalog.pg_cast c WHERE c.castsource = p.se_base AND c.casttarget = p.te_base)
                  OR p.se_cat = 'S' OR p.te_cat = 'S'))
       END
FROM pair p
ORDER BY p.ord
)SQL";

}  // namespace

std::vector<CastVerdict> read_cast_verdicts(Connection& conn, const std::vector<CastQuestion>& questions) {
    if (questions.empty()) return {};
    std::vector<std::string> from, to, new_target;
    for (const auto& question : questions) {
        from.push_back(question.from);
        to.push_back(question.to);
        new_target.emplace_back(question.new_target == NewTarget::enum_type    ? "enum"
                                : question.new_target == NewTarget::enum_array ? "enum[]"
                                                                               : "");
    }
    ResultSet result;
    try {
        result = query_read_only(conn, casts_sql,
                                 {text_array_literal(from), text_array_literal(to), text_array_literal(new_target)});
    } catch (const QueryError& error) {
        throw in_context(error, "asking the server which casts exist for the plan's type changes");
    }
    std::vector<CastVerdict> out(questions.size(), CastVerdict::unknown);
    for (auto row : result) {
        auto index = static_cast<std::size_t>(integer(row, 0) - 1);
        if (index >= out.size() || !row[1]) continue;
        out[index] = boolean(row, 1) ? CastVerdict::exists : CastVerdict::missing;
    }
    return out;
}

}  // namespace reconcile::catalog
