#pragma once
// Identity of a schema-level object. Names are stored unquoted, exactly as
// PostgreSQL stores them in pg_catalog (case preserved).
#include <compare>
#include <string>

namespace reconcile::catalog {

struct QualifiedName {
    std::string schema;
    std::string name;

    auto operator<=>(const QualifiedName&) const = default;
    bool operator==(const QualifiedName&) const = default;
};

// For messages only ("public.Conversation"); SQL text is built by the engine's
// SQL writer, which always quotes.
std::string display(const QualifiedName& name);

}  // namespace reconcile::catalog
