#pragma once
// The schema model: plain data shared by both readers (manifests, catalog)
// and the engine. Every list except columns and index keys is kept sorted by
// identity so that output derived from a model is deterministic.
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model/composite_type.hpp"
#include "catalog/model/domain.hpp"
#include "catalog/model/enum_type.hpp"
#include "catalog/model/extension.hpp"
#include "catalog/model/function.hpp"
#include "catalog/model/name.hpp"
#include "catalog/model/schema.hpp"
#include "catalog/model/sequence.hpp"
#include "catalog/model/table.hpp"
#include "catalog/model/unmanaged.hpp"
#include "catalog/model/view.hpp"

namespace reconcile::catalog {

struct Model {
    std::vector<Schema> schemas;  // the claimed schemas, sorted by name
    // Extensions installed in the claimed schemas, sorted by name (their
    // names are unique in a database).
    std::vector<Extension> extensions;
    std::vector<EnumType> enums;                 // sorted by name
    std::vector<Domain> domains;                 // sorted by name; checks sorted by name
    std::vector<CompositeType> composite_types;  // sorted by name
    std::vector<Sequence> sequences;             // sorted by name
    std::vector<Table> tables;                   // sorted by name
    // Functions and procedures, sorted by id() (overloads share a name).
    std::vector<Function> functions;
    std::vector<View> views;      // views and materialized views, sorted by name
    // Catalog side only: objects in claimed schemas of kinds not yet managed.
    std::vector<UnmanagedObject> unmanaged;

    bool operator==(const Model&) const = default;

    const Schema* find_schema(std::string_view name) const;
    const Extension* find_extension(std::string_view name) const;
    const EnumType* find_enum(const QualifiedName& name) const;
    const Domain* find_domain(const QualifiedName& name) const;
    const CompositeType* find_composite_type(const QualifiedName& name) const;
    const Sequence* find_sequence(const QualifiedName& name) const;
    const Table* find_table(const QualifiedName& name) const;
    Table* find_table(const QualifiedName& name);
    // REQUIRES: normalized. nullptr when absent.
    const Function* find_function(const ObjectId& id) const;
    const View* find_view(const QualifiedName& name) const;

    // Sorts every identity-keyed list. Readers call it once when done.
    void normalize();
};

}  // namespace reconcile::catalog
