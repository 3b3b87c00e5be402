#include "desired-state/server_checks.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model/identifier.hpp"

namespace reconcile::desired_state {

namespace {

// Foreign keys to tables outside the claimed schemas (a platform's
// auth.users) cannot be checked offline; checked against the target before
// planning, a typo is a manifest error, not a failed apply.
void check_external_references(const Manifests& manifests, const catalog::ServerFacts& facts,
                               std::vector<Diagnostic>& problems) {
    const auto& model = manifests.model;
    for (const auto& table : model.tables) {
        for (const auto& constraint : table.constraints) {
            if (!constraint.references || model.find_schema(constraint.references->table.schema)) continue;
            const auto& ref = *constraint.references;
            auto at = manifests.where(catalog::constraint_id(table.name, constraint.name));
            auto found = facts.external_columns.find(ref.table);
            if (found == facts.external_columns.end()) {
                problems.push_back({at,
                                    "foreign key " + constraint.name + " references table " +
                                        catalog::display(ref.table) + ", which does not exist in the database",
                                    ""});
                continue;
            }
            for (const auto& column : ref.columns) {
                if (std::find(found->second.begin(), found->second.end(), column) == found->second.end()) {
                    problems.push_back({at,
                                        "foreign key " + constraint.name + " references column " + column +
                                            ", which table " + catalog::display(ref.table) + " does not have",
                                        ""});
                }
            }
        }
    }
}

// "15" for 150000, "9.6" for 90600: the numbering changed with 10.
std::string version_name(int version_num) {
    if (version_num >= 100000) return std::to_string(version_num / 10000);
    return std::to_string(version_num / 10000) + "." + std::to_string(version_num / 100 % 100);
}

// server_version_num of the first release with a feature.
constexpr int pg15 = 150000;

// Checked before canonicalizing: a server without the feature would only
// report a syntax error, with no word of the version.
void check_features(const Manifests& manifests, int server_version, std::string_view role,
                    std::vector<Diagnostic>& problems) {
    auto needs = [&](int since, const catalog::ObjectId& id, const std::string& field, const std::string& what) {
        if (server_version >= since) return;
        SourceLocation at = manifests.where(id);
        if (!at.pointer.empty() || !at.file.empty()) at.pointer += "/" + field;
        problems.push_back({at,
                            what + " needs PostgreSQL " + version_name(since) + " or later; the " + std::string(role) +
                                " runs PostgreSQL " + version_name(server_version),
                            ""});
    };
    for (const auto& table : manifests.model.tables) {
        const std::string table_name = catalog::display(table.name);
        for (const auto& constraint : table.constraints) {
            // UNIQUE NULLS NOT DISTINCT is new in PostgreSQL 15.
            if (constraint.nulls_not_distinct) {
                needs(pg15, catalog::constraint_id(table.name, constraint.name), "nulls_not_distinct",
                      "unique constraint " + constraint.name + " on " + table_name + ": nulls_not_distinct");
            }
        }
        for (const auto& index : table.indexes) {
            if (index.nulls_not_distinct) {
                needs(pg15, catalog::index_id(table.name, index.name), "nulls_not_distinct",
                      "index " + index.name + " on " + table_name + ": nulls_not_distinct");
            }
        }
    }
    // A view file's source is its name key ("/view"); the option is a key
    // of the same document.
    for (const auto& view : manifests.model.views) {
        if (!view.security_invoker || server_version >= pg15) continue;
        SourceLocation at = manifests.where(view.id());
        at.pointer = "/security_invoker";
        problems.push_back({at,
                            "view " + catalog::display(view.name) +
                                ": security_invoker needs PostgreSQL 15 or later; the " + std::string(role) +
                                " runs PostgreSQL " + version_name(server_version) +
                                " (there, a view always checks permissions as its owner)",
                            ""});
    }
}

}  // namespace

void check_against_servers(const Manifests& manifests, const catalog::ServerFacts& facts) {
    std::vector<Diagnostic> problems;
    check_external_references(manifests, facts, problems);
    check_features(manifests, facts.target_version, "target database", problems);
    if (facts.dev_version) check_features(manifests, *facts.dev_version, "dev database", problems);
    if (!problems.empty()) throw ManifestError(std::move(problems));
}

}  // namespace reconcile::desired_state
