// Objects in the claimed schemas of kinds the model does not cover yet, the
// features of managed objects it cannot say, and the database's own objects
// outside any schema (casts, publications...). One UNION ALL query so that
// adding a kind adds no round trip. Every branch returns the same columns:
// what is listed, then the object's identity in ObjectId's parts (schema,
// name, member, argument types), then a detail.
#include <stdexcept>

#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

namespace {

// Operators, operator classes and families, the four text search kinds and
// encoding conversions: schema-level objects that pg_dump writes and no
// reader covers.
std::string operators_and_text_search_sql(const std::string& claimed) {
    // An operator is named by its two argument types; a prefix operator
    // (and a postfix one, before PostgreSQL 14) lacks one, which DROP
    // OPERATOR spells NONE. A shell operator (no function: what a
    // COMMUTATOR naming an operator not created yet leaves behind) is not
    // an object of its own; pg_dump skips it too.
    std::string sql = R"SQL(
UNION ALL
SELECT 'operator', n.nspname, o.oprname, NULL,
       ARRAY[CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE pg_catalog.format_type(o.oprleft, NULL) END,
             CASE WHEN o.oprright = 0 THEN 'NONE' ELSE pg_catalog.format_type(o.oprright, NULL) END],
       NULL
FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace
WHERE o.oprcode <> 0 AND )SQL" +
                      claimed + " AND " + not_extension_member("pg_operator", "o.oid");

    // Classes and families are named per index method: btree and hash may
    // each have a "my_ops". CREATE OPERATOR CLASS without FAMILY creates a
    // family of the same name that holds just that class; pg_dump leaves
    // such a family to the class, and so does this listing, unless the
    // family also has members of its own (ALTER OPERATOR FAMILY ... ADD,
    // which depend on the family automatically) or other classes.
    sql += R"SQL(
UNION ALL
SELECT 'operator class', n.nspname, c.opcname, NULL, NULL, 'USING ' || am.amname
FROM pg_catalog.pg_opclass c JOIN pg_catalog.pg_namespace n ON n.oid = c.opcnamespace
JOIN pg_catalog.pg_am am ON am.oid = c.opcmethod
WHERE )SQL" +
           claimed + " AND " + not_extension_member("pg_opclass", "c.oid") + R"SQL(
UNION ALL
SELECT 'operator family', n.nspname, f.opfname, NULL, NULL, 'USING ' || am.amname
FROM pg_catalog.pg_opfamily f JOIN pg_catalog.pg_namespace n ON n.oid = f.opfnamespace
JOIN pg_catalog.pg_am am ON am.oid = f.opfmethod
WHERE )SQL" +
           claimed + " AND " + not_extension_member("pg_opfamily", "f.oid") + R"SQL(
  AND NOT (EXISTS (SELECT 1 FROM pg_catalog.pg_opclass c
                   WHERE c.opcfamily = f.oid AND c.opcname = f.opfname AND c.opcnamespace = f.opfnamespace)
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_opclass c
                           WHERE c.opcfamily = f.oid AND (c.opcname <> f.opfname OR c.opcnamespace <> f.opfnamespace))
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                           WHERE d.refclassid = 'pg_catalog.pg_opfamily'::pg_catalog.regclass AND d.refobjid = f.oid
                             AND d.classid IN ('pg_catalog.pg_amop'::pg_catalog.regclass,
                                               'pg_catalog.pg_amproc'::pg_catalog.regclass)
                             AND d.deptype = 'a'))
)SQL";

    struct Named {
        const char* what;
        const char* catalog;
        const char* name;
        const char* schema;
    };
    static const Named named[] = {
        {"text search configuration", "pg_ts_config", "cfgname", "cfgnamespace"},
        {"text search dictionary", "pg_ts_dict", "dictname", "dictnamespace"},
        {"text search parser", "pg_ts_parser", "prsname", "prsnamespace"},
        {"text search template", "pg_ts_template", "tmplname", "tmplnamespace"},
        {"conversion", "pg_conversion", "conname", "connamespace"},
    };
    for (const auto& kind : named) {
        sql += std::string("UNION ALL\nSELECT '") + kind.what + "', n.nspname, x." + kind.name +
               ", NULL, NULL, NULL\nFROM pg_catalog." + kind.catalog +
               " x JOIN pg_catalog.pg_namespace n ON n.oid = x." + kind.schema + "\nWHERE " + claimed + " AND " +
               not_extension_member(kind.catalog, "x.oid") + "\n";
    }
    return sql;
}

