#include "engine/canonicalize/canonicalizer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>
#include <type_traits>

#include "catalog/introspect/introspector.hpp"
#include "catalog/model/identifier.hpp"
#include "catalog/model/type_text.hpp"
#include "engine/canonicalize/aggregates.hpp"
#include "engine/canonicalize/fast_path.hpp"
#include "engine/canonicalize/functions.hpp"
#include "engine/canonicalize/scratch_names.hpp"
#include "engine/canonicalize/scratch_references.hpp"
#include "engine/canonicalize/scratch_session.hpp"
#include "engine/canonicalize/server_texts.hpp"
#include "engine/diff/mentions.hpp"
#include "engine/diff/renames.hpp"
#include "engine/render/render.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine {

namespace {

using catalog::Column;
using catalog::Model;
using catalog::QualifiedName;

bool is_foreign_key(const catalog::Constraint& c) {
    return c.kind == catalog::ConstraintKind::foreign_key;
}

// Copies back what the scratch objects cannot carry: comments (plain text,
// nothing to canonicalize), foreign keys (structured, and creating them would
// lock the referenced tables) and USING instructions.
void restore_from_manifest(catalog::Table& canonical, const catalog::Table& want) {
    canonical.comment = want.comment;
    // Manifest-only instructions to the planner, nothing the server holds.
    canonical.partitions_left_alone = want.partitions_left_alone;
    canonical.allowed_hazards = want.allowed_hazards;
    canonical.replica_identity = want.replica_identity;
    canonical.replica_identity_index = want.replica_identity_index;
    for (auto& column : canonical.columns) {
        if (const auto* w = want.find_column(column.name)) {
            column.comment = w->comment;
            column.using_expr = w->using_expr;
            // Set by ALTER COLUMNs of their own, which scratch does not run.
            column.tuning = w->tuning;
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
    // Scratch holds only triggers with a WHEN condition, calling a stand-in
    // function: of a trigger, the server spells only the condition.
    std::vector<catalog::Trigger> triggers = want.triggers;
    for (auto& trigger : triggers) {
        if (const auto* scratch = canonical.find_trigger(trigger.name)) trigger.when = scratch->when;
    }
    canonical.triggers = std::move(triggers);
    // Row-level security is flags and role names: nothing to canonicalize,
    // and the roles may not exist before the plan creates them.
    canonical.row_security = want.row_security;
    canonical.force_row_security = want.force_row_security;
    for (auto& policy : canonical.policies) {
        if (const auto* w = want.find_policy(policy.name)) {
            policy.comment = w->comment;
            policy.roles = w->roles;
        }
    }
    // Settings on inherited columns as scratch read them (defaults, NOT
    // NULL), with the manifest's comments: one that sets only a comment
    // has no scratch counterpart.
    std::vector<catalog::InheritedColumn> inherited = want.inherited_columns;
    for (auto& own : inherited) {
        auto scratch = std::find_if(canonical.inherited_columns.begin(), canonical.inherited_columns.end(),
                                    [&](const catalog::InheritedColumn& c) { return c.name == own.name; });
        own.default_expr = scratch == canonical.inherited_columns.end() ? std::nullopt : scratch->default_expr;
        own.not_null = scratch != canonical.inherited_columns.end() && scratch->not_null;
    }
    std::erase_if(inherited, [](const catalog::InheritedColumn& c) { return c == catalog::InheritedColumn{c.name}; });
    canonical.inherited_columns = std::move(inherited);
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

using Texts = std::map<TextSlot, std::optional<std::string>>;

Texts expressions_of(const catalog::Table& table) {
    Texts out;
    for_each_server_text(table, [&](const TextSlot& slot, const auto& text) {
        if (slot.kind() == TextKind::expression) out.emplace(slot, text_of(text));
    });
    return out;
}

void resolve_expressions(catalog::Table& canonical, const catalog::Table& written, const catalog::Table* live) {
    const Texts as_written = expressions_of(written);
    const Texts as_live = live ? expressions_of(*live) : Texts{};
    for_each_server_text(canonical, [&](const TextSlot& slot, auto& text) {
        if (slot.kind() != TextKind::expression) return;
        auto w = as_written.find(slot);
        if (w == as_written.end()) return;
        // A serial column's default is the server's nextval(); there is no
        // written text for it.
        if (slot.field == TextSlot::Field::column_default) {
            const auto* column = canonical.find_column(slot.member);
            if (column && column->serial != catalog::Serial::none) return;
        }
        auto l = as_live.find(slot);
        std::optional<std::string> resolved = text_of(text);
        resolve_expression(resolved, w->second, l == as_live.end() ? nullptr : &l->second);
        if constexpr (std::is_same_v<std::decay_t<decltype(text)>, std::string>) {
            text = resolved.value_or("");
        } else {
            text = resolved;
        }
    });
}

// A column whose type is an enum, domain or composite type the manifests declare must use
// the scratch copy of that type (it may not exist in the database yet).
// Every other type (built-in, an extension's citext) is used where it is.
std::string scratch_type(const std::string& type, const Model& want, const ScratchNames& names) {
    auto named = catalog::named_type(type);
    if (!named || (!want.find_enum(*named) && !want.find_domain(*named) && !want.find_composite_type(*named) &&
                   !want.find_range_type(*named)))
        return type;
    std::string arrays;
    for (int dims = catalog::split_array_bounds(type).second; dims > 0; --dims) arrays += "[]";
    return catalog::quote_identifier(names.scratch_of(named->schema)) + "." + catalog::quote_identifier(named->name) +
           arrays;
}

catalog::Table strip_for_scratch(catalog::Table table, const Model& want, const ScratchNames& names,
                                 const ScratchReferences& references) {
    table.name.schema = names.scratch_of(table.name.schema);
    // Partition of the scratch copy of its parent, which goes to scratch in
    // the same batch (with_what_they_stand_on), never of the live table.
    if (table.partition_of) {
        table.partition_of->parent.schema = names.scratch_of(table.partition_of->parent.schema);
    }
    if (table.partitioning) table.partitioning = references.rewrite(*table.partitioning);
    // A parent outside the claimed schemas is the live table itself.
    for (auto& parent : table.inherits) {
        if (want.find_table(parent)) parent.schema = names.scratch_of(parent.schema);
    }
    table.comment.reset();
    for (auto& column : table.columns) column.comment.reset();
    for (auto& own : table.inherited_columns) own.comment.reset();
    std::erase_if(table.constraints, is_foreign_key);
    for (auto& constraint : table.constraints) constraint.comment.reset();
    for (auto& index : table.indexes) index.comment.reset();
    std::erase_if(table.triggers, [](const catalog::Trigger& t) { return !t.when; });
    // Created after every table of the batch (scratch_statements), not
    // with this one.
    table.policies.clear();
    for_each_server_text(table, [&](const TextSlot& slot, auto& text) {
        with_text(text, [&](std::string& t) {
            switch (slot.kind()) {
                case TextKind::type:
                    t = scratch_type(t, want, names);
                    break;
                case TextKind::expression:
                    t = references.rewrite(t);
                    break;
                case TextKind::name:
                    break;  // collations and opclasses stay where they are
            }
        });
    });
    return table;
}

// A trigger that keeps what decides whether its WHEN condition is valid
// (timing, events, level) and calls a built-in trigger function, so that
// the server parses the condition without the trigger's own function, which
// may not exist yet.
catalog::Trigger condition_only(const catalog::Trigger& trigger) {
    catalog::Trigger out;
    out.name = trigger.name;
    out.timing = trigger.timing;
    out.events = trigger.events;
    out.level = trigger.level;
    out.when = trigger.when;
    out.function = {"pg_catalog", "suppress_redundant_updates_trigger"};
    return out;
}

// What a scratch statement creates: the scratch schemas themselves, or a
// copy of a desired object. When the server refuses the first kind, it
// refuses scratch objects altogether (no CREATE on the database, a read-only
// transaction, a standby), which is about the connection, not the manifests.
enum class Creates { scratch_schema, desired_object };

// Where a column or constraint of a CREATE TABLE starts in the statement.
struct MemberStart {
    std::size_t offset;
    catalog::ObjectId member;
};

struct ScratchStatement {
    std::string sql;
    Creates creates = Creates::desired_object;
    std::optional<catalog::ObjectId> object;  // the desired object it copies
    std::vector<MemberStart> members;         // CREATE TABLE only, by offset
};

// The renderer puts each column and constraint of a CREATE TABLE on a line
// of its own, indented by four spaces (render/tables.cpp), columns first.
// Knowing where each starts lets a server error's position name the column
// or check it is about; a member not found leaves the error on the table.
std::vector<MemberStart> member_starts(const std::string& sql, const catalog::Table& scratch,
                                       const QualifiedName& real) {
    std::vector<MemberStart> out;
    std::size_t from = 0;
    auto find = [&](const std::string& head, catalog::ObjectId member) {
        auto at = sql.find("\n    " + head + " ", from);
        if (at == std::string::npos) return;
        out.push_back({at + 1, std::move(member)});
        from = at + 1;
    };
    for (const auto& column : scratch.columns) {
        find(sql::ident(column.name), catalog::column_id(real, column.name));
    }
    for (const auto& constraint : scratch.constraints) {
        find("CONSTRAINT " + sql::ident(constraint.name), catalog::constraint_id(real, constraint.name));
    }
    std::sort(out.begin(), out.end(), [](const MemberStart& a, const MemberStart& b) { return a.offset < b.offset; });
    return out;
}

// The byte offset of the 1-based character position the server reports
// (it counts characters in the client encoding, UTF-8 here).
std::size_t byte_offset(const std::string& sql, std::size_t position) {
    std::size_t characters = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        if ((static_cast<unsigned char>(sql[i]) & 0xC0) != 0x80 && ++characters == position) return i;
    }
    return sql.size();
}

// The object a rejected statement is about: the member of a CREATE TABLE
// the server's error position falls in, else the statement's object.
catalog::ObjectId rejected_object(const ScratchStatement& statement, const catalog::QueryError& error) {
    if (error.position == 0 || statement.members.empty()) return *statement.object;
    const std::size_t at = byte_offset(statement.sql, error.position);
    const catalog::ObjectId* found = &*statement.object;
    for (const auto& member : statement.members) {
        if (member.offset > at) break;
        found = &member.member;
    }
    return *found;
}

// more_texts: expressions of objects created after these statements (view
// queries) whose functions must be there too.
std::vector<ScratchStatement> scratch_statements(const Model& want, const Model& live,
                                                 const std::vector<const catalog::Table*>& tables,
                                                 const ScratchNames& names,
                                                 const std::vector<std::string>& more_texts = {}) {
    std::vector<ScratchStatement> out;
    ScratchReferences references(want, names);
    auto add = [&](const Change& change, const catalog::ObjectId& object) {
        for (auto& sql : render_sql(change)) out.push_back({std::move(sql), Creates::desired_object, object});
    };
    for (const auto& scratch : names.scratch_schemas()) {
        for (auto& sql : render_sql(CreateSchema{{scratch, std::nullopt}})) {
            out.push_back({std::move(sql), Creates::scratch_schema, std::nullopt});
        }
    }
    // Extensions the target lacks, where they are declared.
    for (auto& [object, sql] : new_extensions_sql(want, live)) {
        out.push_back({std::move(sql), Creates::desired_object, std::move(object)});
    }
    // Every enum goes to scratch: the scratch tables' column types point at
    // the scratch schemas, and enums are cheap.
    for (auto type : want.enums) {
        auto object = catalog::enum_id(type.name);
        type.name.schema = names.scratch_of(type.name.schema);
        type.comment.reset();
        add(CreateEnum{type}, object);
    }
    // Domains after the enums they may be based on (a domain based on
    // another declared domain must follow it in name order: a known gap);
    // one over a declared composite type after the composite types.
    auto on_composite = [&](const catalog::Domain& domain) {
        auto named = catalog::named_type(domain.base_type);
        return named && want.find_composite_type(*named);
    };
    auto add_domain = [&](const catalog::Domain& domain) {
        auto scratch = domain;
        scratch.name.schema = names.scratch_of(domain.name.schema);
        scratch.base_type = scratch_type(domain.base_type, want, names);
        if (scratch.default_expr) scratch.default_expr = references.rewrite(*scratch.default_expr);
        for (auto& check : scratch.checks) check.expression = references.rewrite(check.expression);
        scratch.comment.reset();
        add(CreateDomain{scratch}, catalog::object_id(catalog::ObjectKind::domain, domain.name));
    };
    // The functions domain checks and defaults call (CHECK (ok(VALUE))),
    // before the domains, where their signatures name no declared type
    // but enums: found on pgschema's test pairs, a new domain calling a new
    // function was rejected.
    std::vector<std::string> domain_texts;
    for (const auto& domain : want.domains) {
        if (domain.default_expr) domain_texts.push_back(*domain.default_expr);
        for (const auto& check : domain.checks) domain_texts.push_back(check.expression);
    }
    auto names_declared_type = [&](const catalog::Function& function) {
        std::vector<std::string> types{function.returns.value_or("")};
        for (const auto& argument : function.arguments) types.push_back(argument.type);
        return std::any_of(types.begin(), types.end(), [&](const std::string& type) {
            auto named = catalog::named_type(catalog::without_setof(type));
            return named && !want.find_enum(*named) &&
                   (want.find_domain(*named) || want.find_composite_type(*named) || want.find_range_type(*named));
        });
    };
    std::set<ObjectId> before_domains;
    if (!domain_texts.empty()) {
        for (auto& function : scratch_functions_called(want, domain_texts, names, references)) {
            if (names_declared_type(function)) continue;
            auto object = function.id();
            object.schema = names.real_of(object.schema);
            before_domains.insert(object);
            add(CreateFunction{std::move(function)}, object);
        }
    }
    for (const auto& domain : want.domains) {
        if (!on_composite(domain)) add_domain(domain);
    }
    // Range types after the enums and domains of their subtype. Their
    // functions are names, not server text (range_type.hpp), and may be
    // new: the scratch copies go without them.
    for (const auto& type : want.range_types) {
        auto scratch = type;
        scratch.name.schema = names.scratch_of(type.name.schema);
        scratch.subtype = scratch_type(type.subtype, want, names);
        scratch.canonical.reset();
        scratch.subtype_diff.reset();
        scratch.comment.reset();
        add(CreateRangeType{scratch}, catalog::object_id(catalog::ObjectKind::range_type, type.name));
    }
    // Composite types after the enums and domains of their attributes (one
    // on another declared composite type must follow it in name order).
    for (const auto& type : want.composite_types) {
        auto scratch = type;
        scratch.name.schema = names.scratch_of(type.name.schema);
        for (auto& attribute : scratch.attributes) attribute.type = scratch_type(attribute.type, want, names);
        scratch.comment.reset();
        add(CreateCompositeType{scratch}, catalog::object_id(catalog::ObjectKind::composite_type, type.name));
    }
    for (const auto& domain : want.domains) {
        if (on_composite(domain)) add_domain(domain);
    }
    // Functions the tables' expressions call: they may be new.
    std::vector<std::string> texts = more_texts;
    for (const auto* table : tables) {
        for_each_server_text(*table, [&](const TextSlot& slot, const auto& text) {
            if (slot.kind() == TextKind::expression && text_of(text)) texts.push_back(*text_of(text));
        });
    }
    // The aggregates they call, and the declared functions those are made
    // of, which then count as called.
    auto aggregates = scratch_aggregates_called(want, texts, names, references);
    for (const auto& aggregate : aggregates) {
        for (const auto& function : aggregate.support_functions()) texts.push_back(function.name + "(");
    }
    // A function whose signature names a table of the batch (a view reads
    // FROM s.above(1) returning SETOF s.projects) follows the tables, its
    // signature pointed at their scratch copies.
    std::set<QualifiedName> batch_names;
    for (const auto* table : tables) batch_names.insert(table->name);
    auto names_batch_table = [&](const catalog::Function& function) {
        std::vector<std::string> types{function.returns.value_or("")};
        for (const auto& argument : function.arguments) types.push_back(argument.type);
        return std::any_of(types.begin(), types.end(), [&](const std::string& type) {
            auto named = catalog::named_type(catalog::without_setof(type));
            return named && batch_names.count(*named);
        });
    };
    std::vector<catalog::Function> after_tables;
    for (auto& function : scratch_functions_called(want, texts, names, references)) {
        if (names_batch_table(function)) {
            after_tables.push_back(std::move(function));
            continue;
        }
        auto object = function.id();
        object.schema = names.real_of(object.schema);
        if (before_domains.count(object)) continue;
        add(CreateFunction{std::move(function)}, object);
    }
    for (auto& aggregate : aggregates) {
        auto object = aggregate.id();
        object.schema = names.real_of(object.schema);
        add(CreateAggregate{std::move(aggregate)}, object);
    }
    // Sequences before the tables whose defaults draw from them; their
    // options need no server (canonicalize() filled the defaults), so they
    // go without owner or comment.
    for (const auto& sequence : want.sequences) {
        auto scratch = sequence;
        scratch.name.schema = names.scratch_of(sequence.name.schema);
        scratch.owned_by.reset();
        scratch.comment.reset();
        add(CreateSequence{scratch}, catalog::object_id(catalog::ObjectKind::sequence, sequence.name));
    }
    // Tables with serial columns first: their sequences come with them, and
    // another table's default may name one (nextval('invoices_id_seq')).
    std::vector<const catalog::Table*> ordered = tables;
    std::stable_partition(ordered.begin(), ordered.end(), [](const catalog::Table* t) {
        return std::any_of(t->columns.begin(), t->columns.end(),
                           [](const Column& c) { return c.serial != catalog::Serial::none; });
    });
    // A partition or child after its parents: by how many levels of
    // parents each has above it.
    std::function<int(const catalog::Table*, int)> depth_below = [&](const catalog::Table* t, int limit) {
        if (!t || limit == 0) return 0;
        int levels = 0;
        if (t->partition_of) levels = 1 + depth_below(want.find_table(t->partition_of->parent), limit - 1);
        for (const auto& parent : t->inherits) {
            levels = std::max(levels, 1 + depth_below(want.find_table(parent), limit - 1));
        }
        return levels;
    };
    auto depth = [&](const catalog::Table* t) { return depth_below(t, 64); };
    std::stable_sort(ordered.begin(), ordered.end(),
                     [&](const catalog::Table* a, const catalog::Table* b) { return depth(a) < depth(b); });
    for (const auto* table : ordered) {
        auto scratch = strip_for_scratch(*table, want, names, references);
        add(CreateTable{scratch}, catalog::table_id(table->name));
        out.back().members = member_starts(out.back().sql, scratch, table->name);
        // A child's own default and NOT NULL on columns it inherits, as
        // apply sets them (inherited_columns.cpp in the diff).
        for (const auto& own : scratch.inherited_columns) {
            Column column;
            column.name = own.name;
            column.default_expr = own.default_expr;
            column.not_null = own.not_null;
            auto object = catalog::column_id(table->name, own.name);
            if (own.default_expr) {
                add(AlterColumn{.table = scratch.name, .to = column, .what = ColumnAttribute::default_value}, object);
            }
            if (own.not_null)
                add(AlterColumn{.table = scratch.name, .to = column, .what = ColumnAttribute::not_null}, object);
        }
        for (const auto& index : scratch.indexes) {
            add(CreateIndex{scratch.name, index}, catalog::index_id(table->name, index.name));
        }
        for (const auto& trigger : scratch.triggers) {
            add(CreateTrigger{scratch.name, condition_only(trigger)},
                catalog::member_id(ObjectKind::trigger, table->name, trigger.name));
        }
    }
    ScratchReferences relations(want, names, batch_names);
    for (auto& function : after_tables) {
        auto object = function.id();
        object.schema = names.real_of(object.schema);
        if (function.returns) function.returns = relations.rewrite(*function.returns);
        for (auto& argument : function.arguments) argument.type = relations.rewrite(argument.type);
        add(CreateFunction{std::move(function)}, object);
    }
    // Policies last: a policy's subquery may read any table of the batch,
    // by its qualified name too, which then means the scratch copy.
    for (const auto* table : tables) {
        for (auto policy : table->policies) {
            policy.comment.reset();
            policy.roles = {catalog::public_role};
            for (auto* text : {&policy.using_expr, &policy.check_expr}) {
                if (*text) *text = relations.rewrite(**text);
            }
            QualifiedName scratch{names.scratch_of(table->name.schema), table->name.name};
            add(CreatePolicy{scratch, policy},
                catalog::member_id(catalog::ObjectKind::policy, table->name, policy.name));
        }
    }
    return out;
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
                                  const catalog::Connection& conn) {
    auto advice = refusal_advice(error);
    if (statement.creates == Creates::scratch_schema || (advice && error.sqlstate == "25006")) {
        const std::string where =
            conn.display_name().empty() ? std::string("the default database") : conn.display_name();
        if (advice) {
            throw CanonicalizeError(
                std::nullopt,
                fmt::format(
                    "cannot canonicalize the desired definitions in {}: the server refuses to let this session create "
                    "objects ({}). plan creates copies of the desired tables inside a transaction that is always "
                    "rolled "
                    "back, so that the server spells types and expressions its own way; nothing is ever committed. To "
                    "plan here, {} (an empty database on the same PostgreSQL major will do)",
                    where, error.what(), *advice));
        }
        throw CanonicalizeError(
            std::nullopt, fmt::format("cannot canonicalize the desired definitions in {}: {}", where, error.what()));
    }
    auto object = rejected_object(statement, error);
    auto message = fmt::format("{} {}: the server rejects the desired definition: {}", catalog::kind_name(object.kind),
                               catalog::display(object), error.what());
    throw CanonicalizeError(std::move(object), message);
}

void map_texts(catalog::Table& table, const ScratchNames& names, const std::vector<std::string>& quoted) {
    table.name.schema = names.real_of(table.name.schema);
    if (table.partition_of) table.partition_of->parent.schema = names.real_of(table.partition_of->parent.schema);
    if (table.partitioning) table.partitioning = names.to_real(*table.partitioning, quoted);
    for (auto& parent : table.inherits) {
        const auto& scratch = names.scratch_schemas();
        if (std::find(scratch.begin(), scratch.end(), parent.schema) != scratch.end()) {
            parent.schema = names.real_of(parent.schema);
        }
    }
    for_each_server_text(table, [&](const TextSlot&, auto& text) {
        with_text(text, [&](std::string& t) { t = names.to_real(t, quoted); });
    });
}

// One scratch transaction holds a lock on every relation it creates; a
// few hundred tables at a time stay well inside the server's lock table
// (max_locks_per_transaction x max_connections) on default settings.
constexpr std::size_t tables_per_scratch_transaction = 200;

using CanonicalTables = std::map<QualifiedName, catalog::Table>;

// A domain as the server read it back from scratch: names mapped back, the
// comment restored, and each expression settled against the live domain
// the same way a table's are.
catalog::Domain canonical_domain(catalog::Domain domain, const ScratchNames& names,
                                 const std::vector<std::string>& quoted, const Model& want, const Model& live) {
    domain.name.schema = names.real_of(domain.name.schema);
    domain.base_type = names.to_real(domain.base_type, quoted);
    const auto& written = *want.find_domain(domain.name);
    const auto* current = live.find_domain(domain.name);
    domain.comment = written.comment;
    if (domain.default_expr) domain.default_expr = names.to_real(*domain.default_expr, quoted);
    resolve_expression(domain.default_expr, written.default_expr, current ? &current->default_expr : nullptr);
    for (auto& check : domain.checks) {
        check.expression = names.to_real(check.expression, quoted);
        auto w = std::find_if(written.checks.begin(), written.checks.end(),
                              [&](const catalog::DomainCheck& c) { return c.name == check.name; });
        if (w == written.checks.end()) continue;
        std::optional<std::string> resolved = check.expression;
        std::optional<std::string> live_text;
        if (current) {
            for (const auto& c : current->checks) {
                if (c.name == check.name) live_text = c.expression;
            }
        }
        resolve_expression(resolved, w->expression, live_text ? &live_text : nullptr);
        check.expression = *resolved;
    }
    return domain;
}

// Canonicalizes one batch of tables in its own always-rolled-back
// transaction and adds them to `canonical`.
void canonicalize_batch(const Model& want, const Model& live, catalog::Connection& conn,
                        const std::vector<const catalog::Table*>& tables, const ScratchNames& names,
                        const std::vector<std::string>& real, CanonicalTables& canonical,
                        std::vector<catalog::Domain>& domains, std::vector<catalog::CompositeType>& composites,
                        std::vector<catalog::RangeType>& ranges) {
    // Unqualified names in the user's text resolve to the desired objects
    // first, then to what already exists in the claimed schemas and public.
    std::string search_path = "SET LOCAL search_path = ";
    for (const auto& s : names.scratch_schemas()) search_path += catalog::quote_identifier(s) + ", ";
    for (const auto& s : real) search_path += catalog::quote_identifier(s) + ", ";
    search_path += "public";

    auto statements = scratch_statements(want, live, tables, names);
    // Scratch objects are new, so nothing should wait on a lock; if
    // something does, fail fast rather than stall a plan. JIT compiling the
    // catalog queries costs more than it saves.
    // Function bodies are not what is canonicalized here, and may use
    // tables that do not exist yet.
    const std::vector<std::string> settings = {"SET LOCAL lock_timeout = '10s'", "SET LOCAL jit = off",
                                               "SET LOCAL check_function_bodies = off", search_path};
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
            report_rejected(statements[error.index - settings.size()], error, conn);
        }
        conn.execute("SET LOCAL search_path = ''");
        scratch = catalog::read_model(conn, names.scratch_schemas());
        quoted = server_quoted(conn, real);
    }

    // Every batch creates every domain and composite type; the first
    // batch's reading is kept.
    if (composites.empty()) {
        for (auto& type : scratch.composite_types) {
            type.name.schema = names.real_of(type.name.schema);
            for (auto& attribute : type.attributes) attribute.type = names.to_real(attribute.type, quoted);
            type.comment = want.find_composite_type(type.name)->comment;
            composites.push_back(std::move(type));
        }
    }
    if (ranges.empty()) {
        for (auto& type : scratch.range_types) {
            type.name.schema = names.real_of(type.name.schema);
            type.subtype = names.to_real(type.subtype, quoted);
            const auto& written = *want.find_range_type(type.name);
            type.canonical = written.canonical;
            type.subtype_diff = written.subtype_diff;
            type.comment = written.comment;
            ranges.push_back(std::move(type));
        }
    }
    if (domains.empty()) {
        for (auto& domain : scratch.domains) {
            domains.push_back(canonical_domain(std::move(domain), names, quoted, want, live));
        }
    }
    for (auto& table : scratch.tables) {
        map_texts(table, names, quoted);
        const auto& written = *want.find_table(table.name);
        restore_from_manifest(table, written);
        resolve_expressions(table, written, live.find_table(table.name));
        auto name = table.name;
        canonical.insert_or_assign(std::move(name), std::move(table));
    }
}

// A domain, composite or range type written exactly as the live one reads (an
// export, an unchanged manifest) is canonical as written: its text is the
// server's own.
template <typename T>
bool same_as_live(T want, const T* have) {
    if (!have) return false;
    T live = *have;
    want.comment.reset();
    live.comment.reset();
    return want == live;
}

bool types_already_canonical(const Model& want, const Model& live) {
    return std::all_of(want.domains.begin(), want.domains.end(),
                       [&](const auto& d) { return same_as_live(d, live.find_domain(d.name)); }) &&
           std::all_of(want.composite_types.begin(), want.composite_types.end(),
                       [&](const auto& t) { return same_as_live(t, live.find_composite_type(t.name)); }) &&
           std::all_of(want.range_types.begin(), want.range_types.end(),
                       [&](const auto& t) { return same_as_live(t, live.find_range_type(t.name)); });
}

// A view whose query text is the live view's (an export, an unchanged
// manifest) is canonical as written: the live text is the server's own.
// Changed storage parameters send a materialized view to scratch, as they
// send a table: the server checks their names and values at plan time
// rather than at apply.
bool view_already_canonical(const catalog::View& want, const catalog::View* have) {
    if (!have || have->materialized != want.materialized || have->definition != want.definition) return false;
    if (want.storage != have->storage) return false;
    if (want.indexes.size() != have->indexes.size()) return false;
    for (std::size_t i = 0; i < want.indexes.size(); ++i) {
        auto w = want.indexes[i], h = have->indexes[i];
        w.comment = h.comment = std::nullopt;
        if (!(w == h)) return false;
    }
    if (want.columns.empty()) return true;
    if (want.columns.size() != have->columns.size()) return false;
    for (std::size_t i = 0; i < want.columns.size(); ++i) {
        if (want.columns[i].name != have->columns[i].name) return false;
    }
    return true;
}

// Views that mention another view's name come after it: the order the
// scratch copies can be created in. Textual, so it may over-order, which
// is harmless; views cannot form a cycle.
std::vector<const catalog::View*> in_creation_order(std::vector<const catalog::View*> views) {
    std::vector<const catalog::View*> out;
    std::set<const catalog::View*> placed;
    while (out.size() < views.size()) {
        bool progressed = false;
        for (const auto* view : views) {
            if (placed.count(view)) continue;
            bool waits = std::any_of(views.begin(), views.end(), [&](const catalog::View* other) {
                return other != view && !placed.count(other) && expression_mentions(view->definition, other->name.name);
            });
            if (waits) continue;
            out.push_back(view);
            placed.insert(view);
            progressed = true;
        }
        if (!progressed) {  // mentions in both directions: leave the rest to the server
            for (const auto* view : views) {
                if (placed.insert(view).second) out.push_back(view);
            }
        }
    }
    return out;
}

void map_view(catalog::View& view, const ScratchNames& names, const std::vector<std::string>& quoted) {
    auto real = [&](std::string& schema) {
        const auto& scratch = names.scratch_schemas();
        if (std::find(scratch.begin(), scratch.end(), schema) != scratch.end()) schema = names.real_of(schema);
    };
    real(view.name.schema);
    view.definition = names.to_real(view.definition, quoted);
    for (auto& column : view.columns) column.type = names.to_real(column.type, quoted);
    for (auto& used : view.uses) {
        real(used.schema);
        for (auto& argument : used.arguments) argument = names.to_real(argument, quoted);
    }
}

// The batch, plus the tables its scratch copies cannot be created without:
// the parents of a partition or INHERITS child, and the table of a serial
// column whose sequence a default names
// (nextval('public.payment_payment_id_seq'::regclass) in a detached
// partition). Those are canonicalized again, harmlessly.
std::vector<const catalog::Table*> with_what_they_stand_on(std::vector<const catalog::Table*> batch,
                                                           const Model& want) {
    std::set<const catalog::Table*> in(batch.begin(), batch.end());
    auto add = [&](const catalog::Table* table) {
        if (table && in.insert(table).second) batch.push_back(table);
    };
    std::vector<std::pair<std::string, const catalog::Table*>> serial_sequences;
    for (const auto& table : want.tables) {
        for (const auto& column : table.columns) {
            if (column.serial != catalog::Serial::none) {
                serial_sequences.emplace_back(catalog::column_sequence_name(table.name, column).name, &table);
            }
        }
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const catalog::Table* table = batch[i];
        if (table->partition_of) add(want.find_table(table->partition_of->parent));
        for (const auto& parent : table->inherits) add(want.find_table(parent));
        for (const auto& column : table->columns) {
            if (!column.default_expr || column.serial != catalog::Serial::none) continue;
            for (const auto& [sequence, owner] : serial_sequences) {
                if (owner != table && column.default_expr->find(sequence) != std::string::npos) add(owner);
            }
        }
    }
    return batch;
}

// The desired views that are not canonical as written, created in scratch
// in one always-rolled-back transaction together with the tables they may
// read that are new or changing (the others are read where they are), then
// read back with the catalog reader: pg_get_viewdef under the same empty
// search_path as the live read, output columns with their types, and what
// each one reads. A query naming a claimed relation schema-qualified is
// pointed at its scratch copy when there is one.
void canonicalize_views(Model& want, const Model& live, catalog::Connection& conn,
                        const std::vector<const catalog::Table*>& changing_tables,
                        const std::set<QualifiedName>& renamed) {
    std::vector<const catalog::View*> to_server;
    for (const auto& view : want.views) {
        // A renamed view goes to scratch whatever its text: a view that
        // reads it by its new name can only be created there.
        if (renamed.count(view.name) || !view_already_canonical(view, live.find_view(view.name))) {
            to_server.push_back(&view);
        }
    }
    if (to_server.empty()) return;
    std::vector<std::string> real;
    for (const auto& schema : want.schemas) real.push_back(schema.name);
    ScratchNames names(real);

    // The signatures of the functions the views call may name a table's
    // row type (FROM s.above(1) returning SETOF s.projects).
    std::vector<std::string> signatures;
    for (const auto& function : want.functions) {
        const std::string call = function.name.name + "(";
        bool called = std::any_of(to_server.begin(), to_server.end(), [&](const catalog::View* view) {
            return view->definition.find(call) != std::string::npos;
        });
        if (!called) continue;
        std::string signature = function.returns.value_or("");
        for (const auto& argument : function.arguments) signature += " " + argument.type;
        signatures.push_back(std::move(signature));
    }
    std::vector<const catalog::Table*> tables;
    std::set<QualifiedName> relations;
    for (const auto* table : changing_tables) {
        auto mentioned = [&](const std::string& text) { return expression_mentions(text, table->name.name); };
        bool read = std::any_of(to_server.begin(), to_server.end(),
                                [&](const catalog::View* view) { return mentioned(view->definition); }) ||
                    std::any_of(signatures.begin(), signatures.end(), mentioned);
        if (!read) continue;
        tables.push_back(table);
    }
    // An INHERITS child or a partition the views read cannot be created in
    // scratch without its parents (a new database has none of them live).
    tables = with_what_they_stand_on(std::move(tables), want);
    for (const auto* table : tables) relations.insert(table->name);
    for (const auto* view : to_server) relations.insert(view->name);
    // A declared sequence that a view reads as a relation: every one has a
    // scratch copy, and a new or renamed one exists only there.
    for (const auto& sequence : want.sequences) relations.insert(sequence.name);
    std::vector<std::string> queries;
    for (const auto* view : to_server) queries.push_back(view->definition);
    std::vector<ScratchStatement> statements = scratch_statements(want, live, tables, names, queries);
    ScratchReferences references(want, names, relations);
    for (const auto* view : in_creation_order(to_server)) {
        catalog::View scratch = *view;
        scratch.name.schema = names.scratch_of(view->name.schema);
        scratch.definition = references.rewrite(view->definition);
        scratch.comment.reset();
        scratch.indexes.clear();
        // Options are not printed text; WITH NO DATA saves running the query.
        // Storage parameters stay, so the server rejects a bad one at plan
        // time, naming the view.
        scratch.security_invoker = false;
        scratch.with_no_data = true;
        for (auto& sql : render_sql(CreateView{scratch, false})) {
            statements.push_back({std::move(sql), Creates::desired_object, view->id(), {}});
        }
        for (auto index : view->indexes) {
            index.comment.reset();
            for (auto& key : index.keys) {
                if (key.expression) key.expression = references.rewrite(*key.expression);
            }
            if (index.where) index.where = references.rewrite(*index.where);
            for (auto& sql : render_sql(CreateIndex{scratch.name, index})) {
                statements.push_back(
                    {std::move(sql), Creates::desired_object, catalog::index_id(view->name, index.name), {}});
            }
        }
    }

    std::string search_path = "SET LOCAL search_path = ";
    for (const auto& schema : names.scratch_schemas()) search_path += catalog::quote_identifier(schema) + ", ";
    for (const auto& schema : real) search_path += catalog::quote_identifier(schema) + ", ";
    search_path += "public";
    const std::vector<std::string> settings = {"SET LOCAL lock_timeout = '10s'", "SET LOCAL jit = off",
                                               "SET LOCAL check_function_bodies = off", search_path};
    std::vector<std::string> batch = settings;
    for (const auto& statement : statements) batch.push_back(statement.sql);

    Model scratch;
    std::vector<std::string> quoted;
    {
        RollbackGuard transaction(conn);
        try {
            conn.execute_pipelined(batch);
        } catch (const catalog::PipelineError& error) {
            if (error.index < settings.size()) throw;
            report_rejected(statements[error.index - settings.size()], error, conn);
        }
        conn.execute("SET LOCAL search_path = ''");
        scratch = catalog::read_model(conn, names.scratch_schemas());
        quoted = server_quoted(conn, real);
    }
    std::map<QualifiedName, catalog::View> read;
    for (auto& view : scratch.views) {
        map_view(view, names, quoted);
        auto name = view.name;
        read.insert_or_assign(std::move(name), std::move(view));
    }
    for (auto& view : want.views) {
        auto found = read.find(view.name);
        if (found != read.end()) {
            for (auto& index : found->second.indexes) {
                for (auto& key : index.keys) {
                    if (key.expression) key.expression = names.to_real(*key.expression, quoted);
                }
                if (index.where) index.where = names.to_real(*index.where, quoted);
            }
        }
        if (found == read.end()) continue;
        // Options, comments and indexes are the manifest's: not printed by
        // the server, or not created in scratch.
        view.definition = found->second.definition;
        view.columns = found->second.columns;
        view.uses = found->second.uses;
        for (auto& index : found->second.indexes) {
            if (auto written = std::find_if(view.indexes.begin(), view.indexes.end(),
                                            [&](const catalog::Index& i) { return i.name == index.name; });
                written != view.indexes.end()) {
                index.comment = written->comment;
            }
        }
        view.indexes = std::move(found->second.indexes);
    }
}

// The live spelling of what view_already_canonical found equal.
void views_as_live_spell_them(Model& want, const Model& live) {
    for (auto& view : want.views) {
        const auto* have = live.find_view(view.name);
        if (!have || !view_already_canonical(view, have)) continue;
        view.columns = have->columns;
        view.uses = have->uses;
    }
}

// A view's output columns are known only now: a comment on a column the
// query does not give is the manifest's mistake, named before apply.
void check_column_comments(const Model& want) {
    for (const auto& view : want.views) {
        for (const auto& [column, comment] : view.column_comments) {
            bool found = std::any_of(view.columns.begin(), view.columns.end(),
                                     [&](const catalog::ViewColumn& c) { return c.name == column; });
            if (found) continue;
            throw CanonicalizeError(
                view.id(), fmt::format("{} {} has no column \"{}\" to comment on (column_comments)",
                                       catalog::kind_name(view.id().kind), catalog::display(view.name), column));
        }
    }
}

}  // namespace

