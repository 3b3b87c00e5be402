// The fast path of parse_json. nlohmann's lexer takes the text one
// character at a time through an input adapter and two buffers, and on a
// directory of thousands of tables it was a third of load_manifests' time.
// Manifests (exported or hand-written) use a small part of JSON: ASCII
// strings with the short escapes, integers, true, false and null. This
// reads exactly that part and builds the document nlohmann's parser would
// build. On anything else (another byte, a \u escape, a fraction or an
// exponent, a repeated key, invalid JSON) it gives up, and parse_json runs
// nlohmann's parser, so each message and each unusual document is still
// nlohmann's.
#include <cstdint>
#include <limits>

#include "desired-state/loader.hpp"

namespace reconcile::desired_state::detail {

namespace {

class PlainParser {
public:
    explicit PlainParser(std::string_view text) : at_(text.data()), end_(text.data() + text.size()) {}

    std::optional<Json> document() {
        Json document;
        if (!value(document, 0)) return std::nullopt;
        skip_whitespace();
        if (at_ != end_) return std::nullopt;
        return document;
    }

private:
    // Deeper documents are left to nlohmann's parser, which does not recurse.
    static constexpr int max_depth = 200;

    void skip_whitespace() {
        while (at_ != end_ && (*at_ == ' ' || *at_ == '\n' || *at_ == '\r' || *at_ == '\t')) ++at_;
    }

    bool value(Json& out, int depth) {
        skip_whitespace();
        if (at_ == end_) return false;
        switch (*at_) {
            case '{':
                return depth < max_depth && object(out, depth + 1);
            case '[':
                return depth < max_depth && array(out, depth + 1);
            case '"': {
                std::string text;
                if (!string(text)) return false;
                out = std::move(text);
                return true;
            }
            case 't':
                return literal("true", out, true);
            case 'f':
                return literal("false", out, false);
            case 'n':
                return literal("null", out, nullptr);
            default:
                return integer(out);
        }
    }

    bool object(Json& out, int depth) {
        ++at_;  // {
        out = Json::value_t::object;
        auto& members = out.get_ref<Json::object_t&>();
        skip_whitespace();
        if (at_ != end_ && *at_ == '}') {
            ++at_;
            return true;
        }
        while (true) {
            skip_whitespace();
            std::string key;
            if (at_ == end_ || *at_ != '"' || !string(key)) return false;
            skip_whitespace();
            if (at_ == end_ || *at_ != ':') return false;
            ++at_;
            auto [member, inserted] = members.try_emplace(std::move(key));
            if (!inserted || !value(member->second, depth)) return false;  // a repeated key is nlohmann's to report
            skip_whitespace();
            if (at_ == end_) return false;
            if (*at_++ == '}') return true;
            if (at_[-1] != ',') return false;
        }
    }

    bool array(Json& out, int depth) {
        ++at_;  // [
        out = Json::value_t::array;
        auto& elements = out.get_ref<Json::array_t&>();
        skip_whitespace();
        if (at_ != end_ && *at_ == ']') {
            ++at_;
            return true;
        }
        while (true) {
            if (!value(elements.emplace_back(), depth)) return false;
            skip_whitespace();
            if (at_ == end_) return false;
            if (*at_++ == ']') return true;
            if (at_[-1] != ',') return false;
        }
    }

    // Printable ASCII other than the quote and the backslash: taken as is.
    static bool plain(char c) {
        auto byte = static_cast<unsigned char>(c);
        return byte >= 0x20 && byte < 0x80 && c != '"' && c != '\\';
    }

    bool string(std::string& out) {
        ++at_;  // "
        while (true) {
            const char* run = at_;
            while (at_ != end_ && plain(*at_)) ++at_;
            out.append(run, at_);
            if (at_ == end_) return false;
            char c = *at_++;
            if (c == '"') return true;
            if (c != '\\' || at_ == end_) return false;  // a control character, or a byte of UTF-8
            switch (*at_++) {
                case '"':
                    out += '"';
                    break;
                case '\\':
                    out += '\\';
                    break;
                case '/':
                    out += '/';
                    break;
                case 'b':
                    out += '\b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'n':
                    out += '\n';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 't':
                    out += '\t';
                    break;
                default:
                    return false;  // \u, or not an escape at all
            }
        }
    }

    template <class Value>
    bool literal(std::string_view word, Json& out, Value value) {
        if (static_cast<std::size_t>(end_ - at_) < word.size() || std::string_view(at_, word.size()) != word) {
            return false;
        }
        at_ += word.size();
        out = value;
        return true;
    }

    // -?(0|[1-9][0-9]*) that fits nlohmann's types as its strtoull and
    // strtoll would read it: unsigned unless negative, then a signed 64-bit
    // integer. A larger one becomes a double there, so it is left to it.
    bool integer(Json& out) {
        bool negative = *at_ == '-';
        if (negative) ++at_;
        const char* digits = at_;
        std::uint64_t number = 0;
        for (; at_ != end_ && *at_ >= '0' && *at_ <= '9'; ++at_) {
            auto digit = static_cast<std::uint64_t>(*at_ - '0');
            if (number > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return false;
            number = number * 10 + digit;
        }
        auto count = at_ - digits;
        if (count == 0 || (*digits == '0' && count > 1)) return false;
        if (at_ != end_ && (*at_ == '.' || *at_ == 'e' || *at_ == 'E')) return false;
        if (!negative) {
            out = number;
            return true;
        }
        constexpr auto most_negative = std::uint64_t{1} << 63;  // -most_negative is INT64_MIN
        if (number > most_negative) return false;
        out = number == most_negative ? std::numeric_limits<std::int64_t>::min() : -static_cast<std::int64_t>(number);
        return true;
    }

    const char* at_;
    const char* end_;
};

}  // namespace

std::optional<Json> parse_plain_json(std::string_view text) {
    return PlainParser(text).document();
}

}  // namespace reconcile::desired_state::detail
