#include <algorithm>

#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

namespace {

// Primary key first, then unique, check, foreign keys and exclusions, each group in the
// model's (name) order: stable, and reads the way people write tables.
int kind_rank(catalog::ConstraintKind kind) {
    switch (kind) {
        case catalog::ConstraintKind::primary_key:
            return 0;
        case catalog::ConstraintKind::unique:
            return 1;
        case catalog::ConstraintKind::check:
            return 2;
        case catalog::ConstraintKind::foreign_key:
            return 3;
        case catalog::ConstraintKind::exclusion:
            return 4;
    }
    return 5;
}

}  // namespace

std::string create_table_statement(const Table& table, ForeignKeys foreign_keys) {
    std::vector<std::string> elements;
    // A partition takes its parent's columns; its element list holds only
    // its own constraints.
    for (const auto& column : table.columns) elements.push_back(column_definition(table.name, column));
    std::vector<const Constraint*> constraints;
    for (const auto& constraint : table.constraints) {
        if (foreign_keys == ForeignKeys::skip && constraint.kind == catalog::ConstraintKind::foreign_key) continue;
        constraints.push_back(&constraint);
    }
    std::stable_sort(constraints.begin(), constraints.end(),
                     [](const Constraint* a, const Constraint* b) { return kind_rank(a->kind) < kind_rank(b->kind); });
    for (const auto* constraint : constraints) {
        elements.push_back("CONSTRAINT " + sql::ident(constraint->name) + " " + constraint_definition(*constraint));
    }
    std::string out =
        std::string(table.unlogged ? "CREATE UNLOGGED TABLE " : "CREATE TABLE ") + sql::qualified(table.name);
    if (table.partition_of) {
        out += " PARTITION OF " + sql::qualified(table.partition_of->parent);
        if (!elements.empty()) out += " (\n    " + join(elements, ",\n    ") + "\n)";
        // The bound is the server's own text (pg_get_expr), or the
        // manifest's, which the server parses as part of this statement.
        out += " " + table.partition_of->bound;
    } else {
        out += " (";
        out += elements.empty() ? ")" : "\n    " + join(elements, ",\n    ") + "\n)";
    }
    if (!table.inherits.empty()) {
        std::vector<std::string> parents;
        for (const auto& parent : table.inherits) parents.push_back(sql::qualified(parent));
        out += " INHERITS (" + join(parents, ", ") + ")";
    }
    if (table.partitioning) out += " PARTITION BY " + *table.partitioning;
    if (!table.storage.empty()) out += " WITH " + sql::storage_list(table.storage);
    return out;
}

// Foreign keys normally arrive as AddConstraint changes, but one that is part
// of the table is rendered too: where it goes is the planner's decision.
Statements sql_of(const CreateTable& change) {
    return {create_table_statement(change.table, ForeignKeys::include)};
}

// Never CASCADE: a view or foreign key elsewhere that still needs the table
// makes the drop fail rather than vanish with it.
// A partition is detached first: DROP TABLE refuses a partition that a
// foreign key references through its parent, while DETACH PARTITION removes
// the per-partition copies of such keys (and refuses, with nothing
// changed, while a referencing row still points into the partition).
Statements sql_of(const DropTable& change) {
    Statements out;
    if (const auto& of = change.table.partition_of) {
        out.push_back("ALTER TABLE " + sql::qualified(of->parent) + " DETACH PARTITION " +
                      sql::qualified(change.table.name));
    }
    out.push_back("DROP TABLE " + sql::qualified(change.table.name));
    return out;
}

Statements sql_of(const SetLogged& change) {
    return {"ALTER TABLE " + sql::qualified(change.table) + (change.unlogged ? " SET UNLOGGED" : " SET LOGGED")};
}

// Parameters set in `to` are SET (new or changed values); names only in
// `from` are RESET to the server's default.
std::string storage_actions(const std::vector<std::string>& from, const std::vector<std::string>& to) {
    auto name_of = [](const std::string& p) { return p.substr(0, p.find('=')); };
    std::vector<std::string> set, reset;
    for (const auto& p : to) {
        if (std::find(from.begin(), from.end(), p) == from.end()) set.push_back(p);
    }
    for (const auto& p : from) {
        bool kept = std::any_of(to.begin(), to.end(), [&](const std::string& q) { return name_of(q) == name_of(p); });
        if (!kept) reset.push_back(name_of(p));
    }
    std::vector<std::string> actions;
    if (!set.empty()) actions.push_back("SET " + sql::storage_list(set));
    if (!reset.empty()) actions.push_back("RESET " + sql::storage_list(reset));
    return join(actions, ", ");
}

Statements sql_of(const SetStorage& change) {
    auto actions = storage_actions(change.from, change.to);
    if (actions.empty()) return {};
    return {"ALTER TABLE " + sql::qualified(change.table) + " " + actions};
}

std::string description_of(const SetStorage& change) {
    return "change storage parameters of " + catalog::display(change.table) + ": (" + join(change.from, ", ") +
           ") -> (" + join(change.to, ", ") + ")";
}

std::string description_of(const SetLogged& change) {
    return (change.unlogged ? "make table unlogged: " : "make table logged: ") + catalog::display(change.table);
}

std::string description_of(const CreateTable& change) {
    const Table& table = change.table;
    if (table.partition_of) {
        return "create partition " + catalog::display(table.name) + " of " +
               catalog::display(table.partition_of->parent) + " " + table.partition_of->bound;
    }
    return std::string(table.partitioning ? "create partitioned table " : "create table ") +
           catalog::display(table.name);
}

std::string description_of(const DropTable& change) {
    return "drop table " + catalog::display(change.table.name) + " (deletes its data)";
}

}  // namespace reconcile::engine::render_detail
