#include <stdexcept>

#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

namespace {

using catalog::ConstraintKind;
using catalog::MatchType;
using catalog::ReferentialAction;

const char* action_sql(ReferentialAction action) {
    switch (action) {
        case ReferentialAction::no_action:
            return "NO ACTION";
        case ReferentialAction::restrict:
            return "RESTRICT";
        case ReferentialAction::cascade:
            return "CASCADE";
        case ReferentialAction::set_null:
            return "SET NULL";
        case ReferentialAction::set_default:
            return "SET DEFAULT";
    }
    return "NO ACTION";
}

std::string action_text(ReferentialAction action) {
    switch (action) {
        case ReferentialAction::no_action:
            return "no action";
        case ReferentialAction::restrict:
            return "restrict";
        case ReferentialAction::cascade:
            return "cascade";
        case ReferentialAction::set_null:
            return "set null";
        case ReferentialAction::set_default:
            return "set default";
    }
    return "no action";
}

std::string deferrable_clause(const Constraint& constraint) {
    // INITIALLY DEFERRED implies DEFERRABLE; say both so the text is plain.
    if (constraint.initially_deferred) return " DEFERRABLE INITIALLY DEFERRED";
    if (constraint.deferrable) return " DEFERRABLE";
    return "";
}

std::string kind_text(ConstraintKind kind) {
    switch (kind) {
        case ConstraintKind::primary_key:
            return "primary key";
        case ConstraintKind::unique:
            return "unique constraint";
        case ConstraintKind::check:
            return "check constraint";
        case ConstraintKind::foreign_key:
            return "foreign key";
        case ConstraintKind::exclusion:
            return "exclusion constraint";
    }
    return "constraint";
}

std::string deferral_text(const Constraint& c) {
    if (c.initially_deferred) return "deferrable initially deferred";
    return c.deferrable ? "deferrable" : "not deferrable";
}

// "(post_id) -> public.posts (id)": the shape of a constraint, for people.
std::string summary(const Constraint& c) {
    switch (c.kind) {
        case ConstraintKind::primary_key:
            return "(" + join(c.columns, ", ") + ")";
        case ConstraintKind::unique:
            return "(" + join(c.columns, ", ") + ")" + (c.nulls_not_distinct ? " nulls not distinct" : "");
        case ConstraintKind::check:
        case ConstraintKind::exclusion:
            return c.expression;
        case ConstraintKind::foreign_key: {
            std::string out = "(" + join(c.columns, ", ") + ")";
            if (!c.references) return out;
            out += " -> " + catalog::display(c.references->table);
            if (!c.references->columns.empty()) out += " (" + join(c.references->columns, ", ") + ")";
            if (c.references->on_delete != ReferentialAction::no_action) {
                out += " on delete " + action_text(c.references->on_delete);
            }
            if (c.references->on_update != ReferentialAction::no_action) {
                out += " on update " + action_text(c.references->on_update);
            }
            return out;
        }
    }
    return "";
}

std::string constraint_display(const QualifiedName& table, const Constraint& c) {
    return catalog::display(table) + "." + c.name;
}

// What differs between two definitions of one constraint, as
// "on delete cascade -> set null"; falls back to the whole shape.
std::string difference(const Constraint& from, const Constraint& to) {
    std::vector<std::string> parts;
    if (from.kind != to.kind) {
        parts.push_back(kind_text(from.kind) + " -> " + kind_text(to.kind));
    } else if (from.kind == ConstraintKind::foreign_key && from.references && to.references) {
        const auto& a = *from.references;
        const auto& b = *to.references;
        if (from.columns != to.columns || a.table != b.table || a.columns != b.columns) {
            parts.push_back(summary(from) + " -> " + summary(to));
        } else {
            if (a.on_delete != b.on_delete) {
                parts.push_back("on delete " + action_text(a.on_delete) + " -> " + action_text(b.on_delete));
            }
            if (a.on_update != b.on_update) {
                parts.push_back("on update " + action_text(a.on_update) + " -> " + action_text(b.on_update));
            }
            if (a.match != b.match) {
                parts.push_back(std::string("match ") + (a.match == MatchType::full ? "full" : "simple") + " -> " +
                                (b.match == MatchType::full ? "full" : "simple"));
            }
        }
    } else if (summary(from) != summary(to)) {
        parts.push_back(summary(from) + " -> " + summary(to));
    }
    if (from.deferrable != to.deferrable || from.initially_deferred != to.initially_deferred) {
        parts.push_back(deferral_text(from) + " -> " + deferral_text(to));
    }
    if (parts.empty()) parts.push_back(summary(to));
    return join(parts, ", ");
}

}  // namespace

