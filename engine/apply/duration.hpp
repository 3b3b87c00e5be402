#pragma once
// Durations as users write them on the command line and PostgreSQL reads
// them in settings: "500ms", "3s", "2min", "1h", a bare number of
// milliseconds.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace reconcile::engine {

// nullopt when text is not one of the forms above (or is negative).
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);
// "2s", "750ms", "30min": what messages show and what SET sends.
std::string format_duration(std::chrono::milliseconds duration);

}  // namespace reconcile::engine
