#include "desired-state/edit_distance.hpp"

#include <algorithm>

namespace reconcile::desired_state::detail {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Three rows are enough: a transposition looks two rows back.
    std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                current[j] = std::min(current[j], before[j - 2] + 1);
            }
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[b.size()];
}

std::size_t default_max_distance(std::string_view word) {
    if (word.size() <= 4) return 1;
    return std::max<std::size_t>(2, word.size() / 3);
}

std::string closest(std::string_view word, const std::vector<std::string>& candidates, std::size_t max_distance) {
    std::string best;
    std::size_t best_distance = max_distance + 1;
    for (const auto& candidate : candidates) {
        std::size_t distance = edit_distance(word, candidate);
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

}  // namespace reconcile::desired_state::detail
