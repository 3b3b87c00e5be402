#include "catalog/model/role.hpp"

#include <array>

namespace reconcile::catalog {

// The settings whose value PostgreSQL keeps as a list of names, each quoted
// as an identifier when it needs to be (`"$user", public`). A single string
// given for one of them would become one quoted name, so manifests give a
// list, and the catalog side is split back into its names. PostgreSQL marks
// these GUC_LIST_QUOTE in its source; no catalog view shows the flag.
bool is_list_setting(std::string_view name) {
    static constexpr std::array<std::string_view, 6> lists = {
        "local_preload_libraries", "search_path",      "session_preload_libraries",
        "shared_preload_libraries", "temp_tablespaces", "unix_socket_directories"};
    for (auto list : lists) {
        if (list == name) return true;
    }
    return false;
}

}  // namespace reconcile::catalog
