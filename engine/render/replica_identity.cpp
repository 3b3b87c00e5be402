#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

namespace {

std::string identity_text(catalog::ReplicaIdentity identity, const std::string& index) {
    switch (identity) {
        case catalog::ReplicaIdentity::full:
            return "FULL";
        case catalog::ReplicaIdentity::nothing:
            return "NOTHING";
        case catalog::ReplicaIdentity::index:
            return "USING INDEX " + sql::ident(index);
        case catalog::ReplicaIdentity::default_key:
            break;
    }
    return "DEFAULT";
}

}  // namespace

Statements sql_of(const SetReplicaIdentity& change) {
    return {"ALTER TABLE " + sql::qualified(change.table) + " REPLICA IDENTITY " +
            identity_text(change.identity, change.index)};
}

std::string description_of(const SetReplicaIdentity& change) {
    std::string what = identity_text(change.identity, change.index);
    for (auto& c : what) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (change.identity == catalog::ReplicaIdentity::index) what = "using index " + change.index;
    return "set replica identity of table " + catalog::display(change.table) + " to " + what;
}

}  // namespace reconcile::engine::render_detail
