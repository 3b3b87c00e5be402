#include "engine/apply/lock_order.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "engine/render/sql_writer.hpp"

namespace reconcile::engine {

namespace {

std::optional<TableLockMode> mode_of(const Step& step) {
    auto has = [&](Hazard hazard) {
        return std::find(step.hazards.begin(), step.hazards.end(), hazard) != step.hazards.end();
    };
    if (has(Hazard::acquires_access_exclusive_lock)) return TableLockMode::access_exclusive;
    if (has(Hazard::acquires_share_lock)) return TableLockMode::share_row_exclusive;
    return std::nullopt;
}

// The tables that the foreign keys a step adds, drops or replaces
// reference, with the lock each takes there: adding a key takes SHARE ROW
// EXCLUSIVE, dropping one (also as half of a replacement) ACCESS EXCLUSIVE,
// as it removes the key's triggers from that table.
struct ReferencedLock {
    QualifiedName table;
    TableLockMode mode;
};
std::vector<ReferencedLock> referenced_tables(const Change& change) {
    std::vector<ReferencedLock> out;
    auto add = [&](const Constraint& constraint, TableLockMode mode) {
        if (constraint.references) out.push_back({constraint.references->table, mode});
    };
    std::visit(overloaded{[&](const AddConstraint& c) { add(c.constraint, TableLockMode::share_row_exclusive); },
                          [&](const DropConstraint& c) { add(c.constraint, TableLockMode::access_exclusive); },
                          [&](const ReplaceConstraint& c) {
                              add(c.from, TableLockMode::access_exclusive);
                              add(c.to, TableLockMode::share_row_exclusive);
                          },
                          [](const auto&) {}},
               change);
    return out;
}

}  // namespace

std::vector<TableLock> tables_to_lock(const Plan& plan, const StepGroup& group) {
    std::vector<TableLock> out;
    if (group.transactional == Transactional::no || group.steps.size() < 2) return out;
    auto add = [&](const QualifiedName& table, TableLockMode mode, std::size_t step) {
        auto found = std::find_if(out.begin(), out.end(), [&](const TableLock& lock) { return lock.table == table; });
        if (found == out.end()) {
            out.push_back({table, mode, step});
        } else {
            found->mode = std::max(found->mode, mode);
        }
    };
    for (std::size_t index : group.steps) {
        const Step& step = plan.steps[index];
        auto mode = mode_of(step);
        if (!mode) continue;
        if (auto table = table_worked_on(step.change)) add(*table, *mode, index);
        // Adding, dropping or replacing a foreign key locks the table it
        // references too.
        for (const auto& referenced : referenced_tables(step.change)) add(referenced.table, referenced.mode, index);
    }
    return out;
}

std::vector<TableReference> planned_references(const Plan& plan, const StepGroup& group) {
    std::vector<TableReference> out;
    for (std::size_t index : group.steps) {
        const Change& change = plan.steps[index].change;
        for (const auto& referenced : referenced_tables(change)) {
            out.push_back({object_of(change).qualified(), referenced.table});
        }
    }
    return out;
}

std::vector<TableLock> referencing_first(const std::vector<TableLock>& locks,
                                         const std::vector<TableReference>& references) {
    // Kahn's algorithm over "from before to", always taking the earliest
    // ready lock in the given order; what a cycle leaves follows in order.
    std::map<QualifiedName, std::size_t> position;
    for (std::size_t i = 0; i < locks.size(); ++i) position.emplace(locks[i].table, i);
    std::vector<std::vector<std::size_t>> after(locks.size());
    std::vector<std::size_t> waiting_on(locks.size(), 0);
    for (const auto& reference : references) {
        auto from = position.find(reference.from);
        auto to = position.find(reference.to);
        if (from == position.end() || to == position.end() || from->second == to->second) continue;
        after[from->second].push_back(to->second);
        ++waiting_on[to->second];
    }
    std::vector<bool> taken(locks.size(), false);
    std::vector<TableLock> out;
    while (out.size() < locks.size()) {
        std::size_t next = locks.size();
        for (std::size_t i = 0; i < locks.size() && next == locks.size(); ++i) {
            if (!taken[i] && waiting_on[i] == 0) next = i;
        }
        // A cycle: break it at its earliest member.
        for (std::size_t i = 0; i < locks.size() && next == locks.size(); ++i) {
            if (!taken[i]) next = i;
        }
        taken[next] = true;
        out.push_back(locks[next]);
        for (std::size_t to : after[next]) {
            if (waiting_on[to] > 0) --waiting_on[to];
        }
    }
    return out;
}

std::vector<TableLock> order_locks(catalog::Connection& conn, const std::vector<TableLock>& locks,
                                   const std::vector<TableReference>& planned) {
    if (locks.empty()) return {};
    std::vector<std::string> names;
    for (const auto& lock : locks) names.push_back(sql::qualified(lock.table));
    // Which of the tables exist now (a table an earlier step creates or
    // renames into place is new, and nobody else can hold it), and the
    // foreign keys between them. Names go as one parameter, never as text.
    auto rows = conn.query(
        "WITH listed AS ("
        "  SELECT n.ordinality AS position, pg_catalog.to_regclass(n.name) AS oid"
        "  FROM pg_catalog.unnest($1::pg_catalog.text[]) WITH ORDINALITY AS n(name, ordinality)) "
        "SELECT l.position, "
        "  (SELECT pg_catalog.string_agg(r.position::pg_catalog.text, ',') FROM pg_catalog.pg_constraint c"
        "   JOIN listed r ON r.oid = c.confrelid"
        "   WHERE c.contype = 'f' AND c.conrelid = l.oid AND r.oid <> l.oid) "
        "FROM listed l JOIN pg_catalog.pg_class t ON t.oid = l.oid "
        "WHERE t.relkind IN ('r', 'p') "
        "ORDER BY l.position",
        {catalog::text_array_literal(names)});
    std::vector<TableLock> existing;
    std::vector<TableReference> references = planned;
    for (auto row : rows) {
        const std::size_t position = std::stoul(std::string(row[0].value_or("0"))) - 1;
        existing.push_back(locks[position]);
        std::string referenced(row[1].value_or(""));
        for (std::size_t start = 0; start < referenced.size();) {
            std::size_t end = referenced.find(',', start);
            if (end == std::string::npos) end = referenced.size();
            references.push_back(
                {locks[position].table, locks[std::stoul(referenced.substr(start, end - start)) - 1].table});
            start = end + 1;
        }
    }
    return referencing_first(existing, references);
}

std::string lock_statement(const TableLock& lock) {
    return "LOCK TABLE ONLY " + sql::qualified(lock.table) + " IN " +
           (lock.mode == TableLockMode::access_exclusive ? "ACCESS EXCLUSIVE" : "SHARE ROW EXCLUSIVE") + " MODE";
}

}  // namespace reconcile::engine