// What the model's tables and views can have but not say yet.
std::string features_sql(const std::string& claimed, const std::string& rel_not_ext) {
    // The index CLUSTER uses by default (ALTER TABLE ... CLUSTER ON), on a
    // table or a materialized view.
    // A view's column default (ALTER VIEW ... ALTER COLUMN ... SET DEFAULT)
    // is what an INSERT through the view fills in.
    return R"SQL(
UNION ALL
SELECT 'CLUSTER ON', n.nspname, c.relname, ic.relname, NULL, NULL
FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE i.indisclustered AND )SQL" +
           claimed + " AND " + rel_not_ext + R"SQL(
UNION ALL
SELECT 'view column default', n.nspname, c.relname, a.attname, NULL, NULL
FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_class c ON c.oid = d.adrelid
JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'v' AND )SQL" +
           claimed + " AND " + rel_not_ext + "\n";
}

// The database's objects outside any schema: user-defined casts, event
// triggers, publications, foreign-data wrappers, foreign servers and user
// mappings. pg_dump writes them for a whole database (not with --schema),
// so a database rebuilt from an export lacks them. They are listed when the
// read covers every schema a user created (export without --schema, or
// manifests claiming the whole database), and otherwise when they touch a
// claimed schema: a cast of or through a claimed type or function, an event
// trigger running a claimed function, a publication of claimed tables (or
// of all tables), a wrapper whose handler or validator is claimed, with its
// servers and their user mappings. Extension members are the extension's.
std::string database_objects_sql(int server_version) {
    const std::string whole_database = "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n WHERE " + user_schema("n") +
                                       " AND NOT n.nspname = ANY ($1::pg_catalog.text[]))";
    auto claimed_in = [](const std::string& catalog, const std::string& schema_column, const std::string& oids) {
        return "EXISTS (SELECT 1 FROM pg_catalog." + catalog + " x JOIN pg_catalog.pg_namespace n ON n.oid = x." +
               schema_column + " WHERE x.oid IN (" + oids + ") AND n.nspname = ANY ($1::pg_catalog.text[]))";
    };
    const std::string wrapper_claimed = claimed_in("pg_proc", "pronamespace", "w.fdwhandler, w.fdwvalidator");
    // Casts from initdb have oids below FirstNormalObjectId (16384): those
    // are PostgreSQL's own, and pg_dump skips them the same way. A range
    // type's cast to its multirange (PostgreSQL 14+) is part of the type.
    std::string sql = R"SQL(
UNION ALL
SELECT 'cast', '', '(' || pg_catalog.format_type(c.castsource, NULL) || ' AS '
                   || pg_catalog.format_type(c.casttarget, NULL) || ')', NULL, NULL, NULL
FROM pg_catalog.pg_cast c
WHERE c.oid >= 16384 AND )SQL" +
                      not_extension_member("pg_cast", "c.oid") + R"SQL(
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i
                  WHERE i.classid = 'pg_catalog.pg_cast'::pg_catalog.regclass AND i.objid = c.oid
                    AND i.deptype = 'i'))SQL" +
                      "\n  AND (" + whole_database + "\n       OR " +
                      claimed_in("pg_type", "typnamespace", "c.castsource, c.casttarget") + "\n       OR " +
                      claimed_in("pg_proc", "pronamespace", "c.castfunc") + R"SQL()
UNION ALL
SELECT 'event trigger', '', et.evtname, NULL, NULL, NULL
FROM pg_catalog.pg_event_trigger et
WHERE )SQL" + not_extension_member("pg_event_trigger", "et.oid") +
                      " AND (" + whole_database + "\n       OR " + claimed_in("pg_proc", "pronamespace", "et.evtfoid") +
                      R"SQL()
UNION ALL
SELECT 'publication', '', p.pubname, NULL, NULL, NULL
FROM pg_catalog.pg_publication p
WHERE )SQL" + not_extension_member("pg_publication", "p.oid") +
                      " AND (" + whole_database + R"SQL( OR p.puballtables
       OR EXISTS (SELECT 1 FROM pg_catalog.pg_publication_rel r JOIN pg_catalog.pg_class c ON c.oid = r.prrelid
                  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                  WHERE r.prpubid = p.oid AND n.nspname = ANY ($1::pg_catalog.text[])))SQL";
    // FOR TABLES IN SCHEMA is new in PostgreSQL 15.
    if (server_version >= pg15) {
        sql += R"SQL(
       OR EXISTS (SELECT 1 FROM pg_catalog.pg_publication_namespace pn
                  JOIN pg_catalog.pg_namespace n ON n.oid = pn.pnnspid
                  WHERE pn.pnpubid = p.oid AND n.nspname = ANY ($1::pg_catalog.text[])))SQL";
    }
    // pg_user_mapping itself is for superusers (it holds passwords);
    // the pg_user_mappings view shows every role the names.
    sql += R"SQL()
