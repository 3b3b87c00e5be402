#include "catalog/model/model.hpp"

#include <algorithm>

namespace reconcile::catalog {

std::string display(const QualifiedName& name) {
    return name.schema + "." + name.name;
}

bool Column::operator==(const Column& other) const {
    // using_expr is an instruction for a type change, not part of the state.
    return name == other.name && type == other.type && not_null == other.not_null &&
           default_expr == other.default_expr && identity == other.identity && generated == other.generated &&
           serial == other.serial && collation == other.collation && comment == other.comment && tuning == other.tuning;
}

std::string default_sequence_name(std::string_view table, std::string_view column) {
    std::string out;
    out.reserve(table.size() + column.size() + 5);
    out.append(table).append("_").append(column).append("_seq");
    return out;
}

std::string identity_sequence_name(std::string_view table, const Column& column) {
    if (column.identity && column.identity->sequence_name) return *column.identity->sequence_name;
    return default_sequence_name(table, column.name);
}

namespace {

template <typename Range, typename Key, typename Proj>
auto find_sorted(Range& range, const Key& key, Proj proj) -> decltype(&*range.begin()) {
    auto it = std::lower_bound(range.begin(), range.end(), key,
                               [&](const auto& item, const Key& k) { return proj(item) < k; });
    if (it == range.end() || !(proj(*it) == key)) return nullptr;
    return &*it;
}

template <typename Range, typename Key, typename Proj>
auto find_linear(Range& range, const Key& key, Proj proj) -> decltype(&*range.begin()) {
    auto it = std::find_if(range.begin(), range.end(), [&](const auto& item) { return proj(item) == key; });
    return it == range.end() ? nullptr : &*it;
}

}  // namespace

const Column* Table::find_column(std::string_view column) const {
    return find_linear(columns, column, [](const Column& c) { return std::string_view(c.name); });
}

const Constraint* Table::find_constraint(std::string_view constraint) const {
    return find_linear(constraints, constraint, [](const Constraint& c) { return std::string_view(c.name); });
}

const Index* Table::find_index(std::string_view index) const {
    return find_linear(indexes, index, [](const Index& i) { return std::string_view(i.name); });
}

const Trigger* Table::find_trigger(std::string_view trigger) const {
    return find_linear(triggers, trigger, [](const Trigger& t) { return std::string_view(t.name); });
}

std::vector<std::string> Function::identity_types() const {
    std::vector<std::string> out;
    for (const auto& argument : arguments) {
        if (argument.mode != ArgumentMode::out) out.push_back(argument.type);
    }
    return out;
}

const Policy* Table::find_policy(std::string_view policy) const {
    return find_linear(policies, policy, [](const Policy& p) { return std::string_view(p.name); });
}

const Constraint* Table::primary_key() const {
    auto it = std::find_if(constraints.begin(), constraints.end(),
                           [](const Constraint& c) { return c.kind == ConstraintKind::primary_key; });
    return it == constraints.end() ? nullptr : &*it;
}

const Schema* Model::find_schema(std::string_view name) const {
    return find_sorted(schemas, name, [](const Schema& s) { return std::string_view(s.name); });
}

const Extension* Model::find_extension(std::string_view name) const {
    return find_sorted(extensions, name, [](const Extension& e) { return std::string_view(e.name); });
}

const EnumType* Model::find_enum(const QualifiedName& name) const {
    return find_sorted(enums, name, [](const EnumType& e) -> const QualifiedName& { return e.name; });
}

const Domain* Model::find_domain(const QualifiedName& name) const {
    return find_sorted(domains, name, [](const Domain& d) -> const QualifiedName& { return d.name; });
}

const CompositeType* Model::find_composite_type(const QualifiedName& name) const {
    return find_sorted(composite_types, name, [](const CompositeType& t) -> const QualifiedName& { return t.name; });
}

const RangeType* Model::find_range_type(const QualifiedName& name) const {
    return find_sorted(range_types, name, [](const RangeType& t) -> const QualifiedName& { return t.name; });
}

const Sequence* Model::find_sequence(const QualifiedName& name) const {
    return find_sorted(sequences, name, [](const Sequence& s) -> const QualifiedName& { return s.name; });
}

const Table* Model::find_table(const QualifiedName& name) const {
    return find_sorted(tables, name, [](const Table& t) -> const QualifiedName& { return t.name; });
}

Table* Model::find_table(const QualifiedName& name) {
    return find_sorted(tables, name, [](const Table& t) -> const QualifiedName& { return t.name; });
}

const Function* Model::find_function(const ObjectId& id) const {
    return find_sorted(functions, id, [](const Function& f) { return f.id(); });
}

const Aggregate* Model::find_aggregate(const ObjectId& id) const {
    return find_sorted(aggregates, id, [](const Aggregate& a) { return a.id(); });
}

const View* Model::find_view(const QualifiedName& name) const {
    return find_sorted(views, name, [](const View& v) -> const QualifiedName& { return v.name; });
}

bool View::same_state(const View& other) const {
    View a = *this, b = other;
    a.uses.clear();
    b.uses.clear();
    return a == b;
}

const Role* Model::find_role(std::string_view name) const {
    return find_sorted(roles, name, [](const Role& r) { return std::string_view(r.name); });
}

bool Model::is_external_role(std::string_view name) const {
    return std::binary_search(external_roles.begin(), external_roles.end(), name);
}

bool Model::is_claimed_role(std::string_view name) const {
    return std::any_of(role_claims.begin(), role_claims.end(), [&](const std::string& claim) {
        if (!claim.empty() && claim.back() == '*') {
            return name.substr(0, claim.size() - 1) == std::string_view(claim).substr(0, claim.size() - 1);
        }
        return name == claim;
    });
}

void Model::normalize() {
    std::sort(schemas.begin(), schemas.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    std::sort(extensions.begin(), extensions.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    std::sort(enums.begin(), enums.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    std::sort(domains.begin(), domains.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    for (auto& domain : domains) {
        std::sort(domain.checks.begin(), domain.checks.end(),
                  [](const auto& a, const auto& b) { return a.name < b.name; });
    }
    std::sort(composite_types.begin(), composite_types.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    std::sort(range_types.begin(), range_types.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    std::sort(sequences.begin(), sequences.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    std::sort(tables.begin(), tables.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    for (auto& table : tables) {
        std::sort(table.storage.begin(), table.storage.end());
        for (auto& index : table.indexes) std::sort(index.storage.begin(), index.storage.end());
        for (auto& column : table.columns) std::sort(column.tuning.options.begin(), column.tuning.options.end());
        std::sort(table.constraints.begin(), table.constraints.end(),
                  [](const auto& a, const auto& b) { return a.name < b.name; });
        std::sort(table.indexes.begin(), table.indexes.end(),
                  [](const auto& a, const auto& b) { return a.name < b.name; });
        std::sort(table.triggers.begin(), table.triggers.end(),
                  [](const auto& a, const auto& b) { return a.name < b.name; });
        std::sort(table.policies.begin(), table.policies.end(),
                  [](const auto& a, const auto& b) { return a.name < b.name; });
        for (auto& policy : table.policies) std::sort(policy.roles.begin(), policy.roles.end());
        std::sort(table.inherited_columns.begin(), table.inherited_columns.end(),
                  [](const auto& a, const auto& b) { return a.name < b.name; });
    }
    std::sort(views.begin(), views.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    for (auto& view : views) {
        std::sort(view.storage.begin(), view.storage.end());
        for (auto& index : view.indexes) std::sort(index.storage.begin(), index.storage.end());
        std::sort(view.indexes.begin(), view.indexes.end(),
                  [](const auto& a, const auto& b) { return a.name < b.name; });
        std::sort(view.triggers.begin(), view.triggers.end(),
                  [](const auto& a, const auto& b) { return a.name < b.name; });
        std::sort(view.uses.begin(), view.uses.end());
        view.uses.erase(std::unique(view.uses.begin(), view.uses.end()), view.uses.end());
    }
    std::sort(functions.begin(), functions.end(), [](const auto& a, const auto& b) { return a.id() < b.id(); });
    for (auto& function : functions) std::sort(function.config.begin(), function.config.end());
    std::sort(aggregates.begin(), aggregates.end(), [](const auto& a, const auto& b) { return a.id() < b.id(); });
    std::sort(unmanaged.begin(), unmanaged.end());
    std::sort(roles.begin(), roles.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    std::sort(external_roles.begin(), external_roles.end());
    std::sort(role_claims.begin(), role_claims.end());
    std::sort(memberships.begin(), memberships.end());
    std::sort(role_settings.begin(), role_settings.end());
    std::sort(grants.begin(), grants.end());
    std::sort(public_stated.begin(), public_stated.end());
    std::sort(owners.begin(), owners.end());
    std::sort(owner_privileges.begin(), owner_privileges.end());
    std::sort(default_grants.begin(), default_grants.end());
    std::sort(public_defaults.begin(), public_defaults.end());
    std::sort(renames.begin(), renames.end());
}

}  // namespace reconcile::catalog
