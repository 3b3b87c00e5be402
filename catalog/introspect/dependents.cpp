#include "catalog/introspect/dependents.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "catalog/introspect/read_only.hpp"
#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog {

using namespace introspect_detail;

namespace {

// The kind word the query below knows; "" for kinds it does not.
std::string_view kind_word(const PlannedChange& change) {
    if (change.action == PlannedAction::retype) return change.object.kind == ObjectKind::column ? "retype" : "";
    if (change.action == PlannedAction::drop_owned_sequence) {
        return change.object.kind == ObjectKind::column ? "owned_sequence" : "";
    }
    if (change.action == PlannedAction::drop_default) return change.object.kind == ObjectKind::column ? "default" : "";
    // A domain's check is the domain's id with the check for its member.
    if (change.object.kind == ObjectKind::domain && !change.object.member.empty()) return "domain check";
    // The query knows these kinds by their kind_name().
    constexpr ObjectKind known[] = {
        ObjectKind::schema,     ObjectKind::enum_type, ObjectKind::domain,  ObjectKind::composite_type,
        ObjectKind::range_type, ObjectKind::sequence,  ObjectKind::table,   ObjectKind::column,
        ObjectKind::constraint, ObjectKind::index,     ObjectKind::trigger, ObjectKind::function,
        ObjectKind::procedure,  ObjectKind::aggregate, ObjectKind::view,    ObjectKind::materialized_view,
        ObjectKind::policy};
    if (std::find(std::begin(known), std::end(known), change.object.kind) == std::end(known)) return "";
    return kind_name(change.object.kind);
}

// $1..$4: kind word, schema, name, member of each planned change, in order.
//
// doomed: what the drops remove, closed the way DROP follows pg_depend:
// auto ('a') and internal ('i') dependents and partitions ('P', 'S') go
// with the object. A reference to a whole object (objsubid 0) covers its
// columns. blocker: normal ('n') dependents of anything doomed, which make
// DROP ... RESTRICT fail unless they are doomed as well. For a retyped
// column, ALTER COLUMN TYPE rebuilds indexes and constraints itself but
// refuses when a view or rule, trigger, policy, function body, publication
// WHERE clause or another generated column uses the column; its own
// dependency on its old type and collation is replaced, so dropping those
// after the retype is no longer blocked by it.
const char* dependents_sql = R"SQL(
WITH RECURSIVE
input AS (
  SELECT i.ord, i.kind, i.schema_name, i.object_name, i.member
  FROM ROWS FROM (pg_catalog.unnest($1::pg_catalog.text[]), pg_catalog.unnest($2::pg_catalog.text[]),
                  pg_catalog.unnest($3::pg_catalog.text[]), pg_catalog.unnest($4::pg_catalog.text[]))
    WITH ORDINALITY AS i(kind, schema_name, object_name, member, ord)
),
relation AS (
  SELECT i.ord, i.kind, i.member, n.oid AS nsp, c.oid AS rel
  FROM input i
  JOIN pg_catalog.pg_namespace n ON n.nspname = i.schema_name
  JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = i.object_name
  WHERE i.kind IN ('table', 'sequence', 'column', 'retype', 'owned_sequence', 'default', 'constraint', 'index',
                   'trigger', 'view', 'materialized view', 'policy')
),
type_input AS (
  SELECT i.ord, i.kind, i.member, t.oid AS type_oid
  FROM input i
  JOIN pg_catalog.pg_namespace n ON n.nspname = i.schema_name
  JOIN pg_catalog.pg_type t ON t.typnamespace = n.oid AND t.typname = i.object_name
  WHERE i.kind IN ('enum', 'domain', 'domain check', 'composite type', 'range type')
),
target(ord, kind, classid, objid, objsubid) AS (
  SELECT r.ord, r.kind, 'pg_catalog.pg_class'::pg_catalog.regclass::pg_catalog.oid, r.rel, 0
  FROM relation r WHERE r.kind IN ('table', 'sequence', 'view', 'materialized view')
  UNION ALL
  SELECT r.ord, r.kind, 'pg_catalog.pg_policy'::pg_catalog.regclass::pg_catalog.oid, p.oid, 0
  FROM relation r JOIN pg_catalog.pg_policy p ON p.polrelid = r.rel AND p.polname = r.member
  WHERE r.kind = 'policy'
  UNION ALL
  SELECT r.ord, r.kind, 'pg_catalog.pg_class'::pg_catalog.regclass::pg_catalog.oid, r.rel, a.attnum::pg_catalog.int4
  FROM relation r
  JOIN pg_catalog.pg_attribute a ON a.attrelid = r.rel AND a.attname = r.member AND a.attnum > 0 AND NOT a.attisdropped
  WHERE r.kind IN ('column', 'retype')
  UNION ALL
  -- A serial column's sequence depends on it 'a', an identity column's 'i'.
  -- The column's default, which uses the sequence, is dropped or replaced
  -- by the same plan.
  SELECT r.ord, r.kind, owned.classid, owned.objid, 0
  FROM relation r
  JOIN pg_catalog.pg_attribute a ON a.attrelid = r.rel AND a.attname = r.member AND a.attnum > 0 AND NOT a.attisdropped
  CROSS JOIN LATERAL (
    SELECT d.classid, d.objid FROM pg_catalog.pg_depend d
    JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'
    WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
      AND d.refobjid = r.rel AND d.refobjsubid = a.attnum AND d.deptype IN ('a', 'i')
    UNION ALL
    SELECT 'pg_catalog.pg_attrdef'::pg_catalog.regclass, ad.oid FROM pg_catalog.pg_attrdef ad
    WHERE ad.adrelid = r.rel AND ad.adnum = a.attnum) owned
  WHERE r.kind = 'owned_sequence'
  UNION ALL
  SELECT r.ord, r.kind, 'pg_catalog.pg_attrdef'::pg_catalog.regclass::pg_catalog.oid, ad.oid, 0
  FROM relation r
  JOIN pg_catalog.pg_attribute a ON a.attrelid = r.rel AND a.attname = r.member AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = r.rel AND ad.adnum = a.attnum
  WHERE r.kind = 'default'
  UNION ALL
  SELECT r.ord, r.kind, 'pg_catalog.pg_constraint'::pg_catalog.regclass::pg_catalog.oid, k.oid, 0
  FROM relation r JOIN pg_catalog.pg_constraint k ON k.conrelid = r.rel AND k.conname = r.member
  WHERE r.kind = 'constraint'
  UNION ALL
  SELECT r.ord, r.kind, 'pg_catalog.pg_class'::pg_catalog.regclass::pg_catalog.oid, x.oid, 0
  FROM relation r
  JOIN pg_catalog.pg_class x ON x.relnamespace = r.nsp AND x.relname = r.member AND x.relkind IN ('i', 'I')
  WHERE r.kind = 'index'
  UNION ALL
  SELECT t.ord, t.kind, 'pg_catalog.pg_type'::pg_catalog.regclass::pg_catalog.oid, t.type_oid, 0
  FROM type_input t WHERE t.kind <> 'domain check'
  UNION ALL
  SELECT t.ord, t.kind, 'pg_catalog.pg_constraint'::pg_catalog.regclass::pg_catalog.oid, k.oid, 0
  FROM type_input t JOIN pg_catalog.pg_constraint k ON k.contypid = t.type_oid AND k.conname = t.member
  WHERE t.kind = 'domain check'
  UNION ALL
  SELECT i.ord, i.kind, 'pg_catalog.pg_namespace'::pg_catalog.regclass::pg_catalog.oid, n.oid, 0
  FROM input i JOIN pg_catalog.pg_namespace n ON n.nspname = i.schema_name
  WHERE i.kind = 'schema'
  UNION ALL
  SELECT r.ord, r.kind, 'pg_catalog.pg_trigger'::pg_catalog.regclass::pg_catalog.oid, tg.oid, 0
  FROM relation r JOIN pg_catalog.pg_trigger tg ON tg.tgrelid = r.rel AND tg.tgname = r.member
  WHERE r.kind = 'trigger'
  UNION ALL
  -- A routine's member is its argument types as format_type prints them.
  SELECT i.ord, i.kind, 'pg_catalog.pg_proc'::pg_catalog.regclass::pg_catalog.oid, p.oid, 0
  FROM input i
  JOIN pg_catalog.pg_proc p ON p.oid = pg_catalog.to_regprocedure(
    pg_catalog.quote_ident(i.schema_name) || '.' || pg_catalog.quote_ident(i.object_name) || '(' || i.member || ')')
  WHERE i.kind IN ('function', 'procedure', 'aggregate')
),
doomed(ord, classid, objid, objsubid) AS (
  SELECT t.ord, t.classid, t.objid, t.objsubid FROM target t WHERE t.kind <> 'retype'
  UNION
  SELECT x.ord, d.classid, d.objid, d.objsubid
  FROM doomed x
  JOIN (
    SELECT dd.refclassid, dd.refobjid, dd.refobjsubid, dd.classid, dd.objid, dd.objsubid
    FROM pg_catalog.pg_depend dd WHERE dd.deptype IN ('a', 'i', 'P', 'S')
    UNION ALL
    -- A column a partition or child has only from its parent goes with the
    -- parent's (DROP COLUMN recurses), and pg_depend does not record that:
    -- without this the child column's default would count as outside.
    SELECT 'pg_catalog.pg_class'::pg_catalog.regclass::pg_catalog.oid, pa.attrelid, pa.attnum::pg_catalog.int4,
           'pg_catalog.pg_class'::pg_catalog.regclass::pg_catalog.oid, ca.attrelid, ca.attnum::pg_catalog.int4
    FROM pg_catalog.pg_inherits inh
    JOIN pg_catalog.pg_attribute pa ON pa.attrelid = inh.inhparent AND pa.attnum > 0 AND NOT pa.attisdropped
    JOIN pg_catalog.pg_attribute ca
      ON ca.attrelid = inh.inhrelid AND ca.attname = pa.attname AND NOT ca.attislocal AND ca.attinhcount = 1
  ) d
    ON d.refclassid = x.classid AND d.refobjid = x.objid AND (x.objsubid = 0 OR d.refobjsubid = x.objsubid)
),
blocker AS (
  SELECT x.ord, d.classid, d.objid, d.objsubid, d.refclassid, d.refobjid, d.refobjsubid
  FROM doomed x
  JOIN pg_catalog.pg_depend d
    ON d.refclassid = x.classid AND d.refobjid = x.objid AND (x.objsubid = 0 OR d.refobjsubid = x.objsubid)
  WHERE d.deptype = 'n'
  UNION
  SELECT t.ord, d.classid, d.objid, d.objsubid, d.refclassid, d.refobjid, d.refobjsubid
  FROM target t
  JOIN pg_catalog.pg_depend d ON d.refclassid = t.classid AND d.refobjid = t.objid AND d.refobjsubid = t.objsubid
  WHERE t.kind = 'retype'
    AND (d.classid IN ('pg_catalog.pg_rewrite'::pg_catalog.regclass, 'pg_catalog.pg_trigger'::pg_catalog.regclass,
                       'pg_catalog.pg_policy'::pg_catalog.regclass, 'pg_catalog.pg_proc'::pg_catalog.regclass,
                       'pg_catalog.pg_publication_rel'::pg_catalog.regclass)
         OR (d.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass AND EXISTS (
               SELECT 1 FROM pg_catalog.pg_attrdef ad
               JOIN pg_catalog.pg_attribute ga ON ga.attrelid = ad.adrelid AND ga.attnum = ad.adnum
               WHERE ad.oid = d.objid AND ga.attgenerated <> '' AND ga.attnum <> t.objsubid)))
  UNION
  -- Nor while a column anywhere stores the table's row type (or an array of
  -- it): "cannot alter table ... because column ... uses its row type".
  SELECT t.ord, d.classid, d.objid, d.objsubid, d.refclassid, d.refobjid, d.refobjsubid
  FROM target t
  JOIN pg_catalog.pg_class rc ON rc.oid = t.objid
  JOIN pg_catalog.pg_type rt ON rt.oid = rc.reltype
  JOIN pg_catalog.pg_depend d
    ON d.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.refobjid IN (rt.oid, rt.typarray)
  WHERE t.kind = 'retype' AND d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objsubid > 0
),
-- NOT IN, not NOT EXISTS: the planner guesses a recursive CTE at a handful
-- of rows and would rescan doomed for every blocker (30 s for 1,000 dropped
-- tables); a NOT IN subquery is hashed once.
outside AS (
  SELECT b.* FROM blocker b
  WHERE (b.classid, b.objid) NOT IN (SELECT y.classid, y.objid FROM doomed y WHERE y.objsubid = 0)
    AND (b.classid, b.objid, b.objsubid) NOT IN (SELECT y.classid, y.objid, y.objsubid FROM doomed y)
    -- A foreign key's copy for one partition (conparentid set) goes when
    -- that partition is detached, which is how a partition is dropped; the
    -- key itself is counted where it stands on something doomed.
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint clone
                    WHERE b.classid = 'pg_catalog.pg_constraint'::pg_catalog.regclass AND clone.oid = b.objid
                      AND clone.contype = 'f' AND clone.conparentid <> 0)
    -- A column the plan retypes stops using its old type and collation.
    AND NOT EXISTS (SELECT 1 FROM target t
                    WHERE t.kind = 'retype' AND t.classid = b.classid AND t.objid = b.objid
                      AND t.objsubid = b.objsubid
                      AND b.refclassid IN ('pg_catalog.pg_type'::pg_catalog.regclass,
                                           'pg_catalog.pg_collation'::pg_catalog.regclass))
),
-- A view's dependencies are held by its _RETURN rule, a default's by its
-- pg_attrdef row: name the view and the column instead. Policies, triggers
-- and other rules have no schema of their own; their table's counts.
shown AS (
  SELECT o.ord,
         CASE WHEN view_rule.oid IS NOT NULL OR ad.oid IS NOT NULL
              THEN 'pg_catalog.pg_class'::pg_catalog.regclass::pg_catalog.oid ELSE o.classid END AS classid,
         COALESCE(view_rule.ev_class, ad.adrelid, o.objid) AS objid,
         CASE WHEN view_rule.oid IS NOT NULL THEN 0 WHEN ad.oid IS NOT NULL THEN ad.adnum::pg_catalog.int4
              ELSE o.objsubid END AS objsubid,
         ad.oid IS NOT NULL AS via_default,
         COALESCE(pol.polrelid, tg.tgrelid, rule.ev_class) AS on_table,
         o.refclassid, o.refobjid, o.refobjsubid
  FROM outside o
  LEFT JOIN pg_catalog.pg_rewrite rule
    ON o.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND rule.oid = o.objid
  LEFT JOIN pg_catalog.pg_rewrite view_rule ON view_rule.oid = rule.oid AND view_rule.rulename = '_RETURN'
  LEFT JOIN pg_catalog.pg_attrdef ad ON o.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass AND ad.oid = o.objid
  LEFT JOIN pg_catalog.pg_policy pol ON o.classid = 'pg_catalog.pg_policy'::pg_catalog.regclass AND pol.oid = o.objid
  LEFT JOIN pg_catalog.pg_trigger tg ON o.classid = 'pg_catalog.pg_trigger'::pg_catalog.regclass AND tg.oid = o.objid
)
SELECT DISTINCT s.ord, dep.type, dep.identity, COALESCE(dep.schema, tn.nspname), s.via_default,
       ref.type || ' ' || ref.identity
