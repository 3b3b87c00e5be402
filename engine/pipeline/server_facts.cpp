#include "engine/pipeline/server_facts.hpp"

#include "catalog/introspect/introspector.hpp"

namespace reconcile::engine {

catalog::ServerFacts gather_server_facts(const std::vector<catalog::QualifiedName>& external_tables,
                                         catalog::Connection& target, catalog::Connection& scratch) {
    catalog::ServerFacts facts;
    facts.target_version = target.server_version();
    if (&scratch != &target) facts.dev_version = scratch.server_version();
    if (!external_tables.empty()) facts.external_columns = catalog::read_table_columns(target, external_tables);
    return facts;
}

}  // namespace reconcile::engine
