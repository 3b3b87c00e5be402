#pragma once
// The scratch batch (internal to engine/canonicalize): the statements that
// create copies of the desired objects in scratch schemas, inside a
// transaction that is always rolled back, so that the server spells them its
// own way: the tables of a batch and what they stand on (enums, domains,
// composite and range types, sequences, the functions and aggregates their
// expressions call), then their policies; and the error that points a
// statement the server rejects back at the object, or at the session when
// the server refuses scratch objects altogether.
#include <optional>
#include <string>
#include <vector>

#include "catalog/model/model.hpp"
#include "catalog/pg/connection.hpp"
#include "engine/canonicalize/scratch_names.hpp"

namespace reconcile::engine::canonicalize_detail {

// Foreign keys never go to scratch: structured already, and creating them
// would lock the referenced tables. The manifest's are kept.
inline bool is_foreign_key(const catalog::Constraint& c) {
    return c.kind == catalog::ConstraintKind::foreign_key;
}

// What a scratch statement creates: the scratch schemas themselves, or a
// copy of a desired object. When the server refuses the first kind, it
// refuses scratch objects altogether (no CREATE on the database, a read-only
// transaction, a standby), which is about the connection, not the manifests.
enum class Creates { scratch_schema, desired_object };

// Where a column or constraint of a CREATE TABLE starts in the statement.
struct MemberStart {
    std::size_t offset;
    catalog::ObjectId member;
};

struct ScratchStatement {
    std::string sql;
    Creates creates = Creates::desired_object;
    std::optional<catalog::ObjectId> object;  // the desired object it copies
    std::vector<MemberStart> members;         // CREATE TABLE only, by offset
};

// The statements for the scratch copies of `tables` (as written) and of
// everything they stand on. more_texts: expressions of objects created
// after these statements (view queries) whose functions must be there too.
std::vector<ScratchStatement> scratch_statements(const catalog::Model& want, const catalog::Model& live,
                                                 const std::vector<const catalog::Table*>& tables,
                                                 const ScratchNames& names,
                                                 const std::vector<std::string>& more_texts = {});

// What a scratch batch reads back: the scratch schemas as the catalog
// reader sees them, and quote_ident() of each real schema as the server
// spells it (for mapping names back).
struct ScratchRead {
    catalog::Model model;
    std::vector<std::string> quoted;
};

// Runs `statements` after scratch_settings() in one transaction that is
// always rolled back, and reads the scratch schemas back before it is. A
// statement the server rejects is reported as report_rejected() does.
ScratchRead run_scratch_batch(catalog::Connection& conn, const std::vector<ScratchStatement>& statements,
                              const ScratchNames& names, const std::vector<std::string>& real);

// Throws the CanonicalizeError for a statement the server rejected: on the
// object (or the table member the error position falls in), or, when the
// server refuses scratch objects altogether, on the session with the way out.
[[noreturn]] void report_rejected(const ScratchStatement& statement, const catalog::QueryError& error,
                                  const catalog::Connection& conn);

// The batch, plus the tables its scratch copies cannot be created without
// (parents of partitions and INHERITS children, tables of the serial
// sequences a default names).
std::vector<const catalog::Table*> with_what_they_stand_on(std::vector<const catalog::Table*> batch,
                                                           const catalog::Model& want);

}  // namespace reconcile::engine::canonicalize_detail
