#!/usr/bin/env python3
"""Generate a realistic PostgreSQL schema as SQL, deterministically.

    bench/generate.py N [--seed S] [-o FILE]

N tables spread over several schemas, about 10 columns each, with the mix a
production application database has: serial, identity and uuid primary keys;
int, bigint, text, varchar(n), numeric(p,s), timestamptz, boolean, jsonb,
uuid, enum and array columns; defaults (now(), literals, gen_random_uuid());
foreign keys to earlier tables (some ON DELETE CASCADE / SET NULL, some across
schemas); unique and check constraints (varchar IN lists among them);
partial, expression and GIN indexes; comments on tables and columns; a few
enums per schema; a few quoted mixed-case names (ORM style). --enums chooses
how enums are named and used (see --help).

The same N and seed always give byte-identical output. Object counts go to
stderr (or with --stats only).
"""

import argparse
import random
import sys

SCHEMA_NAMES = ["core", "billing", "crm", "inventory", "content", "analytics",
                "auth", "support", "logistics", "hr", "marketing", "ops"]

NOUNS = ["account", "order", "invoice", "payment", "customer", "product",
         "shipment", "ticket", "message", "session", "event", "address",
         "contract", "subscription", "plan", "coupon", "review", "asset",
         "document", "task", "project", "team", "member", "device", "report",
         "campaign", "lead", "vendor", "warehouse", "item", "batch", "refund",
         "note", "tag", "attachment", "webhook", "job", "run", "quota", "tenant"]

ENUM_WORDS = ["status", "kind", "state", "priority", "channel", "tier", "stage"]
ENUM_VALUES = ["active", "inactive", "pending", "archived", "draft", "open",
               "closed", "failed", "queued", "running", "done", "low",
               "medium", "high", "email", "sms", "push", "free", "pro",
               "enterprise"]

# Plain columns: (name stem, SQL type, candidate defaults, nullable share)
PLAIN = [
    ("name", "text", [None], 0.2),
    ("title", "varchar({n})", [None, "''"], 0.3),
    ("code", "varchar({n})", [None], 0.2),
    ("email", "text", [None], 0.5),
    ("description", "text", [None], 0.9),
    ("amount", "numeric({p},{s})", ["0", None], 0.3),
    ("price", "numeric({p},{s})", [None, "0"], 0.4),
    ("quantity", "integer", ["0", "1", None], 0.3),
    ("position", "integer", [None, "0"], 0.5),
    ("total", "bigint", ["0", None], 0.3),
    ("is_enabled", "boolean", ["true", "false"], 0.1),
    ("is_deleted", "boolean", ["false"], 0.1),
    ("created_at", "timestamptz", ["now()"], 0.0),
    ("updated_at", "timestamptz", ["now()", None], 0.3),
    ("deleted_at", "timestamptz", [None], 1.0),
    ("attrs", "jsonb", ["'{{}}'::jsonb", None], 0.5),
    ("metadata", "jsonb", [None], 0.8),
    ("tags", "text[]", ["'{{}}'::text[]", None], 0.5),
    ("scores", "integer[]", [None], 0.9),
    ("external_id", "uuid", ["gen_random_uuid()", None], 0.5),
    ("ratio", "double precision", [None], 0.8),
    ("birth_date", "date", [None], 0.9),
    ("state_code", "varchar({n})", [None], 0.5),
]


def ident(name):
    """Quote only when needed, as a hand-written schema would."""
    if name.islower() and name.replace("_", "").isalnum() and not name[0].isdigit():
        return name
    return '"' + name.replace('"', '""') + '"'


def literal(text):
    return "'" + text.replace("'", "''") + "'"


class Table:
    def __init__(self, schema, name):
        self.schema = schema
        self.name = name
        self.pk_type = None        # referencing column type
        self.lines = []            # column and constraint lines of CREATE TABLE
        self.after = []            # statements after CREATE TABLE
        self.columns = []          # (name, type)

    @property
    def qname(self):
        return f"{ident(self.schema)}.{ident(self.name)}"