Model canonicalize(Model want, const Model& live_as_read, catalog::Connection& conn) {
    // Texts resolve against the live database as the declared renames leave
    // it. A renamed table (or one with a renamed column) goes to scratch
    // whatever its text: a view that reads it by its new name can only be
    // created there.
    RenamedLive renamed = apply_declared_renames(live_as_read, want);
    const Model& live = renamed.have(live_as_read);
    std::set<QualifiedName> renamed_tables;
    for (const auto& change : renamed.renames) renamed_tables.insert(object_of(change).qualified());
    for (auto& sequence : want.sequences) sequence.options = catalog::with_sequence_defaults(sequence.options);
    std::vector<const catalog::Table*> to_server;
    for (const auto& table : want.tables) {
        if (renamed_tables.count(table.name) || !already_canonical(table, live.find_table(table.name))) {
            to_server.push_back(&table);
        }
    }
    CanonicalTables from_server;
    std::vector<catalog::Domain> domains;
    std::vector<catalog::CompositeType> composites;
    std::vector<catalog::RangeType> ranges;
    // Domains and composite types have text the server prints its own way
    // (types, checks, defaults), so they go to the server even when no
    // table has to, unless they read exactly as the live ones.
    if (!to_server.empty() || !types_already_canonical(want, live)) {
        std::vector<std::string> real;
        for (const auto& schema : want.schemas) real.push_back(schema.name);
        ScratchNames names(real);
        std::size_t begin = 0;
        do {
            std::size_t end = std::min(to_server.size(), begin + tables_per_scratch_transaction);
            auto batch = with_what_they_stand_on({to_server.begin() + static_cast<std::ptrdiff_t>(begin),
                                                  to_server.begin() + static_cast<std::ptrdiff_t>(end)},
                                                 want);
            canonicalize_batch(want, live, conn, batch, names, real, from_server, domains, composites, ranges);
            begin = end;
        } while (begin < to_server.size());
    }
    // Views read the tables in their desired shape: the changing ones go to
    // scratch with them.
    views_as_live_spell_them(want, live);
    canonicalize_views(want, live, conn, to_server, renamed_tables);
    check_column_comments(want);
    // The result is the desired model with only its tables' text replaced
    // by the server's: every other member (schemas, enums, and whatever
    // kinds the model gains) passes through as given. Replaced last,
    // because the scratch batches read the tables as written.
    for (auto& table : want.tables) {
        if (auto found = from_server.find(table.name); found != from_server.end()) {
            table = std::move(found->second);
        } else {
            table = as_live_spells_it(std::move(table), *live.find_table(table.name));
        }
    }
    // Read back from scratch, or (not sent) already as the server prints them.
    if (!domains.empty()) want.domains = std::move(domains);
    if (!composites.empty()) want.composite_types = std::move(composites);
    if (!ranges.empty()) want.range_types = std::move(ranges);
    canonicalize_functions(want, live, conn);
    canonicalize_aggregates(want, live, conn);
    want.normalize();
    return want;
}

}  // namespace reconcile::engine
