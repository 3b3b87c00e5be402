#pragma once
// The closed vocabulary of changes the diff produces. Never SQL text: the
// renderer turns a change into statements, the planner orders changes and
// attaches hazards. A new object kind adds alternatives here and the
// compiler then names every visitor that forgot it.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "catalog/model/model.hpp"
#include "catalog/model/object_id.hpp"

namespace reconcile::engine {

using catalog::Column;
using catalog::Constraint;
using catalog::EnumType;
using catalog::Index;
using catalog::ObjectId;
using catalog::ObjectKind;
using catalog::QualifiedName;
using catalog::Schema;
using catalog::Table;

struct CreateSchema {
    Schema schema;
};
struct DropSchema {
    Schema schema;
};

struct CreateEnum {
    EnumType type;
};
struct DropEnum {
    EnumType type;
};
// ALTER TYPE ... ADD VALUE; exactly one of before/after is set unless the
// value goes last (both empty).
struct AddEnumValue {
    QualifiedName type;
    std::string value;
    std::optional<std::string> before;
    std::optional<std::string> after;
};

// Columns plus primary key, unique and check constraints inline. Foreign
// keys and indexes arrive as their own changes so the planner can order them
// after every table they need exists.
struct CreateTable {
    Table table;
};
struct DropTable {
    Table table;
};

// ALTER TABLE ... SET UNLOGGED / SET LOGGED.
struct SetLogged {
    QualifiedName table;
    bool unlogged = false;
};

// ALTER TABLE ... SET (name=value, ...) / RESET (name, ...).
struct SetStorage {
    QualifiedName table;
    std::vector<std::string> from;
    std::vector<std::string> to;
};

struct AddColumn {
    QualifiedName table;
    Column column;
};
struct DropColumn {
    QualifiedName table;
    Column column;
};

enum class ColumnAttribute { type, not_null, default_value, identity, generated, collation };
// One attribute of a column changes from `from` to `to` (both full columns so
// the renderer and hazard rules see the context, e.g. the USING expression).
struct AlterColumn {
    QualifiedName table;
    Column from;
    Column to;
    ColumnAttribute what = ColumnAttribute::type;
};

struct AddConstraint {
    QualifiedName table;
    Constraint constraint;
};
struct DropConstraint {
    QualifiedName table;
    Constraint constraint;
};
// Same name, different definition: dropped and re-added in one statement.
struct ReplaceConstraint {
    QualifiedName table;
    Constraint from;
    Constraint to;
};

struct CreateIndex {
    QualifiedName table;
    Index index;
};
struct DropIndex {
    QualifiedName table;
    Index index;
};
struct ReplaceIndex {
    QualifiedName table;
    Index from;
    Index to;
};

// COMMENT ON <target> IS ... ; nullopt removes the comment.
struct SetComment {
    ObjectId target;
    std::optional<std::string> comment;
};

using Change = std::variant<CreateSchema, DropSchema, CreateEnum, DropEnum, AddEnumValue, CreateTable, DropTable,
                            SetLogged, SetStorage, AddColumn, DropColumn, AlterColumn, AddConstraint, DropConstraint,
                            ReplaceConstraint, CreateIndex, DropIndex, ReplaceIndex, SetComment>;

// Stable machine name of a change kind ("add_column"); used in JSON output.
std::string kind_name(const Change& change);
// The object a change is about.
ObjectId object_of(const Change& change);

template <class... Ts>
struct overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

}  // namespace reconcile::engine
