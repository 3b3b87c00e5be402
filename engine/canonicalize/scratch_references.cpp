#include "engine/canonicalize/scratch_references.hpp"

#include <cctype>

#include "catalog/model/identifier.hpp"

namespace reconcile::engine {

namespace {

std::size_t literal_end(const std::string& text, std::size_t at) {
    std::size_t end = text.find('\'', at + 1);
    while (end != std::string::npos && end + 1 < text.size() && text[end + 1] == '\'') {
        end = text.find('\'', end + 2);
    }
    return end == std::string::npos ? text.size() : end + 1;
}

// End of a `schema.name` starting at `at` (each part quoted or bare), or `at`
// when there is none.
std::size_t qualified_name_end(const std::string& text, std::size_t at) {
    std::size_t end = at;
    for (int part = 0; part < 2; ++part) {
        std::size_t start = end;
        if (end < text.size() && text[end] == '"') {
            for (++end; end < text.size(); ++end) {
                if (text[end] != '"') continue;
                if (end + 1 < text.size() && text[end + 1] == '"') {
                    ++end;
                    continue;
                }
                break;
            }
            if (end >= text.size()) return at;
            ++end;
        } else {
            while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_' ||
                                         text[end] == '$' || static_cast<unsigned char>(text[end]) >= 0x80)) {
                ++end;
            }
        }
        if (end == start) return at;
        if (part == 0) {
            if (end >= text.size() || text[end] != '.') return at;
            ++end;
        }
    }
    return end;
}

}  // namespace

ScratchReferences::ScratchReferences(const catalog::Model& want, const ScratchNames& names)
    : want_(want), names_(names) {
    for (const auto& sequence : want.sequences) sequences_.insert(sequence.name);
    for (const auto& table : want.tables) {
        for (const auto& column : table.columns) {
            // The name PostgreSQL gives a serial column's sequence (when it
            // fits in 63 bytes, the usual case).
            auto sequence = catalog::column_sequence_name(table.name, column);
            if (column.serial != catalog::Serial::none && sequence.name.size() <= 63)
                sequences_.insert(std::move(sequence));
        }
    }
    for (const auto& function : want.functions) functions_.insert(function.name);
    for (const auto& aggregate : want.aggregates) functions_.insert(aggregate.name);
}

ScratchReferences::ScratchReferences(const catalog::Model& want, const ScratchNames& names,
                                     std::set<catalog::QualifiedName> tables)
    : ScratchReferences(want, names) {
    tables_ = std::move(tables);
}

std::string ScratchReferences::rewrite(const std::string& text) const {
    if (want_.enums.empty() && sequences_.empty() && functions_.empty() && tables_.empty()) return text;
    std::string out;
    std::size_t at = 0;
    while (at < text.size()) {
        if (text[at] == '\'') {
            std::size_t end = literal_end(text, at);
            out += rewrite_literal(text, at, end);
            at = end;
            continue;
        }
        bool boundary = at == 0 || !(std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '_' ||
                                     text[at - 1] == '.' || text[at - 1] == '"');
        std::size_t end = boundary ? qualified_name_end(text, at) : at;
        auto named = end > at ? catalog::named_type(std::string_view(text).substr(at, end - at)) : std::nullopt;
        // A function's name only where it is called: a table may have the
        // same name (PostgREST's fixtures have test.test and test.test()).
        auto called = [&] {
            std::size_t next = text.find_first_not_of(" \t\n", end);
            return next != std::string::npos && text[next] == '(';
        };
        if (named && (want_.find_enum(*named) || tables_.count(*named) || (functions_.count(*named) && called()))) {
            out += scratch_name(*named);
            at = end;
            continue;
        }
        out += text[at++];
    }
    return out;
}

std::string ScratchReferences::scratch_name(const catalog::QualifiedName& name) const {
    return catalog::quote_identifier(names_.scratch_of(name.schema)) + "." + catalog::quote_identifier(name.name);
}

// A string literal is left alone unless it is the regclass argument of
// nextval() naming a serial column's sequence.
std::string ScratchReferences::rewrite_literal(const std::string& text, std::size_t at, std::size_t end) const {
    std::string literal = text.substr(at, end - at);
    bool regclass_argument = at >= 8 && text.compare(at - 8, 8, "nextval(") == 0;
    if (!regclass_argument || literal.size() < 2 || literal.find("''") != std::string::npos) return literal;
    auto named = catalog::named_type(literal.substr(1, literal.size() - 2));
    if (!named || !sequences_.count(*named)) return literal;
    return "'" + scratch_name(*named) + "'";
}

}  // namespace reconcile::engine