std::string constraint_definition(const Constraint& c) {
    switch (c.kind) {
        case ConstraintKind::primary_key:
            return "PRIMARY KEY (" + sql::ident_list(c.columns) + ")" + deferrable_clause(c);
        case ConstraintKind::unique:
            return std::string("UNIQUE") + (c.nulls_not_distinct ? " NULLS NOT DISTINCT" : "") + " (" +
                   sql::ident_list(c.columns) + ")" + deferrable_clause(c);
        // CHECK constraints cannot be deferred, so no clause follows.
        case ConstraintKind::check:
            return "CHECK (" + sql::expression(c.expression) + ")" + (c.no_inherit ? " NO INHERIT" : "");
        case ConstraintKind::foreign_key: {
            if (!c.references) throw std::logic_error("foreign key " + c.name + " has no referenced table");
            const auto& ref = *c.references;
            std::string out =
                "FOREIGN KEY (" + sql::ident_list(c.columns) + ") REFERENCES " + sql::qualified(ref.table);
            // No column list means the referenced table's primary key.
            if (!ref.columns.empty()) out += " (" + sql::ident_list(ref.columns) + ")";
            if (ref.match == MatchType::full) out += " MATCH FULL";
            if (ref.on_delete != ReferentialAction::no_action)
                out += std::string(" ON DELETE ") + action_sql(ref.on_delete);
            if (!ref.on_delete_columns.empty()) out += " (" + sql::ident_list(ref.on_delete_columns) + ")";
            if (ref.on_update != ReferentialAction::no_action)
                out += std::string(" ON UPDATE ") + action_sql(ref.on_update);
            return out + deferrable_clause(c);
        }
        // The server's own text (or the manifest's, canonicalized through a
        // scratch schema): one clause of this one statement.
        case ConstraintKind::exclusion:
            return "EXCLUDE " + c.expression + deferrable_clause(c);
    }
    throw std::logic_error("unknown constraint kind");
}

// NOT VALID exists only in ALTER TABLE ... ADD CONSTRAINT: a constraint in
// CREATE TABLE has no existing rows to skip.
std::string not_valid_clause(const Constraint& c) {
    return c.not_valid ? " NOT VALID" : "";
}

Statements sql_of(const AddConstraint& change) {
    const Constraint& key = change.constraint;
    if (change.using_index) {
        // The index carries the columns and NULLS NOT DISTINCT; the
        // constraint adds only its kind and deferrability.
        return {"ALTER TABLE " + sql::qualified(change.table) + " ADD CONSTRAINT " + sql::ident(key.name) +
                (key.kind == ConstraintKind::primary_key ? " PRIMARY KEY" : " UNIQUE") + " USING INDEX " +
                sql::ident(key.name) + deferrable_clause(key)};
    }
    return {"ALTER TABLE " + sql::qualified(change.table) + " ADD CONSTRAINT " + sql::ident(change.constraint.name) +
            " " + constraint_definition(change.constraint) + not_valid_clause(change.constraint)};
}

Statements sql_of(const DropConstraint& change) {
    return {"ALTER TABLE " + sql::qualified(change.table) + " DROP CONSTRAINT " + sql::ident(change.constraint.name)};
}

// One statement: both actions share one ACCESS EXCLUSIVE lock and no other
// session ever sees the table without the constraint.
Statements sql_of(const ReplaceConstraint& change) {
    return {"ALTER TABLE " + sql::qualified(change.table) + " DROP CONSTRAINT " + sql::ident(change.from.name) +
            ", ADD CONSTRAINT " + sql::ident(change.to.name) + " " + constraint_definition(change.to) +
            not_valid_clause(change.to)};
}

Statements sql_of(const ValidateConstraint& change) {
    return {"ALTER TABLE " + sql::qualified(change.table) + " VALIDATE CONSTRAINT " +
            sql::ident(change.constraint.name)};
}

std::string description_of(const AddConstraint& change) {
    return "add " + kind_text(change.constraint.kind) + " " + constraint_display(change.table, change.constraint) +
           " " + summary(change.constraint) +
           (change.using_index ? " from the unique index built concurrently before (no row read)" : "");
}

// Dropping a foreign key removes its triggers on the referenced table, which
// takes ACCESS EXCLUSIVE there too; the hazard codes speak of "the table",
// so the step names the other one.
std::string referenced_table_locked(const Constraint& dropped) {
    if (dropped.kind != ConstraintKind::foreign_key || !dropped.references) return "";
    return "; the drop locks " + catalog::display(dropped.references->table) + " too";
}

std::string description_of(const DropConstraint& change) {
    return "drop " + kind_text(change.constraint.kind) + " " + constraint_display(change.table, change.constraint) +
           referenced_table_locked(change.constraint);
}

std::string description_of(const ReplaceConstraint& change) {
    return "replace " + kind_text(change.to.kind) + " " + constraint_display(change.table, change.to) + " (" +
           difference(change.from, change.to) + ")" + referenced_table_locked(change.from);
}

std::string description_of(const ValidateConstraint& change) {
    return "validate " + kind_text(change.constraint.kind) + " " +
           constraint_display(change.table, change.constraint) + " against existing rows (reads and writes go on)";
}

}  // namespace reconcile::engine::render_detail
