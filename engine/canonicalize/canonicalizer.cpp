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
#include "engine/canonicalize/scratch_batch.hpp"
#include "engine/canonicalize/scratch_names.hpp"
#include "engine/canonicalize/scratch_references.hpp"
#include "engine/canonicalize/scratch_session.hpp"
#include "engine/canonicalize/server_texts.hpp"
#include "engine/canonicalize/views.hpp"
#include "engine/diff/mentions.hpp"
#include "engine/diff/renames.hpp"
#include "engine/render/render.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine {

namespace {

using catalog::Column;
using catalog::Model;
using catalog::QualifiedName;
using namespace canonicalize_detail;

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
    auto [scratch, quoted] = run_scratch_batch(conn, scratch_statements(want, live, tables, names), names, real);

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
