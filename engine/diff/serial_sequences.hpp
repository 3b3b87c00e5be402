#pragma once
// One sequence spelled two ways. The model keeps a serial column's sequence
// on its column (catalog/model/sequence.hpp), and any other sequence in
// `sequences`. A manifest may spell as a sequence of its own what the
// database holds as a serial column's (the column's default dropped, or
// options serial would not give), or as serial what the database holds as
// a sequence of its own named <table>_<column>_seq and owned by the column.
// Compared as they are, the diff would create a sequence that exists, or
// drop one the manifests keep (found on pgschema's test pairs, from its
// issues 573 and 575). Before the diff, the live side is spelled the
// manifests' way, and the sequence is altered in place.
#include <optional>
#include <vector>

#include "catalog/model/model.hpp"
#include "engine/diff/change.hpp"

namespace reconcile::engine {

struct SerialsRespelled {
    // The live model spelled as the manifests spell its serial sequences;
    // unset when they already agree (no copy is made).
    std::optional<catalog::Model> respelled;
    // Options a sequence the manifests call serial must change to.
    std::vector<Change> changes;

    const catalog::Model& have(const catalog::Model& live) const { return respelled ? *respelled : live; }
};

SerialsRespelled respell_serial_sequences(const catalog::Model& have, const catalog::Model& want);

}  // namespace reconcile::engine
