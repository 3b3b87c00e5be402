#include "engine/canonicalize/scratch_batch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <set>
#include <variant>

#include "catalog/introspect/introspector.hpp"
#include "catalog/model/identifier.hpp"
#include "catalog/model/type_text.hpp"
#include "engine/canonicalize/aggregates.hpp"
#include "engine/canonicalize/canonicalizer.hpp"
#include "engine/canonicalize/functions.hpp"
#include "engine/canonicalize/scratch_references.hpp"
#include "engine/canonicalize/scratch_session.hpp"
#include "engine/canonicalize/server_texts.hpp"
#include "engine/canonicalize/type_order.hpp"
#include "engine/render/render.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::canonicalize_detail {

namespace {

using catalog::Column;
using catalog::Model;
using catalog::QualifiedName;

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

}  // namespace

// more_texts: expressions of objects created after these statements (view
// queries) whose functions must be there too.
std::vector<ScratchStatement> scratch_statements(const Model& want, const Model& live,
                                                 const std::vector<const catalog::Table*>& tables,
                                                 const ScratchNames& names,
                                                 const std::vector<std::string>& more_texts) {
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
    // Domains after the enums they may be based on.
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
    // Range types' functions are names, not server text (range_type.hpp),
    // and may be new: the scratch copies go without them.
    auto add_range = [&](const catalog::RangeType& type) {
        auto scratch = type;
        scratch.name.schema = names.scratch_of(type.name.schema);
        scratch.subtype = scratch_type(type.subtype, want, names);
        scratch.canonical.reset();
        scratch.subtype_diff.reset();
        scratch.comment.reset();
        add(CreateRangeType{scratch}, catalog::object_id(catalog::ObjectKind::range_type, type.name));
    };
    auto add_composite = [&](const catalog::CompositeType& type) {
        auto scratch = type;
        scratch.name.schema = names.scratch_of(type.name.schema);
        for (auto& attribute : scratch.attributes) attribute.type = scratch_type(attribute.type, want, names);
        scratch.comment.reset();
        add(CreateCompositeType{scratch}, catalog::object_id(catalog::ObjectKind::composite_type, type.name));
    };
    // Each after the declared types it stands on.
    for (const auto& declared : declared_types_in_order(want)) {
        std::visit(overloaded{[&](const catalog::Domain* domain) { add_domain(*domain); },
                              [&](const catalog::RangeType* type) { add_range(*type); },
                              [&](const catalog::CompositeType* type) { add_composite(*type); }},
                   declared);
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

namespace {

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

}  // namespace

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

ScratchRead run_scratch_batch(catalog::Connection& conn, const std::vector<ScratchStatement>& statements,
                              const ScratchNames& names, const std::vector<std::string>& real) {
    const std::vector<std::string> settings = scratch_settings(names.scratch_schemas(), real);
    std::vector<std::string> batch = settings;
    batch.reserve(settings.size() + statements.size());
    for (const auto& statement : statements) batch.push_back(statement.sql);

    ScratchRead read;
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
    read.model = catalog::read_model(conn, names.scratch_schemas());
    read.quoted = server_quoted(conn, real);
    return read;
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

}  // namespace reconcile::engine::canonicalize_detail
