// Which function bodies of this plan CREATE FUNCTION cannot check.
//
// With check_function_bodies on (the default, and how apply runs), CREATE
// FUNCTION checks a body against what exists at that moment: a SQL body is
// parsed in full, so the tables, views and functions it names must exist;
// PL/pgSQL's validator resolves the types its DECLARE section names, such as
// a view's row type. The planner therefore orders such a function after
// what its body names in this plan (rules/functions.cpp). A function that
// comes back to itself through those needs (a SQL body calling another that
// calls it; a body reading a view that calls it) cannot be ordered that way;
// it is created with check_function_bodies off, as pg_dump's restores are,
// and ordered without what its body names. Tables take part too: a new
// table whose default calls a SQL function that reads the table (a
// hand-made "next id") is such a cycle.
#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

namespace {

bool checked_language(const Function& function) {
    return function.language == "sql" || function.language == "plpgsql";
}

// Textual, as the planner reads calls (PlanContext::functions_called): it
// may over-match, which only makes a body unchecked that could be checked.
bool calls(const std::string& text, const QualifiedName& callee) {
    return text.find(callee.name + "(") != std::string::npos ||
           text.find("\"" + callee.name + "\"(") != std::string::npos;
}

// One of: a function created or replaced, a view created, a table created.
struct Node {
    const Function* function = nullptr;
    bool* unchecked = nullptr;
    const catalog::View* view = nullptr;
    const Table* table = nullptr;
};

// The texts of a new table that the planner orders after the functions
// they call (rules/references.cpp).
bool table_calls(const Table& table, const QualifiedName& callee) {
    auto in = [&](const std::optional<std::string>& text) { return text && calls(*text, callee); };
    for (const auto& column : table.columns) {
        if (in(column.default_expr) || in(column.generated)) return true;
    }
    for (const auto& constraint : table.constraints) {
        bool checked =
            constraint.kind == catalog::ConstraintKind::check || constraint.kind == catalog::ConstraintKind::exclusion;
        if (checked && calls(constraint.expression, callee)) return true;
    }
    return false;
}

bool contains(const std::vector<ObjectId>& ids, const ObjectId& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Node a needs node b to exist first.
bool needs(const Node& a, const Node& b) {
    if (a.function) {
        const Function& f = *a.function;
        if (b.function) return f.language == "sql" && f.name != b.function->name && calls(f.body, b.function->name);
        if (b.view) return expression_mentions(f.body, b.view->name.name);
        return f.language == "sql" && expression_mentions(f.body, b.table->name.name);
    }
    if (a.view) {
        if (b.function) return calls(a.view->definition, b.function->name);
        if (b.view) return contains(a.view->uses, b.view->id());
        return contains(a.view->uses, catalog::table_id(b.table->name));
    }
    return b.function && table_calls(*a.table, b.function->name);
}

}  // namespace

void mark_unorderable_bodies(DiffResult& out) {
    std::vector<Node> nodes;
    for (Change& change : out.changes) {
        if (auto* c = std::get_if<CreateFunction>(&change); c && checked_language(c->function)) {
            nodes.push_back({.function = &c->function, .unchecked = &c->unchecked_body});
        } else if (auto* r = std::get_if<ReplaceFunction>(&change); r && checked_language(r->to)) {
            nodes.push_back({.function = &r->to, .unchecked = &r->unchecked_body});
        } else if (auto* v = std::get_if<CreateView>(&change)) {
            nodes.push_back({.view = &v->view});
        }
    }
    // Only a table that calls one of those can close a cycle; leaving the
    // others out keeps this quadratic in functions, not in tables.
    const std::size_t routines_and_views = nodes.size();
    for (const Change& change : out.changes) {
        const auto* create = std::get_if<CreateTable>(&change);
        if (!create) continue;
        for (std::size_t n = 0; n < routines_and_views; ++n) {
            if (nodes[n].function && table_calls(create->table, nodes[n].function->name)) {
                nodes.push_back({.table = &create->table});
                break;
            }
        }
    }
    std::vector<std::vector<std::size_t>> successors(nodes.size());
    for (std::size_t a = 0; a < nodes.size(); ++a) {
        for (std::size_t b = 0; b < nodes.size(); ++b) {
            if (a != b && needs(nodes[a], nodes[b])) successors[a].push_back(b);
        }
    }
    // A function on a cycle reaches itself.
    for (std::size_t start = 0; start < nodes.size(); ++start) {
        if (!nodes[start].function) continue;
        std::vector<bool> seen(nodes.size(), false);
        std::vector<std::size_t> pending = successors[start];
        while (!pending.empty() && !*nodes[start].unchecked) {
            std::size_t at = pending.back();
            pending.pop_back();
            if (at == start) *nodes[start].unchecked = true;
            if (seen[at]) continue;
            seen[at] = true;
            pending.insert(pending.end(), successors[at].begin(), successors[at].end());
        }
    }
}

}  // namespace reconcile::engine::diff_detail
