// What columns and keys refer to, for the kinds' dependency rules.
#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

std::optional<ObjectId> type_needed(const std::string& type) {
    // Enums and domains are created by a plan (a domain creates this key
    // too); a named type that no change
    // creates or drops adds no edge.
    if (auto named = named_type(type)) return catalog::enum_id(*named);
    return std::nullopt;
}

std::optional<ObjectId> serial_sequence(const QualifiedName& table, const Column& column) {
    if (column.serial == catalog::Serial::none && !column.identity) return std::nullopt;
    std::string name = catalog::identity_sequence_name(table.name, column);
    // PostgreSQL shortens longer names in ways not worth predicting here.
    if (name.size() > 63) return std::nullopt;
    return catalog::object_id(ObjectKind::sequence, {table.schema, name});
}

std::vector<ObjectId> sequences_used(const std::optional<std::string>& default_expr) {
    std::vector<ObjectId> out;
    if (!default_expr) return out;
    static constexpr std::string_view call = "nextval('";
    for (auto at = default_expr->find(call); at != std::string::npos; at = default_expr->find(call, at + 1)) {
        auto start = at + call.size();
        auto end = default_expr->find('\'', start);
        if (end == std::string::npos) break;
        if (auto name = named_type(std::string_view(*default_expr).substr(start, end - start))) {
            out.push_back(catalog::object_id(ObjectKind::sequence, *name));
        }
    }
    return out;
}

void add_column_needs(Dependencies& out, const Column& column) {
    if (auto type = type_needed(column.type)) out.needs.push_back(*type);
    for (auto& sequence : sequences_used(column.default_expr)) out.needs.push_back(std::move(sequence));
}

void add_calls(std::vector<ObjectId>& out, const PlanContext& context, const std::optional<std::string>& text) {
    if (!text || context.routines.empty()) return;
    for (auto& id : context.functions_called(*text, {})) out.push_back(std::move(id));
}

void add_column_calls(std::vector<ObjectId>& out, const PlanContext& context, const Column& column) {
    add_calls(out, context, column.default_expr);
    add_calls(out, context, column.generated);
}

void add_constraint_calls(std::vector<ObjectId>& out, const PlanContext& context, const Constraint& constraint) {
    if (constraint.kind == catalog::ConstraintKind::check || constraint.kind == catalog::ConstraintKind::exclusion) {
        add_calls(out, context, constraint.expression);
    }
}

void add_index_calls(std::vector<ObjectId>& out, const PlanContext& context, const Index& index) {
    add_calls(out, context, index.where);
    for (const auto& key : index.keys) add_calls(out, context, key.expression);
}

void add_foreign_key_needs(std::vector<ObjectId>& out, const catalog::ForeignKey& fk) {
    out.push_back(catalog::table_id(fk.table));
    for (const auto& column : fk.columns) out.push_back(catalog::column_id(fk.table, column));
}

}  // namespace reconcile::engine::plan_detail