UNION ALL
SELECT 'foreign-data wrapper', '', w.fdwname, NULL, NULL, NULL
FROM pg_catalog.pg_foreign_data_wrapper w
WHERE )SQL" +
           not_extension_member("pg_foreign_data_wrapper", "w.oid") + " AND (" + whole_database + " OR " +
           wrapper_claimed + R"SQL()
UNION ALL
SELECT 'foreign server', '', s.srvname, NULL, NULL, NULL
FROM pg_catalog.pg_foreign_server s JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = s.srvfdw
WHERE )SQL" +
           not_extension_member("pg_foreign_server", "s.oid") + " AND (" + whole_database + " OR " + wrapper_claimed +
           R"SQL()
UNION ALL
SELECT 'user mapping', '', s.srvname, NULL, NULL,
       'for ' || CASE WHEN m.umuser = 0 THEN 'PUBLIC' ELSE m.usename::pg_catalog.text END
FROM pg_catalog.pg_user_mappings m JOIN pg_catalog.pg_foreign_server s ON s.oid = m.srvid
JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = s.srvfdw
WHERE )SQL" +
           not_extension_member("pg_user_mapping", "m.umid") + " AND (" + whole_database + " OR " + wrapper_claimed +
           ")\n";
    return sql;
}

}  // namespace

std::string unmanaged_sql(int server_version) {
    const std::string claimed = "n.nspname = ANY ($1::pg_catalog.text[])";
    const std::string rel_not_ext = not_extension_member("pg_class", "c.oid");
    std::string sql;

    // Window functions and routines in C or internal languages
    // (functions.cpp and aggregates.cpp read the rest), identified by their input argument
    // types, which print qualified because search_path is empty. Functions
    // internal to another object (a range type's constructors, 'i') are
    // part of that object.
    sql += R"SQL(
SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END AS kind,
       n.nspname, p.proname, NULL::pg_catalog.text,
       ARRAY(SELECT pg_catalog.format_type(a.t, NULL)
             FROM pg_catalog.unnest(p.proargtypes::pg_catalog.oid[]) WITH ORDINALITY a(t, i) ORDER BY a.i),
       NULL::pg_catalog.text
FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
WHERE NOT ()SQL" +
           routine_is_managed("p") + " OR " + aggregate_is_managed("p") + ") AND " + claimed + " AND " +
           not_extension_member("pg_proc", "p.oid") + R"SQL(
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i
                  WHERE i.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND i.objid = p.oid
                    AND i.deptype = 'i'))SQL";

    // Foreign tables: the other relations are read by tables.cpp (tables,
    // partitioned tables, partitions), views.cpp and sequences.cpp.
    sql += R"SQL(
UNION ALL
SELECT 'foreign table', n.nspname, c.relname, NULL, NULL, NULL
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE )SQL" +
           claimed + " AND " + rel_not_ext + R"SQL(
  AND c.relkind = 'f'
UNION ALL
SELECT 'row level security', n.nspname, c.relname, NULL, NULL, NULL
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE )SQL" +
           claimed + " AND " + rel_not_ext + R"SQL( AND (c.relrowsecurity OR c.relforcerowsecurity)
  AND c.relkind NOT IN ('r', 'p')
)SQL";

    // Objects that hang off a relation. Triggers on the tables and views in
    // scope are read by triggers.cpp; those on materialized views (there
    // are none: the server refuses them) and foreign tables are listed here.
    sql += R"SQL(
UNION ALL
SELECT 'trigger', n.nspname, c.relname, tg.tgname, NULL, NULL
FROM pg_catalog.pg_trigger tg JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT tg.tgisinternal AND tg.tgparentid = 0 AND NOT )SQL" +
           relations_with_triggers("c") + "\n  AND " + claimed + " AND " + rel_not_ext + R"SQL(
UNION ALL
SELECT 'policy', n.nspname, c.relname, po.polname, NULL, NULL
FROM pg_catalog.pg_policy po JOIN pg_catalog.pg_class c ON c.oid = po.polrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind NOT IN ('r', 'p') AND )SQL" +
           claimed + " AND " + rel_not_ext + R"SQL(
