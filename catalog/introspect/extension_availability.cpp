#include "catalog/introspect/extension_availability.hpp"

#include "catalog/introspect/read_only.hpp"
#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog {

using namespace introspect_detail;

namespace {

// $1: names; $2: versions asked for, '' for none.
const std::string availability_sql = R"SQL(
SELECT w.ord,
       EXISTS (SELECT 1 FROM pg_catalog.pg_available_extensions a WHERE a.name = w.name) AS available,
       w.version = '' OR EXISTS (SELECT 1 FROM pg_catalog.pg_available_extension_versions v
                                 WHERE v.name = w.name AND v.version = w.version) AS version_available,
       ARRAY(SELECT v.version FROM pg_catalog.pg_available_extension_versions v WHERE v.name = w.name
             ORDER BY v.version)::pg_catalog.text AS versions,
       n.nspname AS installed_in
FROM ROWS FROM (pg_catalog.unnest($1::pg_catalog.text[]), pg_catalog.unnest($2::pg_catalog.text[]))
  WITH ORDINALITY AS w(name, version, ord)
LEFT JOIN pg_catalog.pg_extension x ON x.extname = w.name
LEFT JOIN pg_catalog.pg_namespace n ON n.oid = x.extnamespace
)SQL";

}  // namespace

std::vector<ExtensionAvailability> read_extension_availability(Connection& conn,
                                                               const std::vector<Extension>& extensions) {
    if (extensions.empty()) return {};
    std::vector<std::string> names, versions;
    for (const auto& extension : extensions) {
        names.push_back(extension.name);
        versions.push_back(extension.version.value_or(""));
    }
    ResultSet result;
    try {
        result = query_read_only(conn, availability_sql, {text_array_literal(names), text_array_literal(versions)});
    } catch (const QueryError& error) {
        throw in_context(error, "asking the server which extensions it can install");
    }
    std::vector<ExtensionAvailability> out(extensions.size());
    for (std::size_t i = 0; i < extensions.size(); ++i) out[i].name = extensions[i].name;
    for (auto row : result) {
        auto index = static_cast<std::size_t>(integer(row, 0) - 1);
        if (index >= out.size()) continue;
        out[index].available = boolean(row, 1);
        out[index].version_available = boolean(row, 2);
        out[index].versions = parse_text_array(view(row, 3));
        out[index].installed_in = optional_text(row, 4);
    }
    return out;
}

}  // namespace reconcile::catalog
