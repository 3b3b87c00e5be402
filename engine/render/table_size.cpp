// A table's size as a plan shows it beside a step's hazards.
#include <fmt/format.h>

#include <array>

#include "engine/render/render.hpp"

namespace reconcile::engine {

namespace {

// 1204113 -> "1,204,113": whatever the locale, so CI logs read the same.
std::string grouped(long long n) {
    std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

// As pg_size_pretty prints it: the unit that keeps the number under 10240,
// rounded to a whole number.
std::string pretty_bytes(long long bytes) {
    constexpr std::array<const char*, 5> units{"bytes", "kB", "MB", "GB", "TB"};
    double value = static_cast<double>(bytes);
    std::size_t unit = 0;
    while (value >= 10239.5 && unit + 1 < units.size()) {
        value /= 1024;
        ++unit;
    }
    return fmt::format("{:.0f} {}", value, units[unit]);
}

}  // namespace

std::string describe_table_size(const TableSize& size) {
    std::string rows = size.rows ? fmt::format("about {} row{}", grouped(*size.rows), *size.rows == 1 ? "" : "s")
                                 : std::string("not analyzed yet");
    return rows + ", " + pretty_bytes(size.bytes);
}

}  // namespace reconcile::engine
