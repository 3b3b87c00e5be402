#pragma once
#include <set>
#include <string>

#include "catalog/model/model.hpp"
#include "engine/canonicalize/scratch_names.hpp"

namespace reconcile::engine {

// Expression text may name objects the scratch schemas hold by their
// qualified names: a declared enum (an export writes `'review'::public.status`)
// or the sequence of a serial column (`nextval('public.invoices_id_seq'::regclass)`,
// another table's default), or a declared function (`app.next_id()`). In
// scratch those names must mean the scratch copies, which have the desired
// definitions, not the live objects.
class ScratchReferences {
public:
    ScratchReferences(const catalog::Model& want, const ScratchNames& names);
    // Also the qualified names of these tables: those a scratch session
    // holds copies of (new tables that a function body reads).
    ScratchReferences(const catalog::Model& want, const ScratchNames& names,
                      std::set<catalog::QualifiedName> tables);
    // The expression with every such reference pointing at the scratch schemas.
    std::string rewrite(const std::string& text) const;

private:
    std::string scratch_name(const catalog::QualifiedName& name) const;
    std::string rewrite_literal(const std::string& text, std::size_t at, std::size_t end) const;

    const catalog::Model& want_;
    const ScratchNames& names_;
    std::set<catalog::QualifiedName> sequences_;
    std::set<catalog::QualifiedName> functions_;
    std::set<catalog::QualifiedName> tables_;
};

}  // namespace reconcile::engine
