#include "engine/plan/planner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <tuple>

#include "engine/plan/plan_internal.hpp"
#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine {

namespace plan_detail {

namespace {

// Priority classes only break ties between changes that are free to run;
// the dependency edges decide everything else. Each kind's class is in its
// rules file (rules/<kind>.cpp); together they give the familiar reading
// order: schemas, types, tables, columns, keys, foreign keys, indexes,
// comments; then drops in reverse.
int priority_class(const Change& change) {
    return std::visit([](const auto& c) { return priority_of(c); }, change);
}

struct SortKey {
    int priority;
    ObjectId object;
    std::size_t kind;
    int stage;
    std::string detail;

    bool operator<(const SortKey& o) const {
        return std::tie(priority, object, kind, stage, detail) <
               std::tie(o.priority, o.object, o.kind, o.stage, o.detail);
    }
};

SortKey sort_key(const Change& change) {
    SortKey key{priority_class(change), object_of(change), change.index(), 0, {}};
    if (const auto* alter = std::get_if<AlterColumn>(&change)) key.stage = alter_stage(*alter);
    if (const auto* add = std::get_if<AddEnumValue>(&change)) key.detail = add->value;
    // New columns of one table tie, so they keep the order the diff gives
    // them: the manifest's column order, which is the table's column order.
    if (std::holds_alternative<AddColumn>(change)) key.object.member.clear();
    return key;
}

// rank[i]: position of change i when sorted by its key alone. Equal keys
// (which a well-formed diff never produces) fall back to input order.
std::vector<std::size_t> ranks(const std::vector<Change>& changes) {
    std::vector<SortKey> keys;
    keys.reserve(changes.size());
    for (const Change& change : changes) keys.push_back(sort_key(change));
    std::vector<std::size_t> by_key(changes.size());
    std::iota(by_key.begin(), by_key.end(), 0);
    std::stable_sort(by_key.begin(), by_key.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
    std::vector<std::size_t> rank(changes.size());
    for (std::size_t position = 0; position < by_key.size(); ++position) rank[by_key[position]] = position;
    return rank;
}

[[noreturn]] void report_cycle(const std::vector<Change>& changes, const std::vector<std::size_t>& cycle) {
    std::vector<std::string> names;
    for (std::size_t node : cycle) names.push_back(describe_node(changes[node]));
    names.push_back(describe_node(changes[cycle.front()]));
    throw PlanError(fmt::format("cannot order the plan: these changes depend on each other in a cycle: {}",
                                fmt::join(names, " -> ")));
}

HazardContext hazard_context(const std::vector<Change>& changes) {
    HazardContext ctx;
    for (const Change& change : changes) {
        if (const auto* create = std::get_if<CreateTable>(&change)) {
            ctx.created_tables.insert(create->table.name);
            // A serial column's sequence comes with its table.
            for (const auto& column : create->table.columns) {
                if (auto sequence = serial_sequence(create->table.name, column)) ctx.new_objects.insert(*sequence);
            }
        }
        // A view created in the plan takes its indexes (a materialized
        // view's) and triggers as a new table does: nobody is using it yet.
        if (const auto* view = std::get_if<CreateView>(&change)) ctx.created_tables.insert(view->view.name);
        if (const auto* add = std::get_if<AddColumn>(&change)) {
            ctx.added_columns.insert({add->table, add->column.name});
            if (auto sequence = serial_sequence(add->table, add->column)) ctx.new_objects.insert(*sequence);
        }
    }
    // Kinds are named by what they do ("create_view", "add_column",
    // "drop_function"), which is all this needs to know of them.
    std::set<ObjectId> dropped;
    for (const Change& change : changes) {
        const std::string kind = kind_name(change);
        if (kind.starts_with("create_") || kind == "add_column") ctx.new_objects.insert(object_of(change));
        if (kind.starts_with("drop_")) dropped.insert(object_of(change));
    }
    for (const auto& id : dropped) ctx.new_objects.erase(id);
    return ctx;
}

}  // namespace

}  // namespace plan_detail

Plan make_plan(DiffResult diff, const PlanOptions& options) {
    using namespace plan_detail;
    std::vector<Change>& changes = diff.changes;

    Graph graph(changes.size());
    add_dependencies(changes, graph);
    std::vector<std::size_t> cycle;
    std::vector<std::size_t> order = topological_order(graph, ranks(changes), cycle);
    if (!cycle.empty()) report_cycle(changes, cycle);

    HazardContext context = hazard_context(changes);
    Plan plan;
    plan.steps.reserve(order.size());
    for (std::size_t node : order) {
        Step step;
        step.hazards = hazards_of(changes[node], context);
        // ALTER TYPE ... ADD VALUE may run in a transaction block, but the
        // new value cannot be used (in a default, a check, a row) until that
        // transaction commits, so it commits on its own, before the steps
        // that may use it. Everything else shares the apply transaction.
        step.transactional =
            std::holds_alternative<AddEnumValue>(changes[node]) ? Transactional::no : Transactional::yes;
        if (step.transactional == Transactional::no) {
            step.hazards.push_back(Hazard::not_transactional);
            std::sort(step.hazards.begin(), step.hazards.end());
        }
        if (options.allow_destructive == AllowDestructive::no) step.refused = refusal_of(changes[node], context);
        step.change = std::move(changes[node]);
        plan.steps.push_back(std::move(step));
    }
    if (options.online == Online::yes) plan_detail::run_online(plan);
    plan.not_in_manifests = std::move(diff.not_in_manifests);
    plan.not_managed = std::move(diff.not_managed);
    plan.possible_renames = std::move(diff.possible_renames);
    std::sort(plan.not_in_manifests.begin(), plan.not_in_manifests.end());
    return plan;
}

}  // namespace reconcile::engine
