#include "engine/pipeline/server_features.hpp"

#include <string>
#include <vector>

namespace reconcile::engine {

namespace {

// "15" for 150000, "9.6" for 90600: the numbering changed with 10.
std::string version_name(int version_num) {
    if (version_num >= 100000) return std::to_string(version_num / 10000);
    return std::to_string(version_num / 10000) + "." + std::to_string(version_num / 100 % 100);
}

// server_version_num of the first release with a feature.
constexpr int pg15 = 150000;

}  // namespace

void check_server_features(const desired_state::Manifests& manifests, int server_version, std::string_view role) {
    std::vector<desired_state::Diagnostic> problems;
    auto needs = [&](int since, const catalog::ObjectId& source_key, const std::string& field,
                     const std::string& what) {
        if (server_version >= since) return;
        auto found = manifests.sources.find(source_key);
        desired_state::SourceLocation where =
            found != manifests.sources.end() ? found->second : desired_state::SourceLocation{};
        if (!where.pointer.empty() || !where.file.empty()) where.pointer += "/" + field;
        problems.push_back({where,
                            what + " needs PostgreSQL " + version_name(since) + " or later; the " + std::string(role) +
                                " runs PostgreSQL " + version_name(server_version),
                            ""});
    };

    for (const auto& table : manifests.model.tables) {
        const std::string table_name = catalog::display(table.name);
        for (const auto& constraint : table.constraints) {
            // UNIQUE NULLS NOT DISTINCT is new in PostgreSQL 15.
            if (constraint.nulls_not_distinct) {
                needs(pg15, desired_state::source_key_constraint(table.name, constraint.name), "nulls_not_distinct",
                      "unique constraint " + constraint.name + " on " + table_name + ": nulls_not_distinct");
            }
        }
        for (const auto& index : table.indexes) {
            if (index.nulls_not_distinct) {
                needs(pg15, desired_state::source_key_index(table.name, index.name), "nulls_not_distinct",
                      "index " + index.name + " on " + table_name + ": nulls_not_distinct");
            }
        }
    }
    if (!problems.empty()) throw desired_state::ManifestError(std::move(problems));
}

}  // namespace reconcile::engine
