#pragma once
// The text fields of a table that the server prints its own way (types,
// expressions, collations, operator classes), listed once. Canonicalization
// rewrites them for the scratch schemas, maps the server's text back, and
// settles each expression against the live catalog, all by walking this
// list: a field a new kind adds here is handled by all three.
#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>

#include "catalog/model/table.hpp"

namespace reconcile::engine {

enum class TextKind : std::uint8_t { type, expression, name };

// Which field of which member: the same slot in the desired, scratch and
// live copies of one table.
struct TextSlot {
    enum class Field : std::uint8_t {
        column_type,
        column_default,
        column_generated,
        column_collation,
        identity_sequence_type,
        check_expression,
        exclusion_definition,
        index_predicate,
        key_expression,
        key_opclass,
        key_collation,
        trigger_when,
        policy_using,
        policy_check,
        inherited_default,
    };
    Field field = Field::column_type;
    std::string member;   // the column, constraint, index, trigger or policy
    std::size_t key = 0;  // which key of an index, for key_* fields

    auto operator<=>(const TextSlot&) const = default;
    bool operator==(const TextSlot&) const = default;

    TextKind kind() const {
        switch (field) {
            case Field::column_type:
            case Field::identity_sequence_type:
                return TextKind::type;
            case Field::column_collation:
            case Field::key_opclass:
            case Field::key_collation:
                return TextKind::name;
            default:
                return TextKind::expression;
        }
    }
};

// Calls visit(slot, text) for every server-printed text field of `table`,
// where text is a std::string& or std::optional<std::string>& (const when
// TableT is const). Checks and exclusions: other constraints carry none.
template <class TableT, class Visit>
void for_each_server_text(TableT& table, Visit&& visit) {
    using F = TextSlot::Field;
    for (auto& column : table.columns) {
        visit(TextSlot{F::column_type, column.name}, column.type);
        visit(TextSlot{F::column_default, column.name}, column.default_expr);
        visit(TextSlot{F::column_generated, column.name}, column.generated);
        visit(TextSlot{F::column_collation, column.name}, column.collation);
        if (column.identity) visit(TextSlot{F::identity_sequence_type, column.name}, column.identity->sequence.type);
    }
    for (auto& constraint : table.constraints) {
        if (constraint.kind == catalog::ConstraintKind::check) {
            visit(TextSlot{F::check_expression, constraint.name}, constraint.expression);
        } else if (constraint.kind == catalog::ConstraintKind::exclusion) {
            visit(TextSlot{F::exclusion_definition, constraint.name}, constraint.expression);
        }
    }
    for (auto& index : table.indexes) {
        visit(TextSlot{F::index_predicate, index.name}, index.where);
        for (std::size_t k = 0; k < index.keys.size(); ++k) {
            visit(TextSlot{F::key_expression, index.name, k}, index.keys[k].expression);
            visit(TextSlot{F::key_opclass, index.name, k}, index.keys[k].opclass);
            visit(TextSlot{F::key_collation, index.name, k}, index.keys[k].collation);
        }
    }
    for (auto& own : table.inherited_columns) visit(TextSlot{F::inherited_default, own.name}, own.default_expr);
    for (auto& trigger : table.triggers) visit(TextSlot{F::trigger_when, trigger.name}, trigger.when);
    for (auto& policy : table.policies) {
        visit(TextSlot{F::policy_using, policy.name}, policy.using_expr);
        visit(TextSlot{F::policy_check, policy.name}, policy.check_expr);
    }
}

// Applies f(std::string&) to a text field when it holds text.
template <class F>
void with_text(std::string& text, F&& f) {
    f(text);
}
template <class F>
void with_text(std::optional<std::string>& text, F&& f) {
    if (text) f(*text);
}

// A field's value as an optional, whichever type holds it.
inline std::optional<std::string> text_of(const std::string& text) {
    return text;
}
inline std::optional<std::string> text_of(const std::optional<std::string>& text) {
    return text;
}

}  // namespace reconcile::engine
