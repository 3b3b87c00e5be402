#pragma once
// Terse model builders and change/plan accessors for the diff and planner
// tests. No database: models are written out in code.
#include <algorithm>
#include <string>
#include <vector>

#include "catalog/model/model.hpp"
#include "engine/diff/diff.hpp"
#include "engine/plan/planner.hpp"

namespace test {

using namespace reconcile::catalog;
using namespace reconcile::engine;

inline QualifiedName qn(std::string schema, std::string name) {
    return {std::move(schema), std::move(name)};
}

inline Column col(std::string name, std::string type, bool not_null = false) {
    Column c;
    c.name = std::move(name);
    c.type = std::move(type);
    c.not_null = not_null;
    return c;
}

inline Column with_default(Column c, std::string expr) {
    c.default_expr = std::move(expr);
    return c;
}

struct TableBuilder {
    Table t;

    TableBuilder& column(Column c) {
        t.columns.push_back(std::move(c));
        return *this;
    }
    TableBuilder& column(std::string name, std::string type, bool not_null = false) {
        return column(col(std::move(name), std::move(type), not_null));
    }
    TableBuilder& key(std::string name, ConstraintKind kind, std::vector<std::string> columns) {
        Constraint c;
        c.name = std::move(name);
        c.kind = kind;
        c.columns = std::move(columns);
        t.constraints.push_back(std::move(c));
        return *this;
    }
    TableBuilder& pk(std::string name, std::vector<std::string> columns) {
        return key(std::move(name), ConstraintKind::primary_key, std::move(columns));
    }
    TableBuilder& unique(std::string name, std::vector<std::string> columns) {
        return key(std::move(name), ConstraintKind::unique, std::move(columns));
    }
    TableBuilder& check(std::string name, std::string expression) {
        Constraint c;
        c.name = std::move(name);
        c.kind = ConstraintKind::check;
        c.expression = std::move(expression);
        t.constraints.push_back(std::move(c));
        return *this;
    }
    TableBuilder& fk(std::string name, std::vector<std::string> columns, QualifiedName table,
                     std::vector<std::string> referenced) {
        Constraint c;
        c.name = std::move(name);
        c.kind = ConstraintKind::foreign_key;
        c.columns = std::move(columns);
        c.references = ForeignKey{std::move(table), std::move(referenced)};
        t.constraints.push_back(std::move(c));
        return *this;
    }
    TableBuilder& index(std::string name, std::vector<std::string> columns, bool unique = false) {
        Index i;
        i.name = std::move(name);
        i.unique = unique;
        for (auto& column : columns) i.keys.push_back(IndexKey{column, std::nullopt, std::nullopt, std::nullopt});
        t.indexes.push_back(std::move(i));
        return *this;
    }
    TableBuilder& comment(std::string text) {
        t.comment = std::move(text);
        return *this;
    }
    operator Table() const { return t; }
};

inline TableBuilder table(std::string schema, std::string name) {
    TableBuilder b;
    b.t.name = qn(std::move(schema), std::move(name));
    return b;
}

inline EnumType enum_type(std::string schema, std::string name, std::vector<std::string> values) {
    return EnumType{qn(std::move(schema), std::move(name)), std::move(values), std::nullopt};
}

inline Model model(std::vector<Table> tables, std::vector<EnumType> enums = {},
                   std::vector<std::string> schemas = {"public"}) {
    Model m;
    for (auto& s : schemas) m.schemas.push_back(Schema{s, std::nullopt});
    m.enums = std::move(enums);
    m.tables = std::move(tables);
    m.normalize();
    return m;
}

inline DiffResult run_diff(const Model& have, const Model& want, Prune prune = Prune::no) {
    return diff(have, want, DiffOptions{prune});
}

// The changes of one kind, in diff order.
template <typename T>
std::vector<T> of(const DiffResult& result) {
    std::vector<T> out;
    for (const auto& change : result.changes) {
        if (const T* c = std::get_if<T>(&change)) out.push_back(*c);
    }
    return out;
}

// "add_column public.t.c": kind and object of a change.
inline std::string label(const Change& change) {
    return kind_name(change) + " " + display(object_of(change));
}

inline std::vector<std::string> labels(const DiffResult& result) {
    std::vector<std::string> out;
    for (const auto& change : result.changes) out.push_back(label(change));
    std::sort(out.begin(), out.end());
    return out;
}

inline std::vector<std::string> labels(const Plan& plan) {
    std::vector<std::string> out;
    for (const auto& step : plan.steps) out.push_back(label(step.change));
    return out;
}

// Index of the step with this label; fails the test when absent.
inline std::size_t position(const Plan& plan, const std::string& wanted) {
    auto all = labels(plan);
    auto it = std::find(all.begin(), all.end(), wanted);
    if (it == all.end()) throw std::runtime_error("no step " + wanted);
    return static_cast<std::size_t>(it - all.begin());
}

inline const Step& step(const Plan& plan, const std::string& wanted) {
    return plan.steps[position(plan, wanted)];
}

inline std::vector<Hazard> hazards(std::initializer_list<Hazard> list) {
    std::vector<Hazard> out(list);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace test
