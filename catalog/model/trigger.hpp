#pragma once
// A trigger on a table (pg_trigger, not internal). Structured fields, except
// the WHEN condition, which is kept as the server deparses it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/model/name.hpp"

namespace reconcile::catalog {

enum class TriggerTiming : std::uint8_t { before, after, instead_of };
enum class TriggerLevel : std::uint8_t { row, statement };
// pg_trigger.tgenabled: 'O' fires in origin and local sessions (ENABLE),
// 'D' never, 'R' only in replica sessions, 'A' always.
enum class TriggerEnabled : std::uint8_t { origin, disabled, replica, always };

struct TriggerEvents {
    bool insert = false;
    bool update = false;
    bool delete_ = false;
    bool truncate = false;
    std::vector<std::string> update_of;  // UPDATE OF these columns, in pg_trigger.tgattr order

    bool operator==(const TriggerEvents&) const = default;
};

struct Trigger {
    std::string name;
    TriggerTiming timing = TriggerTiming::before;
    TriggerEvents events;
    TriggerLevel level = TriggerLevel::row;
    // The condition as pg_get_triggerdef prints it, without the WHEN (...)
    // around it: "(old.status IS DISTINCT FROM new.status)".
    std::optional<std::string> when;
    QualifiedName function;  // a trigger function takes no SQL arguments
    std::vector<std::string> arguments;
    // REFERENCING OLD TABLE AS ... / NEW TABLE AS ... (AFTER triggers).
    std::optional<std::string> old_table;
    std::optional<std::string> new_table;
    TriggerEnabled enabled = TriggerEnabled::origin;
    // CONSTRAINT TRIGGER (AFTER ... FOR EACH ROW only), with its timing.
    bool constraint = false;
    bool deferrable = false;
    bool initially_deferred = false;
    std::optional<std::string> comment;

    bool operator==(const Trigger&) const = default;
};

}  // namespace reconcile::catalog
