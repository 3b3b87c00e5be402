#pragma once
// The one identity of every object reconcile knows about, managed or not:
// changes, plan reports, manifest source locations, unmanaged listings,
// privileges and fingerprints all name objects by an ObjectId.
//
// Shape by kind (names unquoted, exactly as pg_catalog stores them):
//   database, role, schema, extension:  name only (schema empty)
//   event trigger, publication, foreign-data wrapper, foreign server:
//                                        name only, like the database's
//                                        other objects outside any schema
//   cast:                                name only, "(source AS target)"
//                                        with both types as format_type
//                                        prints them: a cast has no name
//   operator:                            schema + name + its two argument
//                                        types ("NONE" for the missing
//                                        one of a prefix operator)
//   schema-level objects (types, tables, views, sequences, functions...):
//                                        schema + name
//   functions, procedures, aggregates:   schema + name + argument types, as
//                                        format_type prints them; part of
//                                        the identity (overloads differ only there)
//   members of a table (column, constraint, index, trigger, policy, rule):
//                                        schema + name (the table) + member
// Indexes are schema-level relations in PostgreSQL but are named here with
// their table, as the model keeps them on the table.
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model/name.hpp"

namespace reconcile::catalog {

// Order matters: it is the first sort key of ObjectId, and plans and reports
// that tie on everything else list objects in this order. Append new kinds
// inside their group; never reorder existing ones (plans must stay
// byte-identical).
enum class ObjectKind : std::uint8_t {
    // cluster and database level
    database,
    role,
    schema,
    extension,
    cast,
    event_trigger,
    publication,
    foreign_data_wrapper,
    foreign_server,
    // types
    enum_type,
    domain,
    composite_type,
    range_type,
    collation,
    // operators, text search and encoding conversions, all schema-level
    // (reconcile lists them as not managed)
    operator_,  // "operator" is a C++ keyword
    operator_class,
    operator_family,
    text_search_configuration,
    text_search_dictionary,
    text_search_parser,
    text_search_template,
    conversion,
    // relations and their members
    sequence,
    table,
    partitioned_table,
    partition,
    foreign_table,
    column,
    constraint,
    index,
    trigger,
    policy,
    rule,
    statistics,
    view,
    materialized_view,
    // routines
    function,
    procedure,
    aggregate,
};

// Stable lower-case name: "schema", "enum", "table", "materialized view",
// "composite type"... Used in JSON output and messages; never changes for a
// kind that exists.
std::string_view kind_name(ObjectKind kind);

struct ObjectId {
    ObjectKind kind = ObjectKind::table;
    std::string schema;
    std::string name;
    std::string member;
    std::vector<std::string> arguments;

    // Total order: kind, then schema, name, member, arguments.
    auto operator<=>(const ObjectId&) const = default;
    bool operator==(const ObjectId&) const = default;

    // schema + name: the table of a member, the object itself otherwise.
    QualifiedName qualified() const { return {schema, name}; }
    // The schema the object lives in: its own name for a schema, empty for
    // cluster-level objects.
    const std::string& containing_schema() const;
};

// Stable display form, for messages and reports: "app" (schema),
// "public.jobs" (table), "public.jobs.status" (column),
// "public.write_audit(integer, text)" (function). Not SQL: names are not
// quoted, so it is not injective for names containing "." (use the value,
// not the text, as a key).
std::string display(const ObjectId& id);

// Builders, so call sites read as what they name.
ObjectId schema_id(std::string name);
ObjectId role_id(std::string name);
// A database by name. Models say database_id("") for "the database the
// command targets": a manifest serves every environment and cannot know its
// name, and two databases' grants compare equal whatever they are called.
// The pipeline names it only for the SQL (after the diff, before render).
ObjectId database_id(std::string name);
ObjectId extension_id(std::string name);
ObjectId enum_id(const QualifiedName& name);
ObjectId table_id(const QualifiedName& name);
ObjectId column_id(const QualifiedName& table, std::string column);
ObjectId constraint_id(const QualifiedName& table, std::string constraint);
ObjectId index_id(const QualifiedName& table, std::string index);
// A schema-level object of any kind: sequence, view, domain...
ObjectId object_id(ObjectKind kind, const QualifiedName& name);
// A member of a table of any kind: trigger, policy, rule...
ObjectId member_id(ObjectKind kind, const QualifiedName& table, std::string member);
// function, procedure or aggregate
ObjectId routine_id(ObjectKind kind, const QualifiedName& name, std::vector<std::string> arguments);

}  // namespace reconcile::catalog
