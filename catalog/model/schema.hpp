#pragma once
#include <optional>
#include <string>

namespace reconcile::catalog {

struct Schema {
    std::string name;
    std::optional<std::string> comment;
    // Desired side only: the manifest says nothing about the comment, so
    // whatever the database holds stays. A schema usually exists before any
    // manifest claims it (public, with PostgreSQL's stock comment) and its
    // comment is often someone else's; `"comment": null` asks for none.
    bool keep_comment = false;

    bool operator==(const Schema&) const = default;
};

}  // namespace reconcile::catalog
