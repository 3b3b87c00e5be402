#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

void diff_comment(DiffResult& out, const ObjectId& target, const std::optional<std::string>& have,
                  const std::optional<std::string>& want) {
    if (have != want) out.changes.push_back(SetComment{target, want});
}

void comment_new(DiffResult& out, const ObjectId& target, const std::optional<std::string>& comment) {
    if (comment) out.changes.push_back(SetComment{target, comment});
}

}  // namespace reconcile::engine::diff_detail
