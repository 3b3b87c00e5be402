// --online (planner.hpp, Online): on tables that exist before the plan, the
// steps that would hold a lock while reading every row are split so the
// reading happens without blocking reads and writes:
// - index builds and drops run CONCURRENTLY, each committing on its own;
// - checks and foreign keys are added NOT VALID (a brief lock, no scan) and
//   validated by a later step in a transaction of its own;
// - a primary key or unique constraint takes a unique index built
//   CONCURRENTLY (ADD CONSTRAINT ... USING INDEX), at the very end, and the
//   foreign keys that need it follow it.
// The rewritten steps go after the transactional part, validations first, so
// a failure there leaves the rest of the plan committed, not split around it.
#include <algorithm>
#include <set>
#include <utility>

#include "catalog/model/identifier.hpp"
#include "engine/plan/plan_internal.hpp"

namespace reconcile::engine::plan_detail {

namespace {

// Another step of the plan uses the index's name (a key or index of that
// name dropped or created in the same schema): the plan orders them, so the
// index stays where it is, in the transaction.
bool name_shared(const Plan& plan, std::size_t index, const std::string& schema, const std::string& name) {
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        if (i == index) continue;
        ObjectId other = object_of(plan.steps[i].change);
        if (other.schema == schema && (other.member == name || (other.member.empty() && other.name == name))) {
            return true;
        }
    }
    return false;
}

// The plan drops a column of the index's table: PostgreSQL drops an index
// with any column it uses, so moved after the transaction the index would
// be gone already ("index does not exist", found on pgschema's online
// pairs). The column's drop locks the table anyway, so the index is dropped
// in the transaction, before it.
bool loses_a_column(const Plan& plan, const QualifiedName& table) {
    return std::any_of(plan.steps.begin(), plan.steps.end(), [&](const Step& step) {
        const auto* drop = std::get_if<DropColumn>(&step.change);
        return drop && drop->table == table;
    });
}

// A foreign key added in the transactional part may need a unique index on
// the table it references; built CONCURRENTLY at the end, it would not exist
// yet when the key is added.
bool referenced_by_new_key(const Plan& plan, const QualifiedName& table) {
    return std::any_of(plan.steps.begin(), plan.steps.end(), [&](const Step& step) {
        const auto* add = std::get_if<AddConstraint>(&step.change);
        return add && add->constraint.references && add->constraint.references->table == table;
    });
}

// Only checks and foreign keys can be NOT VALID. A key or an exclusion
// constraint builds its index inside ALTER TABLE and has no later VALIDATE
// (nor, for an exclusion constraint, ADD ... USING INDEX): it stays in the
// transaction with the hazards of the build.
// A check or key on a column this plan adds to an existing table is split
// too: the rows are there, and PostgreSQL reads every one of them to prove
// the constraint (it does not know the new column holds only its default or
// NULL), in ADD CONSTRAINT under the ALTER TABLE lock as much as in VALIDATE
// without it. Only a table this plan creates has no rows to read.
bool validated_later(const Constraint& constraint, bool partitioned, bool new_table) {
    using catalog::ConstraintKind;
    bool can_skip_rows = constraint.kind == ConstraintKind::check || constraint.kind == ConstraintKind::foreign_key;
    return can_skip_rows && !constraint.not_valid && !partitioned && !new_table;
}

// The ADD ... NOT VALID step's own lock: a check's ALTER TABLE takes ACCESS
// EXCLUSIVE, a foreign key SHARE ROW EXCLUSIVE on both tables; neither reads
// the rows.
std::vector<Hazard> adding_not_valid(const Constraint& constraint) {
    return {constraint.kind == catalog::ConstraintKind::foreign_key ? Hazard::acquires_share_lock
                                                                    : Hazard::acquires_access_exclusive_lock};
}

Step validation_of(const QualifiedName& table, const Constraint& constraint) {
    Step step;
    step.change = ValidateConstraint{table, constraint};
    step.hazards = {Hazard::full_table_scan, Hazard::correctness};
    step.own_transaction = true;
    return step;
}

// A step written here, which runs in the transaction of the steps around it.
Step joining(Change change, std::vector<Hazard> hazards) {
    Step step;
    step.change = std::move(change);
    step.hazards = std::move(hazards);
    return step;
}

// One that runs in a transaction of its own (Step::own_transaction).
Step alone(Change change, std::vector<Hazard> hazards) {
    Step step = joining(std::move(change), std::move(hazards));
    step.own_transaction = true;
    return step;
}

bool is_primary_key(const Constraint& constraint) {
    return constraint.kind == catalog::ConstraintKind::primary_key;
}

// A primary key or unique constraint added to a table that exists can take
// a unique index built CONCURRENTLY (ADD CONSTRAINT ... USING INDEX: a brief
// ACCESS EXCLUSIVE lock, no row read; deferrable keys too). Not where:
// - the table is partitioned: PostgreSQL has neither CONCURRENTLY nor
//   USING INDEX there;
// - another step of the plan names the key (its comment, a rename), except
//   an index of that name dropped from the same table: one left INVALID by
//   a build that was killed, or valid by a key that was never attached.
//   That index is dropped CONCURRENTLY and built again;
// - the plan drops or replaces a primary key of the table: the old key
//   would be gone, its uniqueness unenforced, for the whole build.
bool key_from_concurrent_index(const Plan& plan, std::size_t index, const AddConstraint& add, bool new_table) {
    const Constraint& key = add.constraint;
    if (key.kind != catalog::ConstraintKind::primary_key && key.kind != catalog::ConstraintKind::unique) return false;
    if (new_table || add.partitioned) return false;
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        if (i == index) continue;
        const Change& other = plan.steps[i].change;
        if (const auto* drop = std::get_if<DropIndex>(&other); drop && drop->table == add.table) {
            if (drop->index.name == key.name) continue;
        }
        ObjectId id = object_of(other);
        if (id.schema == add.table.schema && (id.member == key.name || (id.member.empty() && id.name == key.name))) {
            return false;
        }
        if (!is_primary_key(key)) continue;
        const Constraint* old = nullptr;
        if (const auto* drop = std::get_if<DropConstraint>(&other); drop && drop->table == add.table) {
            old = &drop->constraint;
        }
        if (const auto* replace = std::get_if<ReplaceConstraint>(&other); replace && replace->table == add.table) {
            old = &replace->from;
        }
        if (old && is_primary_key(*old)) return false;
    }
    return true;
}

