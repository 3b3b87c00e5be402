#pragma once
// Scratch schema names for canonicalization and the text rewriting between
// them and the real (claimed) schema names.
#include <string>
#include <utility>
#include <vector>

namespace reconcile::engine {

class ScratchNames {
public:
    // One scratch name per real schema: reconcile_scratch_<random>_<i>. The
    // names are lowercase ASCII, so the server never quotes them and a plain
    // text search finds every place it printed one.
    explicit ScratchNames(const std::vector<std::string>& real_schemas);

    const std::string& scratch_of(const std::string& real) const;
    const std::string& real_of(const std::string& scratch) const;
    const std::vector<std::string>& scratch_schemas() const { return scratch_; }

    // Text the server printed in the scratch schemas -> the same text for the
    // real schemas. quoted_real[i] is quote_ident(real_schemas[i]) as the
    // server spells it (quoted only when needed), so results compare equal to
    // text read from the live catalog.
    std::string to_real(const std::string& text, const std::vector<std::string>& quoted_real) const;

private:
    std::vector<std::string> real_;
    std::vector<std::string> scratch_;
};

}  // namespace reconcile::engine
