// ALTER TABLE ... ALTER COLUMN, one attribute per change.
#include <cctype>

#include "catalog/model/type_text.hpp"
#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

namespace {

// A built-in scalar type's name and integer modifiers: "numeric(10,2)" ->
// {"numeric", {10, 2}}; "text" -> {"text", {}}. nullopt for arrays,
// user-defined types and odd modifiers, which never widen here.
struct TypeShape {
    std::string name;
    std::vector<long> modifiers;
};

std::optional<TypeShape> shape_of(std::string_view text) {
    auto type = catalog::parse_type_text(text);
    if (!type || type->array_dims != 0 || type->user_schema() || type->quoted) return std::nullopt;
    auto modifiers = type->integer_modifiers();
    if (!modifiers) return std::nullopt;
    return TypeShape{std::move(type->name), std::move(*modifiers)};
}

// True for the widenings where the server's implicit cast is the right
// conversion and, for varchar and numeric, keeps the rows untouched; an
// explicit USING expression is what can make it decide to rewrite the table.
// character(n) -> text is here because the implicit cast is the one wanted
// (trailing blanks stripped), but it does rewrite: that is a hazard matter.
bool is_binary_widening(const std::string& from, const std::string& to) {
    auto a = shape_of(from);
    auto b = shape_of(to);
    if (!a || !b) return false;
    if (a->name == "character varying" && b->name == "character varying") {
        if (b->modifiers.empty()) return true;
        return a->modifiers.size() == 1 && b->modifiers.size() == 1 && b->modifiers[0] >= a->modifiers[0];
    }
    if ((a->name == "character varying" || a->name == "character") && b->name == "text" && b->modifiers.empty()) {
        return true;
    }
    if (a->name == "numeric" && b->name == "numeric") {
        if (b->modifiers.empty()) return true;
        if (a->modifiers.empty()) return false;
        long a_scale = a->modifiers.size() > 1 ? a->modifiers[1] : 0;
        long b_scale = b->modifiers.size() > 1 ? b->modifiers[1] : 0;
        return b->modifiers[0] >= a->modifiers[0] && a_scale == b_scale;
    }
    return false;
}

std::string alter_column_prefix(const AlterColumn& change) {
    return "ALTER TABLE " + sql::qualified(change.table) + " ALTER COLUMN " + sql::ident(change.to.name) + " ";
}

std::string column_display(const AlterColumn& change) {
    return catalog::display(change.table) + "." + change.to.name;
}

std::string type_statement(const AlterColumn& change) {
    std::string out = alter_column_prefix(change) + "TYPE " + change.to.type;
    if (change.what == ColumnAttribute::collation) {
        // Back to the type's own collation: "default" names exactly that.
        out += change.to.collation ? collate_clause(change.to.collation) : " COLLATE \"default\"";
        return out;
    }
    out += collate_clause(change.to.collation);
    if (change.to.using_expr) {
        out += " USING " + *change.to.using_expr;
    } else if (change.from.type != change.to.type && !is_binary_widening(change.from.type, change.to.type)) {
        out += " USING " + sql::ident(change.to.name) + "::" + change.to.type;
    }
    return out;
}

const char* generated_kind(catalog::IdentityKind kind) {
    return kind == catalog::IdentityKind::always ? "ALWAYS" : "BY DEFAULT";
}

// Only the options that differ and that the desired side states; an unset
// option means "whatever PostgreSQL has", which is never a reason to change.
std::vector<std::string> changed_sequence_options(const catalog::SequenceOptions& from,
                                                  const catalog::SequenceOptions& to) {
    catalog::SequenceOptions changed;
    if (to.start != from.start) changed.start = to.start;
    if (to.increment != from.increment) changed.increment = to.increment;
    if (to.min_value != from.min_value) changed.min_value = to.min_value;
    if (to.max_value != from.max_value) changed.max_value = to.max_value;
    if (to.cache != from.cache) changed.cache = to.cache;
    if (to.cycle != from.cycle) changed.cycle = to.cycle;
    return sequence_option_clauses(changed);
}

// The sequence a serial column owns, as the server printed it inside its
// default: nextval('public.t_id_seq'::regclass) -> public.t_id_seq (already
// in identifier syntax, quoted where needed).
std::optional<std::string> owned_sequence(const Column& column) {
    static constexpr std::string_view prefix = "nextval('", suffix = "'::regclass)";
    if (column.serial == catalog::Serial::none || !column.default_expr) return std::nullopt;
    std::string_view text = *column.default_expr;
    if (text.size() <= prefix.size() + suffix.size() || text.substr(0, prefix.size()) != prefix ||
        text.substr(text.size() - suffix.size()) != suffix) {
        return std::nullopt;
    }
    std::string name;
    std::string_view inner = text.substr(prefix.size(), text.size() - prefix.size() - suffix.size());
    for (std::size_t i = 0; i < inner.size(); ++i) {
        name += inner[i];
        if (inner[i] == '\'' && i + 1 < inner.size() && inner[i + 1] == '\'') ++i;
    }
    return name;
}

// A sequence attached to a column of a table that already has rows must
// continue after the largest existing value, or the next insert collides.
// `sequence` is an expression yielding its regclass.
std::string continue_after_rows(const AlterColumn& change, const std::string& sequence) {
    std::string column = sql::ident(change.to.name);
    return "SELECT pg_catalog.setval(" + sequence + ", max(" + column + ")) FROM " + sql::qualified(change.table) +
           " HAVING max(" + column + ") IS NOT NULL";
}

Statements identity_statements(const AlterColumn& change) {
    const auto& from = change.from.identity;
    const auto& to = change.to.identity;
    if (!from && !to) return {};
    if (!to) return {alter_column_prefix(change) + "DROP IDENTITY"};
    if (!from) {
        std::string out = alter_column_prefix(change) + "ADD GENERATED " + generated_kind(to->kind) + " AS IDENTITY" +
                          identity_options(change.table, *to);
        std::string sequence = "pg_catalog.pg_get_serial_sequence(" + sql::literal(sql::qualified(change.table)) +
                               ", " + sql::literal(change.to.name) + ")";
        return {out, continue_after_rows(change, sequence)};
    }
    std::vector<std::string> clauses;
    if (from->kind != to->kind) clauses.push_back(std::string("SET GENERATED ") + generated_kind(to->kind));
    for (auto& option : changed_sequence_options(from->sequence, to->sequence)) clauses.push_back("SET " + option);
    // ALTER COLUMN has no clause for the sequence's name (SET SEQUENCE NAME
    // is refused), so the sequence itself is renamed; it stays the column's.
    std::string old_name = catalog::identity_sequence_name(change.table.name, change.from);
    std::string new_name = catalog::identity_sequence_name(change.table.name, change.to);
    // A difference only in the sequence's data type follows the column's
    // type change, which is a change of its own; nothing to say here.
    if (clauses.empty() && old_name == new_name) return {};
    Statements out;
    if (!clauses.empty()) {
        std::string sequence = "pg_catalog.pg_get_serial_sequence(" + sql::literal(sql::qualified(change.table)) +
                               ", " + sql::literal(change.to.name) + ")::regclass";
        if (auto raise = up_to_new_minimum(sequence, from->sequence, to->sequence)) out.push_back(std::move(*raise));
        out.push_back(alter_column_prefix(change) + join(clauses, " "));
    }
    if (old_name != new_name) {
        out.push_back("ALTER SEQUENCE " + sql::qualified({change.table.schema, old_name}) + " RENAME TO " +
                      sql::ident(new_name));
    }
    return out;
}

// The old default may not cast to the new type (text 'open' to an enum), so
// it is dropped first; the planner's own default step sets the new one, or,
// when the default text does not change, it is put back here.
Statements type_statements(const AlterColumn& change) {
    Statements out;
    bool keeps_default = change.from.default_expr && change.to.default_expr == change.from.default_expr;
    if (change.what == ColumnAttribute::type && change.from.default_expr) {
        out.push_back(alter_column_prefix(change) + "DROP DEFAULT");
    }
    out.push_back(type_statement(change));
    if (change.what == ColumnAttribute::type && keeps_default) {
        out.push_back(alter_column_prefix(change) + "SET DEFAULT " + sql::expression(*change.to.default_expr));
    }
    // serial -> bigserial: the owned sequence follows the column's type.
    if (change.what == ColumnAttribute::type && change.from.serial != catalog::Serial::none) {
        if (auto sequence = owned_sequence(change.to); sequence && change.to.serial != catalog::Serial::none) {
            out.push_back("ALTER SEQUENCE " + *sequence + " AS " + change.to.type);
        }
    }
    return out;
}

// Defaults, including the serial spelling: a column that becomes serial
// gets its owned sequence (continuing after existing rows); one that stops
// being serial loses it, as a column dropped with its sequence would.
Statements default_statements(const AlterColumn& change) {
    Statements out;
    bool becomes_serial = change.to.serial != catalog::Serial::none && change.from.serial == catalog::Serial::none;
    auto new_sequence = becomes_serial ? owned_sequence(change.to) : std::nullopt;
    if (new_sequence) {
        out.push_back("CREATE SEQUENCE " + *new_sequence + " AS " + change.to.type + " OWNED BY " +
                      sql::qualified(change.table) + "." + sql::ident(change.to.name));
    }
    if (!change.to.default_expr) {
        out.push_back(alter_column_prefix(change) + "DROP DEFAULT");
    } else {
        out.push_back(alter_column_prefix(change) + "SET DEFAULT " + sql::expression(*change.to.default_expr));
    }
    if (new_sequence) out.push_back(continue_after_rows(change, sql::literal(*new_sequence) + "::regclass"));
    bool stops_serial = change.from.serial != catalog::Serial::none && change.to.serial == catalog::Serial::none;
    if (auto old_sequence = stops_serial ? owned_sequence(change.from) : std::nullopt) {
        out.push_back("DROP SEQUENCE " + *old_sequence);
    }
    return out;
}

std::string optional_text(const std::optional<std::string>& text) {
    return text ? *text : "none";
}

std::string identity_text(const catalog::Boxed<catalog::Identity>& identity) {
    if (!identity) return "none";
    return identity->kind == catalog::IdentityKind::always ? "always" : "by default";
}

}  // namespace

