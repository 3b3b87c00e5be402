#include <fmt/format.h>

#include <algorithm>

#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

namespace {

// Closed vocabularies (manifest validation enforces them); anything else
// is never spliced into SQL.
bool is_storage(const std::string& word) {
    return word == "plain" || word == "external" || word == "main" || word == "extended";
}
bool is_compression(const std::string& word) {
    return word == "pglz" || word == "lz4";
}

// Option names are words (n_distinct); one that is not is never spliced in.
std::vector<std::string> option_names(const std::vector<std::string>& options) {
    std::vector<std::string> names;
    for (const auto& option : options) {
        auto name = option.substr(0, option.find('='));
        bool word = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        });
        if (word) names.push_back(std::move(name));
    }
    return names;
}

}  // namespace

// One ALTER TABLE with a clause per setting that differs. A setting the
// manifest leaves out goes back to its default: SET STATISTICS -1, SET
// STORAGE of the type's default (only the server knows it, hence DEFAULT,
// which PostgreSQL 16 added: older servers reject it, a known gap in
// tests/known-gaps/storage-reset-before-16), COMPRESSION DEFAULT, RESET (...).
Statements sql_of(const SetColumnTuning& change) {
    const std::string column = "ALTER COLUMN " + sql::ident(change.column) + " ";
    const auto& from = change.from;
    const auto& to = change.to;
    std::vector<std::string> clauses;
    if (from.statistics != to.statistics) {
        clauses.push_back(column + fmt::format("SET STATISTICS {}", to.statistics.value_or(-1)));
    }
    if (from.storage != to.storage && (!to.storage || is_storage(*to.storage))) {
        clauses.push_back(column + "SET STORAGE " + (to.storage ? *to.storage : std::string("DEFAULT")));
    }
    if (from.compression != to.compression && (!to.compression || is_compression(*to.compression))) {
        clauses.push_back(column + "SET COMPRESSION " + (to.compression ? *to.compression : std::string("DEFAULT")));
    }
    if (from.options != to.options) {
        std::vector<std::string> gone;
        for (const auto& name : option_names(from.options)) {
            auto kept = option_names(to.options);
            if (std::find(kept.begin(), kept.end(), name) == kept.end()) gone.push_back(name);
        }
        if (!gone.empty()) clauses.push_back(column + "RESET (" + join(gone, ", ") + ")");
        if (!to.options.empty()) clauses.push_back(column + "SET " + sql::storage_list(to.options));
    }
    return {"ALTER TABLE " + sql::qualified(change.table) + " " + join(clauses, ", ")};
}

std::string description_of(const SetColumnTuning& change) {
    std::vector<std::string> parts;
    if (change.from.statistics != change.to.statistics) parts.push_back("statistics");
    if (change.from.storage != change.to.storage) parts.push_back("storage");
    if (change.from.compression != change.to.compression) parts.push_back("compression");
    if (change.from.options != change.to.options) parts.push_back("options");
    return "set " + join(parts, ", ") + " of column " + catalog::display(change.object());
}

}  // namespace reconcile::engine::render_detail
