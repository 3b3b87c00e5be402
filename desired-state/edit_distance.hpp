#pragma once
// Typo suggestions: "intger" -> "integer", "colums" -> "columns".
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace reconcile::desired_state::detail {

// Optimal string alignment distance: insertions, deletions, substitutions
// and transpositions of adjacent characters each cost 1, so "tabel" is one
// edit from "table". Works on bytes.
std::size_t edit_distance(std::string_view a, std::string_view b);

// How many edits a suggestion may be away from what was written before it
// stops being helpful: short words allow fewer.
std::size_t default_max_distance(std::string_view word);

// The candidate closest to word within max_distance (ties: the first one
// listed), or an empty string.
std::string closest(std::string_view word, const std::vector<std::string>& candidates, std::size_t max_distance);
inline std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
    return closest(word, candidates, default_max_distance(word));
}

}  // namespace reconcile::desired_state::detail