Statements sql_of(const AlterColumn& change) {
    switch (change.what) {
        case ColumnAttribute::type:
        case ColumnAttribute::collation:
            return type_statements(change);
        case ColumnAttribute::not_null:
            return {alter_column_prefix(change) + (change.to.not_null ? "SET NOT NULL" : "DROP NOT NULL")};
        case ColumnAttribute::default_value:
            return default_statements(change);
        case ColumnAttribute::identity:
            return identity_statements(change);
        case ColumnAttribute::generated:
            // SET EXPRESSION exists from PostgreSQL 17 on; the planner refuses
            // this step on older servers (they can only drop and re-add the
            // column). DROP EXPRESSION (13+) keeps the stored values.
            if (!change.to.generated) return {alter_column_prefix(change) + "DROP EXPRESSION"};
            return {alter_column_prefix(change) + "SET EXPRESSION AS (" + sql::expression(*change.to.generated) + ")"};
    }
    return {};
}

std::string description_of(const AlterColumn& change) {
    std::string column = column_display(change);
    switch (change.what) {
        case ColumnAttribute::type: {
            std::string out = "change type of " + column + ": " + change.from.type + " -> " + change.to.type;
            if (change.to.using_expr) out += " using " + *change.to.using_expr;
            return out;
        }
        case ColumnAttribute::collation:
            return "change collation of " + column + ": " + optional_text(change.from.collation) + " -> " +
                   optional_text(change.to.collation);
        case ColumnAttribute::not_null:
            return (change.to.not_null ? "set not null on " : "drop not null on ") + column;
        case ColumnAttribute::default_value:
            if (!change.from.default_expr)
                return "set default of " + column + ": " + optional_text(change.to.default_expr);
            if (!change.to.default_expr)
                return "drop default of " + column + " (was " + *change.from.default_expr + ")";
            return "change default of " + column + ": " + *change.from.default_expr + " -> " + *change.to.default_expr;
        case ColumnAttribute::identity: {
            if (!change.from.identity)
                return "add identity to " + column + " (generated " + identity_text(change.to.identity) + ")";
            if (!change.to.identity) return "drop identity from " + column;
            std::vector<std::string> what;
            if (change.from.identity->kind != change.to.identity->kind) {
                what.push_back(identity_text(change.from.identity) + " -> " + identity_text(change.to.identity));
            }
            for (auto& option :
                 changed_sequence_options(change.from.identity->sequence, change.to.identity->sequence)) {
                for (auto& c : option) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                what.push_back(option);
            }
            auto old_name = catalog::identity_sequence_name(change.table.name, change.from);
            auto new_name = catalog::identity_sequence_name(change.table.name, change.to);
            if (old_name != new_name) what.push_back("sequence " + old_name + " -> " + new_name);
            return "change identity of " + column + (what.empty() ? "" : ": " + join(what, ", "));
        }
        case ColumnAttribute::generated:
            if (!change.to.generated) return "drop generation expression of " + column + " (keeps stored values)";
            return "change generation expression of " + column + ": " + optional_text(change.from.generated) + " -> " +
                   *change.to.generated;
    }
    return "alter column " + column;
}

}  // namespace reconcile::engine::render_detail
