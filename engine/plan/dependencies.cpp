#include <algorithm>
#include <map>

#include "catalog/model/referenceable_key.hpp"
#include "engine/diff/mentions.hpp"
#include "engine/plan/plan_internal.hpp"

namespace reconcile::engine::plan_detail {

namespace {

using catalog::ConstraintKind;
using MemberId = std::pair<QualifiedName, std::string>;  // table + column/constraint/index
using Nodes = std::vector<std::size_t>;
// A key a foreign key can reference: its columns as a set (sorted). Which
// keys qualify is catalog/model/referenceable_key.hpp's rule.
using KeyColumns = catalog::KeyColumnSet;

KeyColumns key_columns(const std::vector<std::string>& columns) {
    return catalog::key_column_set(columns);
}

std::optional<KeyColumns> key_of(const Constraint& c) {
    return catalog::referenceable_key(c);
}

std::optional<KeyColumns> key_of(const Index& index) {
    return catalog::referenceable_key(index);
}

const catalog::ForeignKey* fk_of(const Constraint& c) {
    return c.kind == ConstraintKind::foreign_key && c.references ? &*c.references : nullptr;
}

bool is_relation(const Constraint& c) {
    // Primary key and unique constraints own an index of the same name, and
    // indexes share the schema-wide relation namespace with tables.
    return c.kind == ConstraintKind::primary_key || c.kind == ConstraintKind::unique;
}

// What each change is, indexed by identity, so every rule below is a lookup
// and the whole pass stays linear in the number of changes (times the few
// changes on one table).
struct Lookup {
    std::map<std::string, std::size_t> create_schema, drop_schema;
    std::map<QualifiedName, Nodes> enum_makers;  // CreateEnum, AddEnumValue
    std::map<MemberId, std::size_t> enum_value_added;
    std::map<QualifiedName, std::size_t> drop_enum, create_table, drop_table;
    std::map<MemberId, std::size_t> add_column, drop_column;
    std::map<MemberId, Nodes> alters;  // every AlterColumn of one column
    // Per table: changes that must precede (re)creating objects on a column
    // (AddColumn, ALTER TYPE), and column drops.
    std::map<QualifiedName, std::vector<std::pair<std::string, std::size_t>>> column_ready, column_drop;
    std::map<MemberId, std::size_t> constraint_create, constraint_drop, index_create, index_drop;
    std::map<QualifiedName, std::vector<std::pair<KeyColumns, std::size_t>>> key_makers, key_breakers;
    // Primary keys dropped or replaced, by table: a column keeps NOT NULL
    // while it is in a primary key.
    std::map<QualifiedName, std::vector<std::pair<KeyColumns, std::size_t>>> pk_breakers;
    std::map<MemberId, Nodes> relation_create, relation_drop;  // schema + relation name
    // Sequences that serial columns create in this plan, by qualified name.
    std::map<QualifiedName, std::size_t> sequence_makers;
};

// The sequence PostgreSQL creates for a serial column (when the name fits).
std::optional<QualifiedName> serial_sequence(const QualifiedName& table, const Column& column) {
    std::string name = table.name + "_" + column.name + "_seq";
    if (column.serial == catalog::Serial::none || name.size() > 63) return std::nullopt;
    return QualifiedName{table.schema, name};
}

// Sequences a default draws from: nextval('public.invoices_id_seq'::regclass).
std::vector<QualifiedName> sequences_used(const std::optional<std::string>& default_expr) {
    std::vector<QualifiedName> out;
    if (!default_expr) return out;
    static constexpr std::string_view call = "nextval('";
    for (auto at = default_expr->find(call); at != std::string::npos; at = default_expr->find(call, at + 1)) {
        auto start = at + call.size();
        auto end = default_expr->find('\'', start);
        if (end == std::string::npos) break;
        if (auto name = named_type(std::string_view(*default_expr).substr(start, end - start))) out.push_back(*name);
    }
    return out;
}

std::string schema_of(const Change& change) {
    return object_of(change).containing_schema();
}

Lookup build_lookup(const std::vector<Change>& changes) {
    Lookup l;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        auto relation = [&](auto& map, const QualifiedName& table, const std::string& name) {
            map[{QualifiedName{table.schema, ""}, name}].push_back(i);
        };
        std::visit(overloaded{
                       [&](const CreateSchema& c) { l.create_schema[c.schema.name] = i; },
                       [&](const DropSchema& c) { l.drop_schema[c.schema.name] = i; },
                       [&](const CreateEnum& c) { l.enum_makers[c.type.name].push_back(i); },
                       [&](const DropEnum& c) { l.drop_enum[c.type.name] = i; },
                       [&](const AddEnumValue& c) {
                           l.enum_makers[c.type].push_back(i);
                           l.enum_value_added[{c.type, c.value}] = i;
                       },
                       [&](const CreateTable& c) {
                           l.create_table[c.table.name] = i;
                           for (const auto& column : c.table.columns) {
                               if (auto seq = serial_sequence(c.table.name, column)) l.sequence_makers[*seq] = i;
                           }
                           relation(l.relation_create, c.table.name, c.table.name.name);
                           for (const auto& k : c.table.constraints) {
                               if (auto key = key_of(k)) l.key_makers[c.table.name].push_back({*key, i});
                           }
                       },
                       [](const SetLogged&) {},
                       [](const SetStorage&) {},
                       [&](const DropTable& c) {
                           l.drop_table[c.table.name] = i;
                           relation(l.relation_drop, c.table.name, c.table.name.name);
                       },
                       [&](const AddColumn& c) {
                           l.add_column[{c.table, c.column.name}] = i;
                           if (auto seq = serial_sequence(c.table, c.column)) l.sequence_makers[*seq] = i;
                           l.column_ready[c.table].push_back({c.column.name, i});
                       },
                       [&](const DropColumn& c) {
                           l.drop_column[{c.table, c.column.name}] = i;
                           l.column_drop[c.table].push_back({c.column.name, i});
                       },
                       [&](const AlterColumn& c) {
                           l.alters[{c.table, c.to.name}].push_back(i);
                           if (c.what == ColumnAttribute::default_value && c.from.serial == catalog::Serial::none) {
                               if (auto seq = serial_sequence(c.table, c.to)) l.sequence_makers[*seq] = i;
                           }
                           if (c.what == ColumnAttribute::type) l.column_ready[c.table].push_back({c.to.name, i});
                       },
                       [&](const AddConstraint& c) {
                           l.constraint_create[{c.table, c.constraint.name}] = i;
                           if (auto key = key_of(c.constraint)) l.key_makers[c.table].push_back({*key, i});
                           if (is_relation(c.constraint)) relation(l.relation_create, c.table, c.constraint.name);
                       },
                       [&](const DropConstraint& c) {
                           l.constraint_drop[{c.table, c.constraint.name}] = i;
                           if (auto key = key_of(c.constraint)) l.key_breakers[c.table].push_back({*key, i});
                           if (c.constraint.kind == ConstraintKind::primary_key)
                               l.pk_breakers[c.table].push_back({c.constraint.columns, i});
                           if (is_relation(c.constraint)) relation(l.relation_drop, c.table, c.constraint.name);
                       },
                       [&](const ReplaceConstraint& c) {
                           l.constraint_create[{c.table, c.to.name}] = i;
                           if (auto key = key_of(c.from)) l.key_breakers[c.table].push_back({*key, i});
                           if (auto key = key_of(c.to)) l.key_makers[c.table].push_back({*key, i});
                           if (c.from.kind == ConstraintKind::primary_key)
                               l.pk_breakers[c.table].push_back({c.from.columns, i});
                       },
                       [&](const CreateIndex& c) {
                           l.index_create[{c.table, c.index.name}] = i;
                           if (auto key = key_of(c.index)) l.key_makers[c.table].push_back({*key, i});
                           relation(l.relation_create, c.table, c.index.name);
                       },
                       [&](const DropIndex& c) {
                           l.index_drop[{c.table, c.index.name}] = i;
                           if (auto key = key_of(c.index)) l.key_breakers[c.table].push_back({*key, i});
                           relation(l.relation_drop, c.table, c.index.name);
                       },
                       [&](const ReplaceIndex& c) {
                           l.index_create[{c.table, c.to.name}] = i;
                           if (auto key = key_of(c.from)) l.key_breakers[c.table].push_back({*key, i});
                           if (auto key = key_of(c.to)) l.key_makers[c.table].push_back({*key, i});
                       },
                       [](const SetComment&) {},
                   },
                   changes[i]);
    }
    return l;
}

template <typename Map, typename Key>
void edge_from(Graph& g, const Map& map, const Key& key, std::size_t to) {
    if (auto it = map.find(key); it != map.end()) g.add_edge(it->second, to);
}
template <typename Map, typename Key>
void edge_to(Graph& g, std::size_t from, const Map& map, const Key& key) {
    if (auto it = map.find(key); it != map.end()) g.add_edge(from, it->second);
}
template <typename Map, typename Key>
void edges_from_all(Graph& g, const Map& map, const Key& key, std::size_t to) {
    if (auto it = map.find(key); it != map.end()) {
        for (std::size_t from : it->second) g.add_edge(from, to);
    }
}

// The table a change acts on, for changes that act on a table's members.
std::optional<QualifiedName> table_of(const Change& change) {
    if (std::holds_alternative<CreateTable>(change) || std::holds_alternative<DropTable>(change)) return std::nullopt;
    ObjectId ref = object_of(change);
    switch (ref.kind) {
        case ObjectKind::table:
        case ObjectKind::column:
        case ObjectKind::constraint:
        case ObjectKind::index:
            return ref.qualified();
        default:
            return std::nullopt;
    }
}

// A column type that names an enum needs the enum (and its new values)
// first; one that stops naming it must go before the enum is dropped.
void type_edges(Graph& g, const Lookup& l, std::size_t node, const std::string& type, bool uses) {
    auto named = named_type(type);
    if (!named) return;
    if (uses) {
        edges_from_all(g, l.enum_makers, *named, node);
    } else {
        edge_to(g, node, l.drop_enum, *named);
    }
}

// A default drawing from another column's serial sequence needs the change
// that creates that sequence first.
void sequence_edges(Graph& g, const Lookup& l, std::size_t node, const std::optional<std::string>& default_expr) {
    for (const auto& sequence : sequences_used(default_expr)) {
        if (auto it = l.sequence_makers.find(sequence); it != l.sequence_makers.end() && it->second != node)
            g.add_edge(it->second, node);
    }
}

// A foreign key being added needs its referenced table, the referenced
// columns with their final types, and the unique key it points at.
void fk_add_edges(Graph& g, const Lookup& l, std::size_t node, const catalog::ForeignKey& fk) {
    edge_from(g, l.create_table, fk.table, node);
    for (const auto& column : fk.columns) {
        edge_from(g, l.add_column, MemberId{fk.table, column}, node);
        if (auto it = l.alters.find({fk.table, column}); it != l.alters.end()) {
            for (std::size_t alter : it->second) g.add_edge(alter, node);
        }
    }
    KeyColumns wanted = key_columns(fk.columns);
    if (auto it = l.key_makers.find(fk.table); it != l.key_makers.end()) {
        for (const auto& [columns, maker] : it->second) {
            if (columns == wanted) g.add_edge(maker, node);
        }
    }
    // A foreign key binds to the first unique index on its columns that it
    // finds; while an old key that is about to go still exists it may be
    // that one, and then the old key cannot be dropped. So the old key goes
    // first.
    if (auto it = l.key_breakers.find(fk.table); it != l.key_breakers.end()) {
        for (const auto& [columns, breaker] : it->second) {
            if (columns == wanted && breaker != node) g.add_edge(breaker, node);
        }
    }
}

// A foreign key still in place blocks dropping the referenced table, its
// referenced columns and the key it points at (PostgreSQL would need
// CASCADE), so it goes first.
void fk_drop_edges(Graph& g, const Lookup& l, std::size_t node, const QualifiedName& own_table,
                   const catalog::ForeignKey& fk) {
    if (fk.table != own_table) edge_to(g, node, l.drop_table, fk.table);
    for (const auto& column : fk.columns) edge_to(g, node, l.drop_column, MemberId{fk.table, column});
    KeyColumns wanted = key_columns(fk.columns);
    if (auto it = l.key_breakers.find(fk.table); it != l.key_breakers.end()) {
        for (const auto& [columns, breaker] : it->second) {
            if (columns == wanted) g.add_edge(node, breaker);
        }
    }
}

// Creating a constraint or index on a column needs the column, with its new
// type; dropping one that uses a column goes before the column is dropped.
template <typename Object>
void member_edges(Graph& g, const Lookup& l, std::size_t node, const QualifiedName& table, const Object* created,
                  const Object* dropped) {
    if (created) {
        if (auto it = l.column_ready.find(table); it != l.column_ready.end()) {
            for (const auto& [column, ready] : it->second) {
                if (mentions_column(*created, column)) g.add_edge(ready, node);
            }
        }
    }
    if (dropped) {
        if (auto it = l.column_drop.find(table); it != l.column_drop.end()) {
            for (const auto& [column, drop] : it->second) {
                if (mentions_column(*dropped, column)) g.add_edge(node, drop);
            }
        }
    }
}

void relation_edges(Graph& g, const Lookup& l, std::size_t node, const QualifiedName& table, const std::string& name) {
    edges_from_all(g, l.relation_drop, MemberId{QualifiedName{table.schema, ""}, name}, node);
}

void comment_edges(Graph& g, const Lookup& l, std::size_t node, const ObjectId& target) {
    MemberId member{target.qualified(), target.member};
    switch (target.kind) {
        case ObjectKind::schema:
            break;  // schema_of() covers it
        case ObjectKind::enum_type:
            edges_from_all(g, l.enum_makers, target.qualified(), node);
            break;
        case ObjectKind::table:
            break;  // table_of() covers it
        case ObjectKind::column:
            edge_from(g, l.add_column, member, node);
            break;
        case ObjectKind::constraint:
            edge_from(g, l.constraint_create, member, node);
            break;
        case ObjectKind::index:
            edge_from(g, l.index_create, member, node);
            break;
        default:
            break;
    }
}

void change_edges(Graph& g, const Lookup& l, std::size_t i, const Change& change) {
    std::visit(overloaded{
                   [](const CreateSchema&) {},
                   [](const DropSchema&) {},
                   [](const CreateEnum&) {},
                   [](const DropEnum&) {},
                   [&](const AddEnumValue& c) {
                       // The anchor may itself be a value added by this plan.
                       if (c.before) edge_from(g, l.enum_value_added, MemberId{c.type, *c.before}, i);
                       if (c.after) edge_from(g, l.enum_value_added, MemberId{c.type, *c.after}, i);
                   },
                   [&](const CreateTable& c) {
                       for (const auto& column : c.table.columns) {
                           type_edges(g, l, i, column.type, true);
                           sequence_edges(g, l, i, column.default_expr);
                       }
                       relation_edges(g, l, i, c.table.name, c.table.name.name);
                   },
                   [](const SetLogged&) {},
                   [](const SetStorage&) {},
                   [&](const DropTable& c) {
                       for (const auto& column : c.table.columns) type_edges(g, l, i, column.type, false);
                       for (const auto& k : c.table.constraints) {
                           // Keys between two dropped tables are dropped on their own.
                           if (l.constraint_drop.count({c.table.name, k.name})) continue;
                           if (auto* fk = fk_of(k); fk && fk->table != c.table.name)
                               fk_drop_edges(g, l, i, c.table.name, *fk);
                       }
                   },
                   [&](const AddColumn& c) {
                       type_edges(g, l, i, c.column.type, true);
                       sequence_edges(g, l, i, c.column.default_expr);
                       edge_from(g, l.drop_column, MemberId{c.table, c.column.name}, i);
                   },
                   [&](const DropColumn& c) { type_edges(g, l, i, c.column.type, false); },
                   [&](const AlterColumn& c) {
                       // PostgreSQL refuses DROP NOT NULL on a primary key column.
                       if (c.what == ColumnAttribute::not_null && !c.to.not_null) {
                           if (auto it = l.pk_breakers.find(c.table); it != l.pk_breakers.end()) {
                               for (const auto& [columns, breaker] : it->second) {
                                   if (std::find(columns.begin(), columns.end(), c.to.name) != columns.end())
                                       g.add_edge(breaker, i);
                               }
                           }
                       }
                       if (c.what == ColumnAttribute::default_value) sequence_edges(g, l, i, c.to.default_expr);
                       if (c.what == ColumnAttribute::type) {
                           type_edges(g, l, i, c.to.type, true);
                           type_edges(g, l, i, c.from.type, false);
                       }
                   },
                   [&](const AddConstraint& c) {
                       member_edges<Constraint>(g, l, i, c.table, &c.constraint, nullptr);
                       edge_from(g, l.constraint_drop, MemberId{c.table, c.constraint.name}, i);
                       if (is_relation(c.constraint)) relation_edges(g, l, i, c.table, c.constraint.name);
                       if (auto* fk = fk_of(c.constraint)) fk_add_edges(g, l, i, *fk);
                   },
                   [&](const DropConstraint& c) {
                       member_edges<Constraint>(g, l, i, c.table, nullptr, &c.constraint);
                       if (auto* fk = fk_of(c.constraint)) fk_drop_edges(g, l, i, c.table, *fk);
                   },
                   [&](const ReplaceConstraint& c) {
                       member_edges<Constraint>(g, l, i, c.table, &c.to, &c.from);
                       if (auto* fk = fk_of(c.from)) fk_drop_edges(g, l, i, c.table, *fk);
                       if (auto* fk = fk_of(c.to)) fk_add_edges(g, l, i, *fk);
                   },
                   [&](const CreateIndex& c) {
                       member_edges<Index>(g, l, i, c.table, &c.index, nullptr);
                       relation_edges(g, l, i, c.table, c.index.name);
                   },
                   [&](const DropIndex& c) { member_edges<Index>(g, l, i, c.table, nullptr, &c.index); },
                   [&](const ReplaceIndex& c) { member_edges<Index>(g, l, i, c.table, &c.to, &c.from); },
                   [&](const SetComment& c) { comment_edges(g, l, i, c.target); },
               },
               change);
}

}  // namespace

