// Column types across files: friendly enum names become quoted, qualified
// type text, and near misses of known type names are reported.
#include <algorithm>
#include <map>
#include <set>

#include "catalog/model/identifier.hpp"
#include "catalog/model/type_text.hpp"
#include "desired-state/edit_distance.hpp"
#include "desired-state/loader.hpp"
#include "desired-state/types.hpp"

namespace reconcile::desired_state::detail {

namespace {

using catalog::QualifiedName;

std::string lower(std::string text) {
    for (auto& c : text) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return text;
}

// Case-insensitive: an unquoted name is folded to lower case, so
// "ConversationStatis" must still come close to "ConversationStatus".
std::string closest_ignoring_case(const std::string& name, const std::vector<std::string>& candidates,
                                  std::size_t max_distance) {
    std::vector<std::string> lowered;
    for (const auto& candidate : candidates) lowered.push_back(lower(candidate));
    auto best = closest(lower(name), lowered, max_distance);
    for (std::size_t i = 0; i < lowered.size(); ++i) {
        if (!best.empty() && lowered[i] == best) return candidates[i];
    }
    return {};
}

class TypeResolver {
public:
    explicit TypeResolver(const catalog::Model& model) : model_(model) {
        // Domains are named types declared in the manifests just like enums
        // (types share one namespace per schema), and are spelled the same way.
        auto declare = [&](const QualifiedName& name) {
            enums_.insert(name);
            // The first in enums_ order wins when two spell the same ("a.b"."c", "a"."b.c").
            qualified_.emplace(name.schema + "." + name.name, name);
        };
        for (const auto& type : model.enums) declare(type.name);
        for (const auto& domain : model.domains) declare(domain.name);
        for (const auto& type : model.composite_types) declare(type.name);
        for (const auto& type : model.range_types) declare(type.name);
    }

    // "Status", "public.Status" or "Status[]" naming a declared enum, written
    // exactly (case-sensitive): unqualified names are looked up in the
    // table's schema, then in public. Returns the type text to use instead.
    std::optional<std::string> friendly_enum(const std::string& type, const std::string& table_schema) const {
        auto [element, dims] = catalog::split_array_bounds(type);
        std::string base(element);
        if (is_builtin_type(lower(base))) return std::nullopt;  // pg_catalog comes first in PostgreSQL too
        for (const auto& schema : {table_schema, std::string("public")}) {
            if (enums_.count({schema, base})) return spell({schema, base}, dims);
        }
        if (auto it = qualified_.find(base); it != qualified_.end()) return spell(it->second, dims);
        return std::nullopt;
    }

    // The closest known name when type looks like a typo of one; empty when
    // the type is known or not close to anything known.
    std::string near_miss(const std::string& type, const std::string& table_schema) const {
        auto parsed = catalog::parse_type_text(type);
        if (!parsed) return {};
        const std::string& name = parsed->name;
        std::size_t max_distance = name.size() <= 4 ? 1 : 2;
        if (parsed->schema == "pg_catalog") {
            return is_builtin_type(name) ? "" : closest(name, builtin_type_names(), max_distance);
        }
        if (parsed->schema) {
            // Types in unclaimed schemas exist only in the database; in a
            // claimed schema an undeclared type may be one reconcile does
            // not manage yet (a domain), so only near misses are reported.
            if (!model_.find_schema(*parsed->schema) || enums_.count({*parsed->schema, name})) return {};
            std::vector<std::string> candidates;
            for (const auto& e : enums_) {
                if (e.schema == *parsed->schema) candidates.push_back(e.name);
            }
            auto best = closest_ignoring_case(name, candidates, max_distance);
            return best.empty() ? "" : *parsed->schema + "." + best;
        }
        if (is_builtin_type(name) || is_known_extension_type(name)) return {};
        if (enums_.count({table_schema, name}) || enums_.count({"public", name})) return {};
        std::vector<std::string> candidates = builtin_type_names();
        for (const auto& e : enums_) {
            if (e.schema == table_schema || e.schema == "public") candidates.push_back(e.name);
        }
        return closest_ignoring_case(name, candidates, max_distance);
    }

private:
    // Array bounds are written as "[]": PostgreSQL ignores the sizes.
    static std::string spell(const QualifiedName& name, int array_dims) {
        std::string out = catalog::quote_identifier(name.schema) + "." + catalog::quote_identifier(name.name);
        for (int i = 0; i < array_dims; ++i) out += "[]";
        return out;
    }

    const catalog::Model& model_;
    std::set<QualifiedName> enums_;
    std::map<std::string, QualifiedName> qualified_;  // "schema.name" -> enum
};

// What a column type resolves to: the type text to use instead, or the
// suggestion for a near miss (empty when there is none).
struct Resolution {
    std::optional<std::string> spelled;
    std::string suggestion;
};

}  // namespace

void resolve_column_types(Draft& draft) {
    TypeResolver resolver(draft.model);
    // Resolution depends only on the type text and the table's schema, and
    // a large schema spells the same few hundred types over and over.
    // Table schema -> type text -> resolution.
    std::map<std::string, std::map<std::string, Resolution, std::less<>>, std::less<>> resolved;
    for (auto& table : draft.model.tables) {
        auto& in_schema = resolved[table.name.schema];
        for (auto& column : table.columns) {
            if (column.serial != catalog::Serial::none) continue;
            auto it = in_schema.find(column.type);
            if (it == in_schema.end()) {
                Resolution resolution{resolver.friendly_enum(column.type, table.name.schema), {}};
                if (!resolution.spelled) resolution.suggestion = resolver.near_miss(column.type, table.name.schema);
                it = in_schema.emplace(column.type, std::move(resolution)).first;
            }
            const Resolution& resolution = it->second;
            if (resolution.spelled) {
                column.type = *resolution.spelled;
                continue;
            }
            if (resolution.suggestion.empty()) continue;
            auto key = catalog::column_id(table.name, column.name);
            problems_at(draft, key)
                .error(source_of(draft, key).pointer + "/type", "unknown type \"" + column.type + "\"",
                       resolution.suggestion);
        }
    }
}

}  // namespace reconcile::desired_state::detail
