#pragma once
// The fixed vocabularies of the manifest format, shared by the reader and
// export so that what export writes is exactly what the reader accepts.
#include "catalog/model/column.hpp"
#include "catalog/model/constraint.hpp"
#include "catalog/model/function.hpp"
#include "catalog/model/trigger.hpp"
#include "catalog/model/policy.hpp"
#include "catalog/model/view.hpp"
#include "desired-state/json_reader.hpp"

namespace reconcile::desired_state::detail {

inline constexpr Word<catalog::ReferentialAction> referential_actions[] = {
    {"no action", catalog::ReferentialAction::no_action},     {"restrict", catalog::ReferentialAction::restrict},
    {"cascade", catalog::ReferentialAction::cascade},         {"set null", catalog::ReferentialAction::set_null},
    {"set default", catalog::ReferentialAction::set_default},
};

inline constexpr Word<catalog::MatchType> match_types[] = {
    {"simple", catalog::MatchType::simple},
    {"full", catalog::MatchType::full},
};

inline constexpr Word<catalog::IdentityKind> identity_kinds[] = {
    {"always", catalog::IdentityKind::always},
    {"by_default", catalog::IdentityKind::by_default},
};

inline constexpr Word<catalog::PolicyCommand> policy_commands[] = {
    {"all", catalog::PolicyCommand::all},
    {"select", catalog::PolicyCommand::select},
    {"insert", catalog::PolicyCommand::insert},
    {"update", catalog::PolicyCommand::update},
    {"delete", catalog::PolicyCommand::delete_rows},
};

enum class PolicyKind { permissive, restrictive };
inline constexpr Word<PolicyKind> policy_kinds[] = {{"permissive", PolicyKind::permissive},
                                                    {"restrictive", PolicyKind::restrictive}};

inline constexpr Word<catalog::CheckOption> check_options[] = {
    {"local", catalog::CheckOption::local},
    {"cascaded", catalog::CheckOption::cascaded},
};

enum class SortOrder { asc, desc };
inline constexpr Word<SortOrder> sort_orders[] = {
    {"asc", SortOrder::asc}, {"desc", SortOrder::desc}, {"ascending", SortOrder::asc}, {"descending", SortOrder::desc}};

enum class NullsOrder { first, last };
inline constexpr Word<NullsOrder> nulls_orders[] = {{"first", NullsOrder::first}, {"last", NullsOrder::last}};

inline constexpr Word<catalog::ArgumentMode> argument_modes[] = {
    {"in", catalog::ArgumentMode::in},
    {"out", catalog::ArgumentMode::out},
    {"inout", catalog::ArgumentMode::inout},
    {"variadic", catalog::ArgumentMode::variadic},
};

inline constexpr Word<catalog::Volatility> volatilities[] = {
    {"volatile", catalog::Volatility::volatile_},
    {"stable", catalog::Volatility::stable},
    {"immutable", catalog::Volatility::immutable},
};

inline constexpr Word<catalog::ParallelSafety> parallel_safeties[] = {
    {"unsafe", catalog::ParallelSafety::unsafe},
    {"restricted", catalog::ParallelSafety::restricted},
    {"safe", catalog::ParallelSafety::safe},
};

inline constexpr Word<catalog::TriggerTiming> trigger_timings[] = {
    {"before", catalog::TriggerTiming::before},
    {"after", catalog::TriggerTiming::after},
    {"instead of", catalog::TriggerTiming::instead_of},
};

inline constexpr Word<catalog::TriggerLevel> trigger_levels[] = {
    {"row", catalog::TriggerLevel::row},
    {"statement", catalog::TriggerLevel::statement},
};

inline constexpr Word<catalog::TriggerEnabled> trigger_states[] = {
    {"enabled", catalog::TriggerEnabled::origin},
    {"disabled", catalog::TriggerEnabled::disabled},
    {"replica", catalog::TriggerEnabled::replica},
    {"always", catalog::TriggerEnabled::always},
};

enum class TriggerEvent { insert, update, delete_, truncate };
inline constexpr Word<TriggerEvent> trigger_events[] = {
    {"insert", TriggerEvent::insert},
    {"update", TriggerEvent::update},
    {"delete", TriggerEvent::delete_},
    {"truncate", TriggerEvent::truncate},
};

// Index access methods that ship with PostgreSQL. Extensions add others
// (pgvector's hnsw and ivfflat, bloom, rum), so a method that is not listed
// and not a near miss of one is passed through for the server to judge.
inline constexpr std::string_view builtin_index_methods[] = {"btree", "hash", "gin", "gist", "brin", "spgist"};
inline constexpr std::string_view extension_index_methods[] = {"hnsw", "ivfflat", "bloom", "rum", "diskann"};

// The "$schema" value export writes; the reader accepts any string there.
inline constexpr std::string_view manifest_schema_id = "https://reconcile.dev/schema/manifest-v1.json";

}  // namespace reconcile::desired_state::detail
