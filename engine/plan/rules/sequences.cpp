// Sequences come after types and before the tables whose defaults draw
// from them (add_column_needs finds nextval() in a default); OWNED BY needs
// its column, so it follows the tables.
#include <fmt/format.h>

#include "engine/plan/rules/rules.hpp"

namespace reconcile::engine::plan_detail {

int priority_of(const CreateSequence&) {
    return 2;
}
int priority_of(const AlterSequence&) {
    return 2;
}
int priority_of(const SetSequenceOwner&) {
    return 8;
}
int priority_of(const DropSequence&) {
    return 14;
}

Dependencies dependencies_of(const CreateSequence& change, const PlanContext&) {
    return {.creates = {change.object()}};
}
Dependencies dependencies_of(const DropSequence& change, const PlanContext&) {
    return {.drops = {change.object()}};
}
Dependencies dependencies_of(const AlterSequence& change, const PlanContext&) {
    return {.creates = {change.object()}};
}
// The old owner column, if dropped in this plan, would take the sequence
// along: the new owner is set first.
Dependencies dependencies_of(const SetSequenceOwner& change, const PlanContext&) {
    Dependencies out{.needs = {change.object()}};
    if (change.to) {
        out.needs.push_back(catalog::table_id(change.to->table));
        out.needs.push_back(catalog::column_id(change.to->table, change.to->column));
    }
    if (change.from) out.releases.push_back(catalog::column_id(change.from->table, change.from->column));
    return out;
}

std::vector<Hazard> hazards(const CreateSequence&, const HazardContext&) {
    return {};
}
std::vector<Hazard> hazards(const DropSequence&, const HazardContext&) {
    return {Hazard::acquires_access_exclusive_lock};
}
// AS <type> narrows the range; the server refuses when the current value
// falls outside it.
std::vector<Hazard> hazards(const AlterSequence& change, const HazardContext&) {
    if (change.from.type != change.to.type) return {Hazard::may_fail_on_existing_data};
    return {};
}
std::vector<Hazard> hazards(const SetSequenceOwner&, const HazardContext&) {
    return {};
}

std::optional<std::string> refusal(const CreateSequence&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const DropSequence& change, const HazardContext&) {
    return fmt::format("drops sequence {} and its current value; {}", catalog::display(change.sequence.name),
                       pass_allow_destructive);
}
std::optional<std::string> refusal(const AlterSequence&, const HazardContext&) {
    return std::nullopt;
}
std::optional<std::string> refusal(const SetSequenceOwner&, const HazardContext&) {
    return std::nullopt;
}

}  // namespace reconcile::engine::plan_detail
