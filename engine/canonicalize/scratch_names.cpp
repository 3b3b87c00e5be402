#include "engine/canonicalize/scratch_names.hpp"

#include <algorithm>
#include <cctype>
#include <random>
#include <stdexcept>

namespace reconcile::engine {

namespace {

std::string random_tag() {
    std::random_device device;
    std::uniform_int_distribution<unsigned> hex(0, 15);
    std::string tag;
    for (int i = 0; i < 8; ++i) tag += "0123456789abcdef"[hex(device)];
    return tag;
}

bool is_identifier_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '"' || c == '$' ||
           static_cast<unsigned char>(c) >= 0x80;
}

// Replaces `prefix` wherever it starts a name (not in the middle of another
// identifier).
std::string replace_prefix(const std::string& text, const std::string& prefix, const std::string& with) {
    std::string out;
    std::size_t pos = 0;
    while (true) {
        std::size_t hit = text.find(prefix, pos);
        if (hit == std::string::npos) break;
        bool starts_name = hit == 0 || (!is_identifier_char(text[hit - 1]) && text[hit - 1] != '.');
        out.append(text, pos, hit - pos);
        out += starts_name ? with : prefix;
        pos = hit + prefix.size();
    }
    out.append(text, pos, std::string::npos);
    return out;
}

}  // namespace

ScratchNames::ScratchNames(const std::vector<std::string>& real_schemas) : real_(real_schemas) {
    std::string tag = random_tag();
    for (std::size_t i = 0; i < real_.size(); ++i) {
        scratch_.push_back("reconcile_scratch_" + tag + "_" + std::to_string(i));
    }
}

const std::string& ScratchNames::scratch_of(const std::string& real) const {
    auto it = std::find(real_.begin(), real_.end(), real);
    if (it == real_.end()) throw std::logic_error("schema is not claimed: " + real);
    return scratch_[static_cast<std::size_t>(it - real_.begin())];
}

const std::string& ScratchNames::real_of(const std::string& scratch) const {
    auto it = std::find(scratch_.begin(), scratch_.end(), scratch);
    if (it == scratch_.end()) throw std::logic_error("not a scratch schema: " + scratch);
    return real_[static_cast<std::size_t>(it - scratch_.begin())];
}

std::string ScratchNames::to_real(const std::string& text, const std::vector<std::string>& quoted_real) const {
    if (text.find("reconcile_scratch_") == std::string::npos) return text;
    std::string out = text;
    for (std::size_t i = 0; i < scratch_.size(); ++i) {
        out = replace_prefix(out, scratch_[i] + ".", quoted_real[i] + ".");
    }
    return out;
}

}  // namespace reconcile::engine