UNION ALL
SELECT 'rule', n.nspname, c.relname, r.rulename, NULL, NULL
FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE r.rulename <> '_RETURN' AND )SQL" +
           claimed + " AND " + rel_not_ext + R"SQL(
)SQL";

    // Column privileges on views and materialized views: privileges.cpp
    // reads those of tables only, so a grant on a view's column would be
    // lost on rebuild without a word (found on PostgREST's fixtures).
    sql += R"SQL(
UNION ALL
SELECT 'column privileges', n.nspname, c.relname, a.attname, NULL, NULL
FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('v', 'm')
  AND )SQL" +
           claimed + " AND " + rel_not_ext + "\n";

    // Virtual generated columns are new in PostgreSQL 18; looking for them
    // scans all of pg_attribute, so only where they can exist.
    if (server_version >= pg18) {
        sql += R"SQL(
UNION ALL
SELECT 'virtual generated column', n.nspname, c.relname, a.attname, NULL, NULL
FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE a.attgenerated = 'v' AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind = 'r'
  AND )SQL" + claimed +
               " AND " + rel_not_ext;
    }

    // PostgreSQL 18 constraints the model cannot say yet (constraints.cpp
    // leaves the first two out; tables.cpp reads a column whose NOT NULL is
    // not valid yet as nullable). Partitions carry copies of their parent's.
    if (server_version >= pg18) {
        sql += R"SQL(
UNION ALL
SELECT CASE WHEN co.contype = 'n' THEN 'not valid NOT NULL constraint'
            WHEN NOT co.conenforced THEN 'not enforced constraint'
            ELSE 'temporal constraint' END,
       n.nspname, c.relname, co.conname, NULL, NULL
FROM pg_catalog.pg_constraint co JOIN pg_catalog.pg_class c ON c.oid = co.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE ((co.contype = 'n' AND NOT co.convalidated) OR NOT co.conenforced OR co.conperiod)
  AND co.conparentid = 0 AND co.conislocal AND c.relkind IN ('r', 'p')
  AND )SQL" + claimed +
               " AND " + rel_not_ext;
    }

    sql += R"SQL(
UNION ALL
SELECT 'collation', n.nspname, co.collname, NULL, NULL, NULL
FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace n ON n.oid = co.collnamespace
WHERE )SQL" +
           claimed + " AND " + not_extension_member("pg_collation", "co.oid") + R"SQL(
UNION ALL
SELECT 'statistics', n.nspname, s.stxname, NULL, NULL, NULL
FROM pg_catalog.pg_statistic_ext s JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace
WHERE )SQL" +
           claimed + " AND " + not_extension_member("pg_statistic_ext", "s.oid") + "\n";
    sql += operators_and_text_search_sql(claimed);
    sql += features_sql(claimed, rel_not_ext);
    sql += database_objects_sql(server_version);
    return sql;
}

namespace {

// The kind of object a listing names: the object itself ("view"), or the
// object that has the feature ("row level security" is on a table).
ObjectKind kind_listed(std::string_view what) {
    static const std::pair<std::string_view, ObjectKind> features[] = {
        {"row level security", ObjectKind::table},
        {"exclusion constraint", ObjectKind::constraint},
        {"virtual generated column", ObjectKind::column},
        {"column privileges", ObjectKind::column},
        {"not valid NOT NULL constraint", ObjectKind::constraint},
        {"not enforced constraint", ObjectKind::constraint},
        {"temporal constraint", ObjectKind::constraint},
        {"CLUSTER ON", ObjectKind::index},
        {"view column default", ObjectKind::column},
        {"user mapping", ObjectKind::foreign_server},
    };
    for (const auto& [feature, kind] : features) {
        if (what == feature) return kind;
    }
    for (int k = 0; k <= static_cast<int>(ObjectKind::aggregate); ++k) {
        if (kind_name(static_cast<ObjectKind>(k)) == what) return static_cast<ObjectKind>(k);
    }
    throw std::logic_error("unmanaged_sql lists \"" + std::string(what) + "\", which has no ObjectKind");
}

}  // namespace

void build_unmanaged(const ResultSet& result, ReadContext&, Model& model) {
    for (auto row : result) {
        UnmanagedObject object;
        object.what = text(row, 0);
        object.id.kind = kind_listed(object.what);
        object.id.schema = text(row, 1);
        object.id.name = text(row, 2);
        if (auto member = optional_text(row, 3)) object.id.member = *member;
        if (auto arguments = optional_text(row, 4)) object.id.arguments = parse_text_array(*arguments);
        if (auto detail = optional_text(row, 5)) object.detail = *detail;
        model.unmanaged.push_back(std::move(object));
    }
}

}  // namespace reconcile::catalog::introspect_detail
