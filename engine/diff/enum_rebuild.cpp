// Enum values removed or reordered. PostgreSQL can only add values (rows
// store a value's oid, indexes sort by its position), so the type is built
// again in one step: the old type renamed aside, the new one created, every
// column of it converted through its text, the old type dropped. A guard
// counts the rows still holding a removed value.
#include <fmt/format.h>

#include <algorithm>

#include "catalog/model/identifier.hpp"
#include "catalog/model/type_text.hpp"
#include "engine/diff/diff_internal.hpp"
#include "engine/plan/planner.hpp"

namespace reconcile::engine::diff_detail {

namespace {

bool mentions(const std::optional<std::string>& text, const std::string& spelling) {
    return text && text->find(spelling) != std::string::npos;
}

// What converting the columns cannot carry along: an expression or a type
// that names the enum keeps the old type's oid, and a view blocks ALTER
// COLUMN ... TYPE. Those are not rebuilt yet.
std::vector<std::string> blockers(const catalog::Model& have, const EnumType& type,
                                  const std::vector<EnumColumn>& columns) {
    const std::string spelling = catalog::display(type.name);
    std::vector<std::string> out;
    for (const auto& table : have.tables) {
        for (const auto& constraint : table.constraints) {
            if (constraint.expression.find(spelling) != std::string::npos) {
                out.push_back("check " + catalog::display(catalog::constraint_id(table.name, constraint.name)));
            }
        }
        for (const auto& index : table.indexes) {
            bool uses = mentions(index.where, spelling);
            for (const auto& key : index.keys) uses = uses || mentions(key.expression, spelling);
            if (uses) out.push_back("index " + catalog::display(catalog::index_id(table.name, index.name)));
        }
        for (const auto& policy : table.policies) {
            if (mentions(policy.using_expr, spelling) || mentions(policy.check_expr, spelling)) {
                out.push_back("policy " +
                              catalog::display(catalog::member_id(ObjectKind::policy, table.name, policy.name)));
            }
        }
    }
    for (const auto& view : have.views) {
        bool uses = view.definition.find(spelling) != std::string::npos;
        for (const auto& column : columns) {
            uses = uses || std::find(view.uses.begin(), view.uses.end(),
                                     catalog::column_id(column.table, column.column)) != view.uses.end();
        }
        if (uses) out.push_back("view " + catalog::display(view.name));
    }
    for (const auto& domain : have.domains) {
        if (catalog::named_type(domain.base_type) == type.name)
            out.push_back("domain " + catalog::display(domain.name));
    }
    for (const auto& composite : have.composite_types) {
        for (const auto& attribute : composite.attributes) {
            if (catalog::named_type(attribute.type) == type.name) {
                out.push_back("composite type " + catalog::display(composite.name));
            }
        }
    }
    for (const auto& function : have.functions) {
        bool uses = mentions(function.returns, spelling);
        for (const auto& argument : function.arguments) uses = uses || catalog::named_type(argument.type) == type.name;
        if (uses) out.push_back("function " + catalog::display(function.id()));
    }
    return out;
}

}  // namespace

void rebuild_enum(const catalog::Model& have, const EnumType& from, const EnumType& to, DiffResult& out) {
    RebuildEnum rebuild{EnumType{from.name, from.values, std::nullopt}, EnumType{to.name, to.values, std::nullopt}, {}};
    for (const auto& table : have.tables) {
        for (const auto& column : table.columns) {
            if (catalog::named_type(column.type) != from.name) continue;
            bool array = catalog::split_array_bounds(column.type).second > 0;
            rebuild.columns.push_back({table.name, column.name, array, column.default_expr});
        }
    }
    auto blocked = blockers(have, from, rebuild.columns);
    if (!blocked.empty()) {
        throw PlanError(fmt::format(
            "enum {}: removing or reordering values (from [{}] to [{}]) re-creates the type, which is not done yet "
            "while these use it: {}. Drop them in one apply and declare them again in the next, or change the type "
            "by hand",
            catalog::display(to.name), fmt::join(from.values, ", "), fmt::join(to.values, ", "),
            fmt::join(blocked, ", ")));
    }
    out.changes.push_back(std::move(rebuild));
    // The new type starts with the built-in privileges, no comment and the
    // applying role as owner: all are set again (a differing comment is
    // diff_enums' own SetComment).
    out.recreated.insert(catalog::enum_id(to.name));
    if (from.comment == to.comment) comment_new(out, catalog::enum_id(to.name), to.comment);
}

}  // namespace reconcile::engine::diff_detail
