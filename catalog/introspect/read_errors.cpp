// Catalog read errors that say what was being read (readers.hpp).
#include <fmt/format.h>

#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

std::string schemas_phrase(const std::vector<std::string>& schemas) {
    // A handful is enough to recognise the read; all of them could be
    // thousands of names in one message.
    constexpr std::size_t shown = 5;
    if (schemas.empty()) return "no schemas";
    std::string out = schemas.size() == 1 ? "schema " : "schemas ";
    for (std::size_t i = 0; i < schemas.size() && i < shown; ++i) {
        if (i > 0) out += ", ";
        out += schemas[i];
    }
    if (schemas.size() > shown) out += fmt::format(" and {} more", schemas.size() - shown);
    return out;
}

QueryError in_context(const QueryError& error, std::string_view context) {
    return QueryError(fmt::format("{}: {}", context, error.what()), error.sqlstate, error.detail, error.hint);
}

}  // namespace reconcile::catalog::introspect_detail