FROM shown s
CROSS JOIN LATERAL pg_catalog.pg_identify_object(s.classid, s.objid, s.objsubid) dep
CROSS JOIN LATERAL pg_catalog.pg_identify_object(s.refclassid, s.refobjid, s.refobjsubid) ref
LEFT JOIN pg_catalog.pg_class tc ON tc.oid = s.on_table
LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
)SQL";

}  // namespace

std::vector<Dependent> read_blocking_dependents(Connection& conn, const std::vector<PlannedChange>& changes) {
    if (changes.empty()) return {};
    std::vector<std::string> kinds, schemas, names, members;
    for (const auto& change : changes) {
        const ObjectId& id = change.object;
        kinds.emplace_back(kind_word(change));
        // A schema's ObjectId holds its name in name.
        schemas.push_back(id.kind == ObjectKind::schema ? id.name : id.schema);
        names.push_back(id.name);
        std::string arguments;
        for (const auto& type : id.arguments) arguments += (arguments.empty() ? "" : ", ") + type;
        members.push_back(id.arguments.empty() ? id.member : arguments);
    }
    ResultSet result;
    try {
        result = query_read_only(conn, dependents_sql,
                                 {text_array_literal(kinds), text_array_literal(schemas), text_array_literal(names),
                                  text_array_literal(members)});
    } catch (const QueryError& error) {
        throw in_context(error, "reading what depends on the objects the plan drops or retypes");
    }

    // One entry per (change, dependent), with everything it uses.
    std::map<std::tuple<std::size_t, std::string, std::string, bool>, Dependent> grouped;
    for (auto row : result) {
        auto change = static_cast<std::size_t>(integer(row, 0) - 1);
        Dependent found{change, text(row, 1), text(row, 2), optional_text(row, 3).value_or(""), boolean(row, 4), {}};
        auto key = std::make_tuple(change, found.identity, found.kind, found.via_default);
        auto [entry, inserted] = grouped.try_emplace(key, std::move(found));
        entry->second.uses.push_back(text(row, 5));
    }
    std::vector<Dependent> out;
    for (auto& [key, dependent] : grouped) {
        std::sort(dependent.uses.begin(), dependent.uses.end());
        out.push_back(std::move(dependent));
    }
    return out;
}

}  // namespace reconcile::catalog
