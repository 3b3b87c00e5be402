#include "engine/canonicalize/canonicalizer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "catalog/introspect/introspector.hpp"
#include "catalog/model/identifier.hpp"
#include "engine/canonicalize/fast_path.hpp"
#include "engine/canonicalize/scratch_names.hpp"
#include "engine/canonicalize/scratch_references.hpp"
#include "engine/render/render.hpp"

namespace reconcile::engine {

namespace {

using catalog::Column;
using catalog::Model;
using catalog::QualifiedName;

// Rolls the scratch transaction back however we leave: nothing of the
// canonicalization may ever be committed.
class RollbackGuard {
public:
    explicit RollbackGuard(catalog::Connection& conn) : conn_(conn) { conn_.run_script("BEGIN"); }
    ~RollbackGuard() {
        try {
            conn_.execute("ROLLBACK");
        } catch (...) {
            // The connection is unusable; the server rolls back when it closes.
        }
    }
    RollbackGuard(const RollbackGuard&) = delete;
    RollbackGuard& operator=(const RollbackGuard&) = delete;

private:
    catalog::Connection& conn_;
};

bool is_foreign_key(const catalog::Constraint& c) {
    return c.kind == catalog::ConstraintKind::foreign_key;
}

// Copies back what the scratch objects cannot carry: comments (plain text,
// nothing to canonicalize), foreign keys (structured, and creating them would
// lock the referenced tables) and USING instructions.
void restore_from_manifest(catalog::Table& canonical, const catalog::Table& want) {
    canonical.comment = want.comment;
    for (auto& column : canonical.columns) {
        if (const auto* w = want.find_column(column.name)) {
            column.comment = w->comment;
            column.using_expr = w->using_expr;
        }
    }
    for (auto& constraint : canonical.constraints) {
        if (const auto* w = want.find_constraint(constraint.name)) {
            constraint.comment = w->comment;
            // Created inline in scratch, so always validated there.
            constraint.not_valid = w->not_valid;
        }
    }
    for (const auto& constraint : want.constraints) {
        if (is_foreign_key(constraint)) canonical.constraints.push_back(constraint);
    }
    for (auto& index : canonical.indexes) {
        if (const auto* w = want.find_index(index.name)) index.comment = w->comment;
    }
}

// PostgreSQL's deparsed expressions are not always a fixpoint: a varchar
// `status IN ('a','b')` prints as `(status)::text = ANY ((ARRAY[...])::text[])`,
// and that text, parsed again, prints differently. So for each expression the
// server's text is used only to decide equality with the live catalog; when
// they differ, the user's own text is kept, because that is what gets applied
// and what the scratch objects were built from, so after apply the live text
// equals what canonicalization predicted. Text written exactly as the catalog
// prints it (an export) is the live text by definition.
void resolve_expression(std::optional<std::string>& canonical, const std::optional<std::string>& written,
                        const std::optional<std::string>* live) {
    if (live && (written == *live || canonical == *live)) {
        canonical = *live;
    } else if (written) {
        canonical = written;
    }
}

void resolve_expressions(catalog::Table& canonical, const catalog::Table& written, const catalog::Table* live) {
    for (auto& column : canonical.columns) {
        const auto* w = written.find_column(column.name);
        const auto* l = live ? live->find_column(column.name) : nullptr;
        if (!w) continue;
        // A serial column's default is the server's nextval(); there is no
        // written text for it.
        if (column.serial == catalog::Serial::none) {
            resolve_expression(column.default_expr, w->default_expr, l ? &l->default_expr : nullptr);
        }
        resolve_expression(column.generated, w->generated, l ? &l->generated : nullptr);
    }
    for (auto& constraint : canonical.constraints) {
        if (constraint.kind != catalog::ConstraintKind::check) continue;
        const auto* w = written.find_constraint(constraint.name);
        const auto* l = live ? live->find_constraint(constraint.name) : nullptr;
        if (!w) continue;
        std::optional<std::string> text = constraint.expression;
        std::optional<std::string> live_text = l ? std::optional<std::string>(l->expression) : std::nullopt;
        resolve_expression(text, w->expression, l ? &live_text : nullptr);
        constraint.expression = *text;
    }
    for (auto& index : canonical.indexes) {
        const auto* w = written.find_index(index.name);
        const auto* l = live ? live->find_index(index.name) : nullptr;
        if (!w) continue;
        resolve_expression(index.where, w->where, l ? &l->where : nullptr);
        for (std::size_t k = 0; k < index.keys.size() && k < w->keys.size(); ++k) {
            bool live_key = l && k < l->keys.size();
            resolve_expression(index.keys[k].expression, w->keys[k].expression,
                               live_key ? &l->keys[k].expression : nullptr);
        }
    }
}

// A column whose type is an enum the manifests declare must use the scratch
// copy of that enum (it may not exist in the database yet). Every other type
// (built-in, an extension's citext, a domain) is used where it is.
std::string scratch_type(const std::string& type, const Model& want, const ScratchNames& names) {
    auto named = catalog::named_type(type);
    if (!named || !want.find_enum(*named)) return type;
    std::string arrays;
    for (std::size_t end = type.size(); end >= 2 && type.compare(end - 2, 2, "[]") == 0; end -= 2) arrays += "[]";
    return catalog::quote_identifier(names.scratch_of(named->schema)) + "." + catalog::quote_identifier(named->name) +
           arrays;
}

catalog::Table strip_for_scratch(catalog::Table table, const Model& want, const ScratchNames& names,
                                 const ScratchReferences& references) {
    table.name.schema = names.scratch_of(table.name.schema);
    table.comment.reset();
    auto rewrite = [&](std::optional<std::string>& text) {
        if (text) text = references.rewrite(*text);
    };
    for (auto& column : table.columns) {
        column.type = scratch_type(column.type, want, names);
        column.comment.reset();
        rewrite(column.default_expr);
        rewrite(column.generated);
    }
    std::erase_if(table.constraints, is_foreign_key);
    for (auto& constraint : table.constraints) {
        constraint.comment.reset();
        constraint.expression = references.rewrite(constraint.expression);
    }
    for (auto& index : table.indexes) {
        index.comment.reset();
        rewrite(index.where);
        for (auto& key : index.keys) rewrite(key.expression);
    }
    return table;
}

// What a scratch statement creates: the scratch schemas themselves, or a
// copy of a desired object. When the server refuses the first kind, it
// refuses scratch objects altogether (no CREATE on the database, a read-only
// transaction, a standby), which is about the connection, not the manifests.
enum class Creates { scratch_schema, desired_object };

struct ScratchStatement {
    std::string sql;
    Creates creates = Creates::desired_object;
    catalog::ObjectId source_key;  // into Manifests::sources
    std::string object;            // for messages
};

std::vector<ScratchStatement> scratch_statements(const Model& want, const std::vector<const catalog::Table*>& tables,
                                                 const ScratchNames& names) {
    std::vector<ScratchStatement> out;
    ScratchReferences references(want, names);
    auto add = [&](const Change& change, catalog::ObjectId key, std::string object) {
        for (auto& sql : render_sql(change)) out.push_back({std::move(sql), Creates::desired_object, key, object});
    };
    for (const auto& scratch : names.scratch_schemas()) {
        for (auto& sql : render_sql(CreateSchema{{scratch, std::nullopt}})) {
            out.push_back({std::move(sql), Creates::scratch_schema, {}, "scratch schema"});
        }
    }
    // Every enum goes to scratch: the scratch tables' column types point at
    // the scratch schemas, and enums are cheap.
    for (auto type : want.enums) {
        auto key = desired_state::source_key_enum(type.name);
        std::string object = "enum " + catalog::display(type.name);
        type.name.schema = names.scratch_of(type.name.schema);
        type.comment.reset();
        add(CreateEnum{type}, key, object);
    }
    // Tables with serial columns first: their sequences come with them, and
    // another table's default may name one (nextval('invoices_id_seq')).
    std::vector<const catalog::Table*> ordered = tables;
    std::stable_partition(ordered.begin(), ordered.end(), [](const catalog::Table* t) {
        return std::any_of(t->columns.begin(), t->columns.end(),
                           [](const Column& c) { return c.serial != catalog::Serial::none; });
    });
    for (const auto* table : ordered) {
        auto key = desired_state::source_key_table(table->name);
        std::string object = "table " + catalog::display(table->name);
        auto scratch = strip_for_scratch(*table, want, names, references);
        add(CreateTable{scratch}, key, object);
        for (const auto& index : scratch.indexes) {
            add(CreateIndex{scratch.name, index}, desired_state::source_key_index(table->name, index.name),
                "index " + table->name.schema + "." + index.name);
        }
    }
    return out;
}

std::string where_declared(const desired_state::Manifests& desired, const catalog::ObjectId& key) {
    auto it = desired.sources.find(key);
    if (it == desired.sources.end()) return "";
    return it->second.file + ": " + it->second.pointer + ": ";
}

// The server refuses scratch objects altogether: that is about the session,
// not the manifests, and the way out is another database to canonicalize in.
std::optional<std::string> refusal_advice(const catalog::QueryError& error) {
    if (error.sqlstate == "25006") {  // read_only_sql_transaction: a standby, a READ ONLY default
        return "the session is read-only; pass --dev-database URL to do this in another database";
    }
    if (error.sqlstate == "42501") {  // insufficient_privilege: no CREATE on the database
        return "grant this role CREATE on the database, or pass --dev-database URL to do this in another database";
    }
    return std::nullopt;
}

[[noreturn]] void report_rejected(const ScratchStatement& statement, const catalog::QueryError& error,
                                  const catalog::Connection& conn, const desired_state::Manifests& desired) {
    auto advice = refusal_advice(error);
    if (statement.creates == Creates::scratch_schema || (advice && error.sqlstate == "25006")) {
        const std::string where =
            conn.display_name().empty() ? std::string("the default database") : conn.display_name();
        if (advice) {
            throw CanonicalizeError(fmt::format(
                "cannot canonicalize the desired definitions in {}: the server refuses to let this session create "
                "objects ({}). plan creates copies of the desired tables inside a transaction that is always rolled "
                "back, so that the server spells types and expressions its own way; nothing is ever committed. To "
                "plan here, {} (an empty database on the same PostgreSQL major will do)",
                where, error.what(), *advice));
        }
        throw CanonicalizeError(
            fmt::format("cannot canonicalize the desired definitions in {}: {}", where, error.what()));
    }
    throw CanonicalizeError(fmt::format("{}{}: the server rejects the desired definition: {}",
                                        where_declared(desired, statement.source_key), statement.object, error.what()));
}

void map_texts(catalog::Table& table, const ScratchNames& names, const std::vector<std::string>& quoted) {
    auto fix = [&](std::string& text) { text = names.to_real(text, quoted); };
    auto fix_opt = [&](std::optional<std::string>& text) {
        if (text) fix(*text);
    };
    table.name.schema = names.real_of(table.name.schema);
    for (auto& column : table.columns) {
        fix(column.type);
        fix_opt(column.default_expr);
        fix_opt(column.generated);
        fix_opt(column.collation);
        if (column.identity) fix_opt(column.identity->sequence.type);
    }
    for (auto& constraint : table.constraints) fix(constraint.expression);
    for (auto& index : table.indexes) {
        fix_opt(index.where);
        for (auto& key : index.keys) {
            fix_opt(key.expression);
            fix_opt(key.opclass);
            fix_opt(key.collation);
        }
    }
}

// quote_ident() of each schema as the server spells it, so mapped text
// compares equal to text the server printed for the live schemas.
std::vector<std::string> server_quoted(catalog::Connection& conn, const std::vector<std::string>& schemas) {
    std::string sql = "SELECT ";
    std::vector<catalog::Value> params;
    for (std::size_t i = 0; i < schemas.size(); ++i) {
        sql += fmt::format("{}quote_ident(${}::text)", i ? ", " : "", i + 1);
        params.emplace_back(schemas[i]);
    }
    auto result = conn.query(sql, params);
    std::vector<std::string> quoted;
    auto row = result.row(0);
    for (std::size_t i = 0; i < row.size(); ++i) quoted.emplace_back(row[i].value_or(""));
    return quoted;
}

// One scratch transaction holds a lock on every relation it creates; a
// few hundred tables at a time stay well inside the server's lock table
// (max_locks_per_transaction x max_connections) on default settings.
constexpr std::size_t tables_per_scratch_transaction = 200;

// Canonicalizes one batch of tables in its own always-rolled-back
// transaction and appends them to `canonical`.
void canonicalize_batch(const desired_state::Manifests& desired, const Model& live, catalog::Connection& conn,
                        const std::vector<const catalog::Table*>& tables, const ScratchNames& names,
                        const std::vector<std::string>& real, Model& canonical) {
    const Model& want = desired.model;
    // Unqualified names in the user's text resolve to the desired objects
    // first, then to what already exists in the claimed schemas and public.
    std::string search_path = "SET LOCAL search_path = ";
    for (const auto& s : names.scratch_schemas()) search_path += catalog::quote_identifier(s) + ", ";
    for (const auto& s : real) search_path += catalog::quote_identifier(s) + ", ";
    search_path += "public";

    auto statements = scratch_statements(want, tables, names);
    // Scratch objects are new, so nothing should wait on a lock; if
    // something does, fail fast rather than stall a plan. JIT compiling the
    // catalog queries costs more than it saves.
    const std::vector<std::string> settings = {"SET LOCAL lock_timeout = '10s'", "SET LOCAL jit = off", search_path};
    std::vector<std::string> batch = settings;
    batch.reserve(settings.size() + statements.size());
    for (const auto& statement : statements) batch.push_back(statement.sql);

    Model scratch;
    std::vector<std::string> quoted;
    {
        RollbackGuard transaction(conn);
        try {
            // Manifest text is in these statements: each is sent alone, so a
            // default of `0); COMMIT; ...` is one statement the server
            // refuses, never a commit.
            conn.execute_pipelined(batch);
        } catch (const catalog::PipelineError& error) {
            if (error.index < settings.size()) throw;
            report_rejected(statements[error.index - settings.size()], error, conn, desired);
        }
        conn.execute("SET LOCAL search_path = ''");
        scratch = catalog::read_model(conn, names.scratch_schemas());
        quoted = server_quoted(conn, real);
    }

    for (auto& table : scratch.tables) {
        map_texts(table, names, quoted);
        const auto& written = *want.find_table(table.name);
        restore_from_manifest(table, written);
        resolve_expressions(table, written, live.find_table(table.name));
        canonical.tables.push_back(std::move(table));
    }
}

}  // namespace

Model canonicalize(desired_state::Manifests desired, const Model& live, catalog::Connection& conn) {
    Model& want = desired.model;
    Model canonical;
    canonical.schemas = want.schemas;
    canonical.enums = want.enums;
    canonical.tables.reserve(want.tables.size());

    std::vector<std::size_t> as_written;
    std::vector<const catalog::Table*> to_server;
    for (std::size_t i = 0; i < want.tables.size(); ++i) {
        if (already_canonical(want.tables[i], live.find_table(want.tables[i].name))) {
            as_written.push_back(i);
        } else {
            to_server.push_back(&want.tables[i]);
        }
    }
    if (!to_server.empty()) {
        std::vector<std::string> real;
        for (const auto& schema : want.schemas) real.push_back(schema.name);
        ScratchNames names(real);
        for (std::size_t begin = 0; begin < to_server.size(); begin += tables_per_scratch_transaction) {
            std::size_t end = std::min(to_server.size(), begin + tables_per_scratch_transaction);
            std::vector<const catalog::Table*> batch(to_server.begin() + static_cast<std::ptrdiff_t>(begin),
                                                     to_server.begin() + static_cast<std::ptrdiff_t>(end));
            canonicalize_batch(desired, live, conn, batch, names, real, canonical);
        }
    }
    // Last, because the scratch batches look tables up in `want` by name.
    for (std::size_t i : as_written) {
        const catalog::Table& have = *live.find_table(want.tables[i].name);
        canonical.tables.push_back(as_live_spells_it(std::move(want.tables[i]), have));
    }
    canonical.normalize();
    return canonical;
}

}  // namespace reconcile::engine