// The index ADD CONSTRAINT ... USING INDEX accepts: unique, btree, plain
// columns with their default operator class, collation and order, named as
// the key (the server would otherwise rename it).
Index key_index(const Constraint& key) {
    Index index;
    index.name = key.name;
    index.unique = true;
    index.nulls_not_distinct = key.nulls_not_distinct;
    for (const auto& column : key.columns) index.keys.push_back(catalog::IndexKey{.column = column});
    return index;
}

// SET NOT NULL reads every row under ACCESS EXCLUSIVE, unless a validated
// CHECK (column IS NOT NULL) already proves there is no NULL; then it only
// looks at the catalog. Left in place when another step of the plan touches
// the column (its type, identity or a new primary key on it need NOT NULL in
// the transaction) or the table is partitioned. A primary key built from a
// concurrent index comes after the SET NOT NULL steps, so it does not count.
bool proven_not_null_later(const Plan& plan, std::size_t index, const AlterColumn& alter, bool new_table) {
    if (alter.what != ColumnAttribute::not_null || !alter.to.not_null || new_table || alter.partitioned) return false;
    const ObjectId column = alter.object();
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        if (i == index) continue;
        const Change& other = plan.steps[i].change;
        if (object_of(other) == column) return false;
        const Constraint* key = nullptr;
        if (const auto* add = std::get_if<AddConstraint>(&other);
            add && !key_from_concurrent_index(plan, i, *add, false)) {
            key = &add->constraint;
        }
        if (const auto* replace = std::get_if<ReplaceConstraint>(&other)) key = &replace->to;
        if (key && key->kind == catalog::ConstraintKind::primary_key && object_of(other).schema == column.schema &&
            object_of(other).name == column.name) {
            return false;
        }
    }
    return true;
}

// Named for the column, never declared: a plan that stops half-way leaves it
// visible, and the next plan drops it.
Constraint not_null_check(const std::string& column) {
    Constraint check;
    check.name = catalog::truncate_identifier("reconcile_not_null_" + column);
    check.kind = catalog::ConstraintKind::check;
    check.expression = catalog::quote_identifier(column) + " IS NOT NULL";
    return check;
}

}  // namespace