class Generator:
    def __init__(self, n, seed, batch=100, enum_style="mixed", no_identity=False, kinds=False, grants=False,
                 views=False):
        self.n = n
        # --kinds: per schema a domain and a standalone sequence, used by a
        # few tables. Drawn from a random stream of its own, so the rest of
        # the schema is the same with or without it.
        self.kinds = kinds
        self.kinds_rng = random.Random(seed + 1)
        self.grants = grants
        # --views: views, materialized views and row-level security, from a
        # random stream of their own too.
        self.views = views
        self.views_rng = random.Random(seed * 31 + 7)
        # INSTEAD OF triggers on a share of those views: a stream of their
        # own, so the views themselves stay what they were for a seed.
        self.view_triggers_rng = random.Random(seed * 131 + 3)
        # Storage parameters on a share of the materialized views: another
        # stream, for the same reason.
        self.matview_storage_rng = random.Random(seed * 257 + 11)
        self.no_identity = no_identity
        self.enum_style = enum_style
        self.batch = batch
        self.rng = random.Random(seed)
        n_schemas = max(2, min(len(SCHEMA_NAMES), 3 + n // 1000))
        self.schemas = SCHEMA_NAMES[:n_schemas]
        self.enums = {}            # schema -> [(enum name, values)]
        self.tables = []
        self.names = set()
        self.counts = dict(schemas=0, enums=0, tables=0, columns=0, fks=0,
                           uniques=0, checks=0, indexes=0, comments=0,
                           functions=0, triggers=0, grants=0)
        # Functions and triggers draw from a generator of their own, so that
        # the tables, columns and indexes stay what they were for a seed
        # before these kinds were added (figures stay comparable).
        self.routine_rng = random.Random(seed * 7919 + 1)
        if kinds:
            self.counts.update(domains=0, sequences=0, range_types=0, partitioned_tables=0, partitions=0,
                               aggregates=0, exclusions=0, inherited_column_settings=0)
        if views:
            self.counts.update(views=0, materialized_views=0, policies=0, view_triggers=0,
                               materialized_view_storage=0)

    def out(self):
        r = self.rng
        yield "-- generated by bench/generate.py; do not edit\n"
        yield "SET client_min_messages = warning;\n"
        if self.grants:
            # Roles are cluster-wide; the bench runs a cluster of its own.
            for role in ROLES:
                yield f"CREATE ROLE {ident(role)};\n"
        for s in self.schemas:
            self.counts["schemas"] += 1
            yield f"CREATE SCHEMA {ident(s)};\n"
            yield f"COMMENT ON SCHEMA {ident(s)} IS {literal(s + ' domain')};\n"
            if self.grants:
                yield f"GRANT USAGE ON SCHEMA {ident(s)} TO bench_reader, bench_writer;\n"
                yield (f"ALTER DEFAULT PRIVILEGES FOR ROLE bench_owner IN SCHEMA {ident(s)} "
                       "GRANT SELECT ON TABLES TO bench_reader;\n")
                self.counts["grants"] += 3
            self.enums[s] = []
            for w in r.sample(ENUM_WORDS, r.randint(2, 4)):
                lower = r.random() < 0.8
                if self.enum_style == "quoted":
                    lower = False
                elif self.enum_style == "bare":
                    lower = True
                name = f"{s}_{w}" if lower else f"{s.capitalize()}{w.capitalize()}"
                values = r.sample(ENUM_VALUES, r.randint(3, 7))
                self.enums[s].append((name, values))
                self.counts["enums"] += 1
                vals = ", ".join(literal(v) for v in values)
                yield f"CREATE TYPE {ident(s)}.{ident(name)} AS ENUM ({vals});\n"
                if r.random() < 0.5:
                    yield f"COMMENT ON TYPE {ident(s)}.{ident(name)} IS {literal('lifecycle of ' + w)};\n"
            yield from self.schema_functions(s)
            if self.views:
                # What the views' INSTEAD OF triggers call (table_views).
                self.counts["functions"] += 1
                yield (f"CREATE FUNCTION {ident(s)}.view_write() RETURNS trigger LANGUAGE plpgsql AS "
                       "$$BEGIN\n  RETURN NEW;\nEND;\n$$;\n")
            if self.kinds:
                self.counts["domains"] += 1
                self.counts["sequences"] += 1
                yield (f"CREATE DOMAIN {ident(s)}.amount AS numeric(12,2) DEFAULT 0 NOT NULL "
                       f"CONSTRAINT amount_not_negative CHECK (VALUE >= 0);\n")
                yield f"CREATE SEQUENCE {ident(s)}.ticket_numbers AS integer START 1000 CACHE 10;\n"
                yield from self.schema_aggregates(s)
                yield from self.partitioned(s)
                yield from self.schema_exclusions(s)
        for i in range(self.n):
            # Load in transactions of `batch` tables: one transaction per
            # statement makes loading 10,000 tables slow, one transaction
            # for all needs more lock slots than a default server has.
            if self.batch and i % self.batch == 0:
                yield ("COMMIT;\n" if i else "") + "BEGIN;\n"
            t = self.table(i)
            if self.kinds:
                self.add_kinds(t)
            self.tables.append(t)
            yield f"CREATE TABLE {t.qname} (\n    " + ",\n    ".join(t.lines) + "\n);\n"
            for stmt in t.after:
                yield stmt + ";\n"
            for stmt in self.table_routines(t):
                yield stmt + ";\n"
            if self.views:
                for stmt in self.table_views(t):
                    yield stmt + ";\n"
        if self.batch and self.n:
            yield "COMMIT;\n"

    def schema_functions(self, s):
        """Per schema: a trigger function (PL/pgSQL, SET search_path), an
        immutable SQL helper, and a function with defaults and a comment."""
        q = ident(s)
        self.counts["functions"] += 3
        yield (f"CREATE FUNCTION {q}.touch_updated_at() RETURNS trigger LANGUAGE plpgsql "
               f"SET search_path = pg_catalog, pg_temp AS $$\nBEGIN\n  NEW.updated_at := now();\n"
               f"  RETURN NEW;\nEND;\n$$;\n")
        yield (f"CREATE FUNCTION {q}.normalize_code(code text) RETURNS text LANGUAGE sql "
               f"IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT upper(trim(code))';\n")
        yield (f"CREATE FUNCTION {q}.page_size(requested integer DEFAULT 50, max_size integer DEFAULT 500) "
               f"RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT least(requested, max_size)';\n")
        yield f"COMMENT ON FUNCTION {q}.page_size(integer, integer) IS 'rows per page';\n"
        if self.grants:
            # EXECUTE kept from PUBLIC on one, granted to the writer.
            yield f"REVOKE EXECUTE ON FUNCTION {q}.page_size(integer, integer) FROM PUBLIC;\n"
            yield f"GRANT EXECUTE ON FUNCTION {q}.page_size(integer, integer) TO bench_writer;\n"
            self.counts["grants"] += 2

    def schema_aggregates(self, s):
        """Per schema (--kinds): pagila's group_concat over a SQL state
        function, a sum with a final, a combine function and a moving
        mode, commented, and an ordered-set aggregate (a percentile)."""
        q = ident(s)
        self.counts["functions"] += 5
        self.counts["aggregates"] += 3
        yield (f"CREATE FUNCTION {q}.collect_step(double precision[], double precision) RETURNS "
               "double precision[] LANGUAGE sql IMMUTABLE AS 'SELECT $1 || $2';\n")
        yield (f"CREATE FUNCTION {q}.percentile_final(double precision[], double precision, double precision) "
               "RETURNS double precision LANGUAGE sql IMMUTABLE "
               "AS 'SELECT $1[greatest(1, ceil($2 * cardinality($1))::integer)]';\n")
        yield (f"CREATE AGGREGATE {q}.rough_percentile(double precision ORDER BY double precision) "
               f"(SFUNC = {q}.collect_step, STYPE = double precision[], FINALFUNC = {q}.percentile_final, "
               "FINALFUNC_EXTRA, INITCOND = '{}');\n")
        yield (f"CREATE FUNCTION {q}._group_concat(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS "
               "$$SELECT CASE WHEN $2 IS NULL THEN $1 WHEN $1 IS NULL THEN $2 ELSE $1 || ', ' || $2 END$$;\n")
        yield f"CREATE AGGREGATE {q}.group_concat(text) (SFUNC = {q}._group_concat, STYPE = text);\n"
        yield (f"CREATE FUNCTION {q}.sum_step(bigint, integer) RETURNS bigint LANGUAGE sql IMMUTABLE "
               "AS 'SELECT $1 + $2';\n")
        yield (f"CREATE FUNCTION {q}.sum_unstep(bigint, integer) RETURNS bigint LANGUAGE sql IMMUTABLE "
               "AS 'SELECT $1 - $2';\n")
        yield (f"CREATE AGGREGATE {q}.running_sum(integer) (SFUNC = {q}.sum_step, STYPE = bigint, "
               f"COMBINEFUNC = pg_catalog.int8pl, INITCOND = '0', MSFUNC = {q}.sum_step, "
               f"MINVFUNC = {q}.sum_unstep, MSTYPE = bigint, MINITCOND = '0', PARALLEL = SAFE);\n")
        yield f"COMMENT ON AGGREGATE {q}.running_sum(integer) IS 'a windowed sum';\n"

    def table_routines(self, t):
        """Triggers on a share of the tables (a third of those with
        updated_at; one in twenty guarded against deletes by a WHEN
        condition), and a set-returning function over one in ten."""
        r = self.routine_rng
        q = t.qname
        s = ident(t.schema)
        names = {n for n, _ in t.columns}
        tn = t.name.lower()
        out = []
        if "updated_at" in names and r.random() < 0.33:
            out.append(f"CREATE TRIGGER {ident(tn[:50] + '_touch')} BEFORE UPDATE ON {q} "
                       f"FOR EACH ROW EXECUTE FUNCTION {s}.touch_updated_at()")
            self.counts["triggers"] += 1
        if "is_deleted" in names and r.random() < 0.05:
            out.append(f"CREATE TRIGGER {ident(tn[:50] + '_guard')} BEFORE UPDATE OF is_deleted ON {q} "
                       f"FOR EACH ROW WHEN (OLD.is_deleted AND NOT NEW.is_deleted) "
                       f"EXECUTE FUNCTION {s}.touch_updated_at('undelete')")
            self.counts["triggers"] += 1
        if r.random() < 0.1:
            fn = ident(tn[:50] + "_recent")
            out.append(f"CREATE FUNCTION {s}.{fn}(lim integer DEFAULT 10) RETURNS SETOF {q} "
                       f"LANGUAGE sql STABLE AS $$SELECT * FROM {q} LIMIT lim$$")
            self.counts["functions"] += 1
        return out

    def table_views(self, t):
        """One table in ten gets a view of its first columns (a third of
        them filtered, a few security_invoker), one in fifty a materialized
        view with a unique index (one in five of those with a fillfactor),
        one in twenty row-level security and a policy."""
        r = self.views_rng
        q = t.qname
        s = ident(t.schema)
        tn = t.name.lower()
        cols = ", ".join(ident(n) for n, _ in t.columns[:3])
        names = {n for n, _ in t.columns}
        out = []
        if r.random() < 0.1:
            view = f"{s}.{ident(tn[:50] + '_v')}"
            where = " WHERE NOT is_deleted" if "is_deleted" in names and r.random() < 0.33 else ""
            option = " WITH (security_invoker = true)" if r.random() < 0.1 else ""
            out.append(f"CREATE VIEW {view}{option} AS SELECT {cols} FROM {q}{where}")
            self.counts["views"] += 1
            if self.view_triggers_rng.random() < 0.2:
                out.append(f"CREATE TRIGGER {ident(tn[:50] + '_v_write')} INSTEAD OF INSERT OR UPDATE ON {view} "
                           f"FOR EACH ROW EXECUTE FUNCTION {s}.view_write()")
                self.counts["view_triggers"] += 1
            if self.grants:
                out.append(f"GRANT SELECT ON {view} TO bench_reader")
                self.counts["grants"] += 1
        if r.random() < 0.02:
            mv = f"{s}.{ident(tn[:50] + '_mv')}"
            first = ident(t.columns[0][0])
            storage = ""
            if self.matview_storage_rng.random() < 0.2:
                storage = f" WITH (fillfactor = {self.matview_storage_rng.choice([50, 70, 90])})"
                self.counts["materialized_view_storage"] += 1
            out.append(f"CREATE MATERIALIZED VIEW {mv}{storage} AS SELECT {cols} FROM {q} WITH NO DATA")
            out.append(f"CREATE UNIQUE INDEX {ident(tn[:50] + '_mv_key')} ON {mv} ({first})")
            self.counts["materialized_views"] += 1
        if r.random() < 0.05:
            to = "bench_reader" if self.grants else "PUBLIC"
            first = ident(t.columns[0][0])
            out.append(f"ALTER TABLE {q} ENABLE ROW LEVEL SECURITY")
            out.append(f"CREATE POLICY {ident(tn[:50] + '_read')} ON {q} FOR SELECT TO {to} "
                       f"USING ({first} IS NOT NULL)")
            self.counts["policies"] += 1
        return out

    def partitioned(self, s):
        """--kinds, per schema: a range type, and a table partitioned by
        month (twelve partitions and a default one, with a default of its
        own) with a key and an index on the parent, which the partitions
        have too."""
        q = ident(s)
        self.counts["range_types"] += 1
        self.counts["partitioned_tables"] += 1
        yield f"CREATE TYPE {q}.price_range AS RANGE (subtype = numeric);\n"
        yield (f"CREATE TABLE {q}.events (id bigint NOT NULL, at timestamp with time zone NOT NULL, "
               f"price {q}.price_range, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);\n")
        for month in range(1, 13):
            start = f"2024-{month:02d}-01 00:00:00+00"
            end = f"2025-01-01 00:00:00+00" if month == 12 else f"2024-{month + 1:02d}-01 00:00:00+00"
            yield (f"CREATE TABLE {q}.events_2024_{month:02d} PARTITION OF {q}.events "
                   f"FOR VALUES FROM ('{start}') TO ('{end}');\n")
            self.counts["partitions"] += 1
        yield f"CREATE TABLE {q}.events_other PARTITION OF {q}.events DEFAULT;\n"
        self.counts["partitions"] += 1
        # A partition's own setting on a column it has from its parent.
        yield f"ALTER TABLE {q}.events_other ALTER COLUMN price SET DEFAULT '[0,1)';\n"
        self.counts["inherited_column_settings"] += 1
        yield f"CREATE INDEX events_at_idx ON {q}.events (at);\n"

    def schema_exclusions(self, s):
        """--kinds, per schema: a reservations table whose exclusion
        constraint forbids overlapping stays of one resource, with an
        expression key and a predicate (core range opclasses: no
        extension needed)."""
        q = ident(s)
        self.counts["exclusions"] += 1
        yield (f"CREATE TABLE {q}.reservations (id bigint PRIMARY KEY, resource integer NOT NULL, "
               "during tstzrange NOT NULL, cancelled boolean NOT NULL DEFAULT false, "
               "CONSTRAINT reservations_no_overlap EXCLUDE USING gist "
               "(int4range(resource, resource, '[]') WITH =, during WITH &&) WHERE (NOT cancelled));\n")

    def add_kinds(self, t):
        r = self.kinds_rng
        s = ident(t.schema)
        if r.random() < 0.2:
            t.columns.append(("paid_amount", f"{s}.amount"))
            t.lines.append(f"paid_amount {s}.amount")
            self.counts["columns"] += 1
        if r.random() < 0.1:
            t.columns.append(("ticket_no", "integer"))
            t.lines.append(f"ticket_no integer DEFAULT nextval('{t.schema}.ticket_numbers') NOT NULL")
            self.counts["columns"] += 1

    def table_name(self, i):
        r = self.rng
        noun = r.choice(NOUNS)
        if r.random() < 0.05:      # ORM-style quoted names: "OrderItem42"
            name = f"{noun.capitalize()}{r.choice(NOUNS).capitalize()}{i}"
        else:
            name = f"{noun}_{r.choice(NOUNS)}s_{i}"
        return name

    def table(self, i):
        r = self.rng
        c = self.counts
        schema = self.schemas[r.randrange(len(self.schemas))]
        t = Table(schema, self.table_name(i))
        c["tables"] += 1
        pre = t.name if not t.name.islower() else None

        def col(name, typ, rest=""):
            t.columns.append((name, typ))
            t.lines.append(f"{ident(name)} {typ}{rest}")
            c["columns"] += 1

        # Primary key: serial, bigserial, identity or uuid.
        kind = r.choices(["serial", "bigserial", "identity", "identity_default", "uuid"],
                         [2, 3, 3, 1, 2])[0]
        if self.no_identity and kind.startswith("identity"):
            kind = "bigserial" if kind == "identity" else "serial"
        if kind == "serial":
            col("id", "serial", " PRIMARY KEY"); t.pk_type = "integer"
        elif kind == "bigserial":
            col("id", "bigserial", " PRIMARY KEY"); t.pk_type = "bigint"
        elif kind == "identity":
            col("id", "bigint", " GENERATED ALWAYS AS IDENTITY PRIMARY KEY"); t.pk_type = "bigint"
        elif kind == "identity_default":
            col("id", "integer", " GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"); t.pk_type = "integer"
        else:
            col("id", "uuid", " DEFAULT gen_random_uuid() PRIMARY KEY"); t.pk_type = "uuid"

        # Foreign keys to earlier tables: 0..3, with a preference for recent
        # tables and for a few "hub" tables (users, tenants) early in the list.
        fk_cols = []
        if self.tables:
            for _ in range(r.choices([0, 1, 2, 3], [3, 4, 2, 1])[0]):
                if r.random() < 0.3:
                    target = self.tables[r.randrange(min(len(self.tables), 20))]
                else:
                    lo = max(0, len(self.tables) - 500)
                    target = self.tables[r.randrange(lo, len(self.tables))]
                cname = f"{target.name.lower()[:40]}_id"
                if any(cname == n for n, _ in t.columns):
                    continue
                on_delete = r.choices(["", " ON DELETE CASCADE", " ON DELETE SET NULL",
                                       " ON DELETE RESTRICT"], [5, 3, 2, 1])[0]
                not_null = "" if on_delete == " ON DELETE SET NULL" or r.random() < 0.4 else " NOT NULL"
                col(cname, target.pk_type, not_null)
                # Half named by hand, half by the server (<table>_<column>_fkey,
                # truncated to 63 bytes and made unique by PostgreSQL).
                named = f"CONSTRAINT {ident('fk_' + t.name + '_' + str(len(fk_cols)))} " \
                    if r.random() < 0.5 else ""
                t.lines.append(f"{named}FOREIGN KEY ({ident(cname)}) "
                               f"REFERENCES {target.qname} (id){on_delete}")
                c["fks"] += 1
                fk_cols.append(cname)

        # Plain columns up to ~10 on average in all.
        want = max(3, int(r.gauss(10, 3))) - len(t.columns)
        stems = r.sample(PLAIN, min(len(PLAIN), max(1, want)))
        enum_col = None
        for stem, typ, defaults, null_share in stems:
            typ = typ.format(n=r.choice([20, 32, 64, 100, 255]),
                             p=r.choice([10, 12, 18]), s=r.choice([0, 2, 4]))
            rest = ""
            if stem == "state_code":
                values = r.sample(["NY", "CA", "TX", "WA", "OR", "FL", "IL"], r.randint(2, 5))
                rest += "" if r.random() < 0.5 else " NOT NULL"
                col(stem, typ, rest)
                t.lines.append(f"CONSTRAINT {ident(t.name[:40] + '_' + stem + '_check')} CHECK "
                               f"({stem} IN ({', '.join(literal(v) for v in values)}))")
                c["checks"] += 1
                continue
            d = r.choice(defaults)
            if d is not None:
                rest += f" DEFAULT {d.format()}"
            if r.random() >= null_share:
                rest += " NOT NULL"
            col(stem, typ, rest)
        # An enum column in most tables.
        if r.random() < 0.7:
            ename, evalues = r.choice(self.enums[schema])
            if r.random() < 0.15:  # enum from another schema
                other = r.choice(self.schemas)
                ename, evalues = r.choice(self.enums[other])
                etype = f"{ident(other)}.{ident(ename)}"
            else:
                etype = f"{ident(schema)}.{ident(ename)}"
            enum_col = "status" if "status" not in (n for n, _ in t.columns) else "state"
            if self.enum_style == "bare":
                col(enum_col, etype)
            else:
                col(enum_col, etype, f" DEFAULT {literal(evalues[0])} NOT NULL")
        # A varchar status with an IN list check in some tables.
        if r.random() < 0.25:
            values = r.sample(ENUM_VALUES, r.randint(2, 5))
            col("phase", "varchar(20)", f" DEFAULT {literal(values[0])} NOT NULL")
            t.lines.append(f"CHECK (phase IN ({', '.join(literal(v) for v in values)}))")
            c["checks"] += 1

        names = {n: typ for n, typ in t.columns}
        # Check constraints on numbers and text.
        for n, typ in t.columns:
            if typ.startswith("numeric") and r.random() < 0.5:
                t.lines.append(f"CHECK ({n} >= 0)"); c["checks"] += 1
            elif n == "code" and r.random() < 0.5:
                t.lines.append(f"CONSTRAINT {ident(t.name[:40] + '_code_nonempty')} "
                               f"CHECK (char_length(code) > 0)"); c["checks"] += 1
        # Unique constraints.
        if "code" in names and r.random() < 0.6:
            t.lines.append("UNIQUE (code)"); c["uniques"] += 1
        if "email" in names and fk_cols and r.random() < 0.5:
            t.lines.append(f"UNIQUE ({ident(fk_cols[0])}, email)"); c["uniques"] += 1
        if "external_id" in names and r.random() < 0.5:
            t.lines.append(f"CONSTRAINT {ident(t.name[:40] + '_external_key')} UNIQUE (external_id)")
            c["uniques"] += 1

        # Indexes: on FK columns, partial, expression, GIN, multi-column.
        q = t.qname
        tn = t.name.lower()  # unique per schema (ends in the table's number)
        seq = iter(range(100))

        def index(body, unique=False):
            name = f"{tn}_{next(seq)}_idx"
            t.after.append(f"CREATE {'UNIQUE ' if unique else ''}INDEX {ident(name)} ON {q} {body}")
            c["indexes"] += 1

        for fc in fk_cols:
            if r.random() < 0.6:
                index(f"({ident(fc)})")
        if "created_at" in names and r.random() < 0.4:
            if "deleted_at" in names:
                index("(created_at DESC) WHERE deleted_at IS NULL")
            else:
                index("(created_at)")
        if "email" in names and r.random() < 0.5:
            index("(lower(email))", unique=r.random() < 0.3)
        if "name" in names and r.random() < 0.3:
            index("(lower(name) text_pattern_ops)")
        if "attrs" in names and r.random() < 0.5:
            index("USING gin (attrs)")
        if "metadata" in names and r.random() < 0.3:
            index("USING gin (metadata jsonb_path_ops)")
        if "tags" in names and r.random() < 0.5:
            index("USING gin (tags)")
        if enum_col and r.random() < 0.4:
            extra = f", {ident(fk_cols[0])}" if fk_cols else ""
            if r.random() < 0.5 and self.enum_style != "bare":
                index(f"({enum_col}{extra}) WHERE {enum_col} <> {literal(evalues[-1])}")
            else:
                index(f"({enum_col}{extra})")
        if "is_deleted" in names and "updated_at" in names and r.random() < 0.3:
            index("(updated_at) INCLUDE (id) WHERE NOT is_deleted")

        # Grants on every table; some to a writer, some on columns.
        if self.grants:
            t.after.append(f"GRANT SELECT ON {q} TO bench_reader")
            c["grants"] += 1
            if r.random() < 0.3:
                t.after.append(f"GRANT INSERT, UPDATE ON {q} TO bench_writer")
                c["grants"] += 2
            elif len(t.columns) > 1 and r.random() < 0.3:
                t.after.append(f"GRANT UPDATE ({ident(t.columns[1][0])}) ON {q} TO bench_writer")
                c["grants"] += 1
            if r.random() < 0.05:
                t.after.append(f"GRANT SELECT ON {q} TO PUBLIC")
                c["grants"] += 1

        # Comments.
        if r.random() < 0.5:
            t.after.append(f"COMMENT ON TABLE {q} IS {literal('Stores ' + tn.replace('_', ' ') + ' records')}")
            c["comments"] += 1
        for n, _ in t.columns[1:]:
            if r.random() < 0.15:
                text = n.replace("_", " ") + " of the " + tn
                if r.random() < 0.1:
                    text += " (user's)"
                t.after.append(f"COMMENT ON COLUMN {q}.{ident(n)} IS {literal(text)}")
                c["comments"] += 1
        return t


ROLES = ["bench_owner", "bench_reader", "bench_writer"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of tables")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", help="file to write (default stdout)")
    ap.add_argument("--batch", type=int, default=100,
                    help="tables per transaction (0: no BEGIN/COMMIT)")
    ap.add_argument("--stats", action="store_true", help="print only the object counts")
    ap.add_argument("--enums", choices=["mixed", "quoted", "bare"], default="mixed",
                    help="enum names: mixed (80%% lower case, 20%% CamelCase), quoted (all "
                         "CamelCase, so every reference needs quotes), bare (lower case, and "
                         "no enum-typed defaults or index predicates)")
    ap.add_argument("--no-identity", action="store_true",
                    help="serial/bigserial primary keys instead of identity columns")
    ap.add_argument("--kinds", action="store_true",
                    help="also a domain, a standalone sequence, a range type, aggregates (one "
                         "ordered-set) and a table partitioned by month per schema, used by some tables")
    ap.add_argument("--grants", action="store_true",
                    help="three roles, USAGE and default privileges per schema, SELECT on every table to a "
                         "reader, INSERT/UPDATE or a column UPDATE on some to a writer, a few to PUBLIC")
    ap.add_argument("--views", action="store_true",
                    help="views on one table in ten (a fifth of them with an INSTEAD OF trigger), "
                         "materialized views on one in fifty, row-level security and a policy on one in twenty")
    a = ap.parse_args()
    g = Generator(a.n, a.seed, a.batch, a.enums, a.no_identity, a.kinds, a.grants, a.views)
    if a.stats:
        for _ in g.out():
            pass
    else:
        f = open(a.output, "w") if a.output else sys.stdout
        for chunk in g.out():
            f.write(chunk)
        if a.output:
            f.close()
    print(" ".join(f"{k}={v}" for k, v in g.counts.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
