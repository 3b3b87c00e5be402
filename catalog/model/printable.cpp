#include "catalog/model/printable.hpp"

namespace reconcile::catalog {

namespace {

// \x1b for bytes, \u{202E} for code points, as engine/render always wrote them.
void append_byte(std::string& out, unsigned char byte) {
    static constexpr char digits[] = "0123456789abcdef";
    out += "\\x";
    out += digits[byte >> 4];
    out += digits[byte & 0xF];
}

void append_code_point(std::string& out, char32_t code) {
    static constexpr char digits[] = "0123456789ABCDEF";
    out += "\\u{";
    for (int shift = 12; shift >= 0; shift -= 4) out += digits[(code >> shift) & 0xF];
    out += "}";
}

// The UTF-8 sequence starting at text[i]: its code point and length, or a
// length of 0 when it is not well-formed (a stray byte, an overlong form,
// a surrogate, a truncated sequence).
struct Decoded {
    char32_t code = 0;
    std::size_t length = 0;
};

Decoded decode(std::string_view text, std::size_t i) {
    auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) return {lead, 1};
    std::size_t length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
    if (length == 0 || lead > 0xf4 || i + length > text.size()) return {};
    char32_t code = lead & (0x7f >> length);
    for (std::size_t k = 1; k < length; ++k) {
        auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xc0) != 0x80) return {};
        code = (code << 6) | (next & 0x3f);
    }
    static constexpr char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < smallest[length] || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return {};
    return {code, length};
}

// Line and paragraph separators break the one-line promise; bidi marks,
// overrides and isolates can make a name read as something else.
bool misleading(char32_t code) {
    return code == 0x2028 || code == 0x2029 || (code >= 0x202a && code <= 0x202e) ||
           (code >= 0x2066 && code <= 0x2069) || code == 0x200e || code == 0x200f;
}

}  // namespace

std::string printable(std::string_view text, Newlines newlines) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        auto [code, length] = decode(text, i);
        if (length == 0) {
            // Not UTF-8: a lone 0x9b is a one-byte CSI on 8-bit terminals.
            append_byte(out, static_cast<unsigned char>(text[i]));
            ++i;
            continue;
        }
        if (code == '\n') {
            out += newlines == Newlines::keep ? "\n" : "\\n";
        } else if (code == '\r') {
            out += "\\r";
        } else if (code == '\t') {
            out += newlines == Newlines::keep ? "\t" : "\\t";
        } else if (code < 0x20 || code == 0x7f) {
            append_byte(out, static_cast<unsigned char>(code));
        } else if ((code >= 0x80 && code <= 0x9f) || misleading(code)) {
            // C1 controls (NEL, CSI...) and the characters above.
            append_code_point(out, code);
        } else {
            out.append(text, i, length);
        }
        i += length;
    }
    return out;
}

}  // namespace reconcile::catalog
