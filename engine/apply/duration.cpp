#include "engine/apply/duration.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>

namespace reconcile::engine {

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
    std::int64_t amount = 0;
    auto [rest, error] = std::from_chars(text.data(), text.data() + text.size(), amount);
    if (error != std::errc() || rest == text.data() || amount < 0) return std::nullopt;
    std::string_view unit(rest, static_cast<std::size_t>(text.data() + text.size() - rest));
    std::int64_t per_unit = 0;
    if (unit.empty() || unit == "ms") {
        per_unit = 1;
    } else if (unit == "s") {
        per_unit = 1000;
    } else if (unit == "min") {
        per_unit = 60'000;
    } else if (unit == "h") {
        per_unit = 3'600'000;
    } else {
        return std::nullopt;
    }
    // PostgreSQL's timeouts are int milliseconds.
    if (amount > INT32_MAX / per_unit) return std::nullopt;
    return std::chrono::milliseconds(amount * per_unit);
}

std::string format_duration(std::chrono::milliseconds duration) {
    auto ms = duration.count();
    if (ms != 0 && ms % 60'000 == 0) return fmt::format("{}min", ms / 60'000);
    if (ms != 0 && ms % 1000 == 0) return fmt::format("{}s", ms / 1000);
    return fmt::format("{}ms", ms);
}

}  // namespace reconcile::engine