// Several ALTER COLUMNs on one column must run in an order PostgreSQL
// accepts: an identity column cannot drop NOT NULL or take a default, so
// identity goes first when removed and last when added (it also needs NOT
// NULL and no default); the old default is dropped before the type changes
// (it may not cast) and the new one set after; NOT NULL is relaxed first and
// tightened last, after the default that fills it.
int alter_stage(const AlterColumn& c) {
    switch (c.what) {
        case ColumnAttribute::identity:
            return c.to.identity ? 6 : 0;
        case ColumnAttribute::not_null:
            return c.to.not_null ? 5 : 1;
        case ColumnAttribute::default_value:
            return c.to.default_expr ? 4 : 2;
        case ColumnAttribute::type:
        case ColumnAttribute::collation:
        case ColumnAttribute::generated:
            return 3;
    }
    return 3;
}

void add_dependencies(const std::vector<Change>& changes, Graph& graph) {
    Lookup l = build_lookup(changes);
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const Change& change = changes[i];
        // Everything in a schema comes after its creation and before its drop.
        std::string schema = schema_of(change);
        if (!std::holds_alternative<CreateSchema>(change)) edge_from(graph, l.create_schema, schema, i);
        if (!std::holds_alternative<DropSchema>(change)) edge_to(graph, i, l.drop_schema, schema);
        // Everything on a table comes after its creation and before its drop.
        if (auto table = table_of(change)) {
            edge_from(graph, l.create_table, *table, i);
            edge_to(graph, i, l.drop_table, *table);
        }
        change_edges(graph, l, i, change);
    }
    for (const auto& [column, nodes] : l.alters) {
        for (std::size_t a : nodes) {
            for (std::size_t b : nodes) {
                if (alter_stage(std::get<AlterColumn>(changes[a])) < alter_stage(std::get<AlterColumn>(changes[b]))) {
                    graph.add_edge(a, b);
                }
            }
        }
    }
}

}  // namespace reconcile::engine::plan_detail