void run_online(Plan& plan) {
    std::set<QualifiedName> created;
    for (const auto& step : plan.steps) {
        if (const auto* create = std::get_if<CreateTable>(&step.change)) created.insert(create->table.name);
    }
    // Keys from a concurrent index, the tables they are on, and the indexes
    // of their names dropped to be built again.
    std::set<std::size_t> keys_from_index;
    std::set<QualifiedName> keyed_tables;
    std::set<std::pair<QualifiedName, std::string>> key_names;
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        const auto* add = std::get_if<AddConstraint>(&plan.steps[i].change);
        if (add && key_from_concurrent_index(plan, i, *add, created.count(add->table) > 0)) {
            keys_from_index.insert(i);
            keyed_tables.insert(add->table);
            key_names.emplace(add->table, add->constraint.name);
        }
    }
    auto needs_new_key = [&](const Constraint& constraint) {
        return constraint.references && keyed_tables.count(constraint.references->table) > 0;
    };
    std::vector<Step> in_transaction, validations, after_validations, concurrent, key_drops, keys, after_keys,
        after_keys_validations;
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        auto& step = plan.steps[i];
        // A foreign key to a table whose key is attached at the end needs
        // that key's index: it follows the keys, NOT VALID and validated as
        // below where it can be.
        std::vector<Step>* added = &in_transaction;
        std::vector<Step>* validated = &validations;
        const auto* new_key = std::get_if<AddConstraint>(&step.change);
        const auto* changed_key = std::get_if<ReplaceConstraint>(&step.change);
        if ((new_key && needs_new_key(new_key->constraint)) || (changed_key && needs_new_key(changed_key->to))) {
            added = &after_keys;
            validated = &after_keys_validations;
        }
        if (keys_from_index.count(i)) {
            // CREATE UNIQUE INDEX CONCURRENTLY reads the table without
            // blocking writes (and fails on a duplicate, see its guard);
            // the ALTER TABLE then only records the constraint.
            auto& add = std::get<AddConstraint>(step.change);
            Step build = joining(CreateIndex{add.table, key_index(add.constraint), true, false},
                                 {Hazard::index_build, Hazard::not_transactional, Hazard::correctness});
            build.transactional = Transactional::no;
            keys.push_back(std::move(build));
            add.using_index = true;
            step.hazards = {Hazard::acquires_access_exclusive_lock};
            step.own_transaction = true;
            keys.push_back(std::move(step));
            continue;
        }
        if (const auto* drop = std::get_if<DropIndex>(&step.change);
            drop && key_names.count({drop->table, drop->index.name}) && !loses_a_column(plan, drop->table)) {
            auto& taken = std::get<DropIndex>(step.change);
            taken.concurrently = !taken.partitioned;
            step.hazards = {Hazard::index_dropped, Hazard::not_transactional};
            step.transactional = Transactional::no;
            key_drops.push_back(std::move(step));
            continue;
        }
        // CONCURRENTLY takes SHARE UPDATE EXCLUSIVE: reads and writes go on,
        // only schema changes and other builds wait. It cannot run in a
        // transaction block, so the step commits on its own.
        if (auto* create = std::get_if<CreateIndex>(&step.change);
            create && !created.count(create->table) && !create->partitioned &&
            !name_shared(plan, i, create->table.schema, create->index.name) &&
            !(create->index.unique && referenced_by_new_key(plan, create->table))) {
            create->concurrently = true;
            step.hazards = {Hazard::index_build, Hazard::not_transactional};
            step.transactional = Transactional::no;
            concurrent.push_back(std::move(step));
        } else if (auto* drop = std::get_if<DropIndex>(&step.change);
                   drop && !drop->partitioned && !name_shared(plan, i, drop->table.schema, drop->index.name) &&
                   !loses_a_column(plan, drop->table)) {
            drop->concurrently = true;
            step.hazards = {Hazard::index_dropped, Hazard::not_transactional};
            step.transactional = Transactional::no;
            concurrent.push_back(std::move(step));
        } else if (auto* add = std::get_if<AddConstraint>(&step.change);
                   add && validated_later(add->constraint, add->partitioned, created.count(add->table) > 0)) {
            validated->push_back(validation_of(add->table, add->constraint));
            add->constraint.not_valid = true;
            step.hazards = adding_not_valid(add->constraint);
            added->push_back(std::move(step));
        } else if (auto* replace = std::get_if<ReplaceConstraint>(&step.change);
                   replace && validated_later(replace->to, replace->partitioned, false)) {
            // One ALTER TABLE drops the old definition and adds the new one
            // NOT VALID, so no moment goes unchecked for new rows.
            validated->push_back(validation_of(replace->table, replace->to));
            replace->to.not_valid = true;
            step.hazards = {Hazard::acquires_access_exclusive_lock};
            if (backed_by_index(replace->from)) step.hazards.push_back(Hazard::index_dropped);
            added->push_back(std::move(step));
        } else if (auto* alter = std::get_if<AlterColumn>(&step.change);
                   alter && proven_not_null_later(plan, i, *alter, created.count(alter->table) > 0)) {
            Constraint check = not_null_check(alter->to.name);
            validations.push_back(validation_of(alter->table, check));
            Constraint unchecked = check;
            unchecked.not_valid = true;
            in_transaction.push_back(
                joining(AddConstraint{alter->table, unchecked}, {Hazard::acquires_access_exclusive_lock}));
            QualifiedName table = alter->table;
            step.hazards = {Hazard::acquires_access_exclusive_lock};
            step.own_transaction = true;
            after_validations.push_back(std::move(step));
            after_validations.push_back(alone(DropConstraint{table, check}, {Hazard::acquires_access_exclusive_lock}));
        } else {
            added->push_back(std::move(step));
        }
    }
    plan.steps = std::move(in_transaction);
    for (auto* part :
         {&validations, &after_validations, &concurrent, &key_drops, &keys, &after_keys, &after_keys_validations}) {
        for (auto& step : *part) plan.steps.push_back(std::move(step));
    }
}

}  // namespace reconcile::engine::plan_detail
