#pragma once
// The schema model: plain data shared by both readers (manifests, catalog)
// and the engine. Every list except columns and index keys is kept sorted by
// identity so that output derived from a model is deterministic.
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model/aggregate.hpp"
#include "catalog/model/composite_type.hpp"
#include "catalog/model/domain.hpp"
#include "catalog/model/enum_type.hpp"
#include "catalog/model/extension.hpp"
#include "catalog/model/function.hpp"
#include "catalog/model/name.hpp"
#include "catalog/model/privilege.hpp"
#include "catalog/model/range_type.hpp"
#include "catalog/model/rename.hpp"
#include "catalog/model/role.hpp"
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
    std::vector<RangeType> range_types;          // sorted by name
    std::vector<Sequence> sequences;             // sorted by name
    std::vector<Table> tables;                   // sorted by name
    // Functions and procedures, sorted by id() (overloads share a name).
    std::vector<Function> functions;
    // Normal aggregates, sorted by id().
    std::vector<Aggregate> aggregates;
    std::vector<View> views;  // views and materialized views, sorted by name
    // Roles (cluster-wide). Catalog side: every role of the cluster but the
    // pg_* built-ins. Manifest side: the managed roles.
    std::vector<Role> roles;  // sorted by name
    // Manifest side only: roles referred to (grants, owners, memberships)
    // but never created, altered or dropped (authenticated, rds_superuser).
    std::vector<std::string> external_roles;  // sorted
    // Manifest side only: names or prefixes ending in "*" of the roles the
    // manifests claim. A claimed role no manifest declares is reported, and
    // dropped with --prune; roles outside the claim are never dropped.
    std::vector<std::string> role_claims;  // sorted
    // Catalog side: every membership of the cluster. Manifest side: those of
    // the managed roles.
    std::vector<Membership> memberships;  // sorted
    // The settings of every role, in every database and in the connected
    // one; manifest side: of the managed roles.
    std::vector<RoleSetting> role_settings;  // sorted
    // Catalog side: the ACLs of the objects in claimed schemas (and of the
    // claimed schemas), exploded, the owner's own entries left out (they
    // are owner_privileges where they are not everything). Manifest side:
    // the grants declared beside each object.
    std::vector<Grant> grants;  // sorted
    // Manifest side only: objects whose PUBLIC privileges the manifests
    // state (granted, or revoked by an empty list). Elsewhere PUBLIC is not
    // managed.
    std::vector<ObjectId> public_stated;  // sorted
    // Catalog side: every object in scope. Manifest side: those declared.
    std::vector<Ownership> owners;  // sorted
    // Objects whose owner lacks some of the privileges PostgreSQL gives an
    // owner (privilege.hpp). Catalog side: where the owner's ACL entry is
    // not acldefault's. Manifest side: "owner_privileges" beside "owner".
    std::vector<OwnerPrivileges> owner_privileges;  // sorted
    // pg_default_acl exploded; the FOR ROLE's own entries left out.
    std::vector<DefaultGrant> default_grants;  // sorted
    std::vector<PublicDefault> public_defaults;  // sorted
    // Catalog side only: objects in claimed schemas of kinds not yet managed.
    std::vector<UnmanagedObject> unmanaged;
    // Manifest side only: "renamed_from" declarations (rename.hpp), sorted.
    std::vector<Rename> renames;

    bool operator==(const Model&) const = default;

    const Schema* find_schema(std::string_view name) const;
    const Extension* find_extension(std::string_view name) const;
    const EnumType* find_enum(const QualifiedName& name) const;
    const Domain* find_domain(const QualifiedName& name) const;
    const CompositeType* find_composite_type(const QualifiedName& name) const;
    const RangeType* find_range_type(const QualifiedName& name) const;
    const Sequence* find_sequence(const QualifiedName& name) const;
    const Table* find_table(const QualifiedName& name) const;
    Table* find_table(const QualifiedName& name);
    // REQUIRES: normalized. nullptr when absent.
    const Function* find_function(const ObjectId& id) const;
    // REQUIRES: normalized. nullptr when absent.
    const Aggregate* find_aggregate(const ObjectId& id) const;
    const View* find_view(const QualifiedName& name) const;
    const Role* find_role(std::string_view name) const;
    bool is_external_role(std::string_view name) const;
    bool is_claimed_role(std::string_view name) const;

    // Sorts every identity-keyed list. Readers call it once when done.
    void normalize();
};

}  // namespace reconcile::catalog
