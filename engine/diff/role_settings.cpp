// The settings of managed roles (ALTER ROLE ... SET) are exactly the
// declared ones, in every database and in the database the command targets;
// the settings of roles no manifest declares are left alone, and so are
// those the role has in other databases (IN DATABASE elsewhere).
#include <map>
#include <tuple>

#include "engine/diff/diff_internal.hpp"

namespace reconcile::engine::diff_detail {

void diff_role_settings(const catalog::Model& have, const catalog::Model& want, const DiffOptions&, DiffResult& out) {
    using Key = std::tuple<std::string, bool, std::string>;
    auto key = [](const RoleSetting& s) { return Key{s.role, s.in_database, s.name}; };
    std::map<Key, const RoleSetting*> live;
    for (const RoleSetting& s : have.role_settings) {
        if (want.find_role(s.role)) live[key(s)] = &s;
    }
    for (const RoleSetting& s : want.role_settings) {
        auto found = live.find(key(s));
        if (found == live.end() || found->second->value != s.value) out.changes.push_back(SetRoleSetting{s, {}});
        if (found != live.end()) live.erase(found);
    }
    for (const auto& [unused, s] : live) out.changes.push_back(ResetRoleSetting{*s, {}});
}

}  // namespace reconcile::engine::diff_detail
