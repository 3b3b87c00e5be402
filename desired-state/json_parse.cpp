// parse_json: the plain fast path (plain_json.cpp) when it can, else
// nlohmann's parser driven by a SAX handler of our own that builds the
// document and spots repeated keys and NUL characters as they arrive.
#include <algorithm>
#include <cstring>
#include <type_traits>

#include "desired-state/loader.hpp"

namespace reconcile::desired_state::detail {

namespace {

// nlohmann reports a byte offset; users want a line and column (1-based,
// counted in bytes) they can jump to.
std::string line_and_column(std::string_view text, std::size_t byte) {
    std::size_t end = std::min(byte == 0 ? 0 : byte - 1, text.size());
    std::size_t line = 1, line_start = 0;
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(end - line_start + 1);
}

// The reason without nlohmann's "[json.exception...] parse error at ...: " prefix.
std::string parse_error_reason(const std::string& what) {
    auto at = what.find("parse error");
    if (at == std::string::npos) return what;
    auto colon = what.find(": ", at);
    return colon == std::string::npos ? what : what.substr(colon + 2);
}

// Past this many repeated keys and NUL characters in one file, the rest are
// counted, not listed: a generated file can hold millions, and each one's
// pointer is as long as the file is deep.
constexpr std::size_t max_listed_problems = 20;

// Builds the document as nlohmann's own DOM parser does. A repeated key is
// found by looking it up in the object being built, so no key is copied
// or remembered beyond the document itself; as with nlohmann's parser, the
// last value given for it wins.
class DocumentBuilder {
public:
    DocumentBuilder(Json& root, Problems& problems) : root_(root), problems_(problems) {}

    bool null() { return add(nullptr); }
    bool boolean(bool value) { return add(value); }
    bool number_integer(Json::number_integer_t value) { return add(value); }
    bool number_unsigned(Json::number_unsigned_t value) { return add(value); }
    bool number_float(Json::number_float_t value, const Json::string_t&) { return add(value); }
    bool string(Json::string_t& value) {
        // PostgreSQL text cannot hold NUL, and C strings end at it: a "\u0000"
        // in an expression once cut the SQL sent to the server short.
        if (value.find('\0') != std::string::npos && list_one_more()) {
            problems_.error(pointer_of_next_value(), "a NUL character (\\u0000) is not allowed in a string");
        }
        return add(value);
    }
    bool binary(Json::binary_t& value) { return add(std::move(value)); }

    bool start_object(std::size_t) {
        open(add_value(Json::value_t::object));
        return true;
    }
    bool start_array(std::size_t) {
        open(add_value(Json::value_t::array));
        return true;
    }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(Json::string_t& key) {
        auto& object = stack_.back().container->get_ref<Json::object_t&>();
        if (key.find('\0') != std::string::npos && list_one_more()) {
            problems_.error(pointer_join(pointer_of_parents(), key),
                            "a NUL character (\\u0000) is not allowed in a key");
        }
        auto [it, inserted] = object.try_emplace(key);
        if (!inserted && list_one_more()) {
            problems_.error(pointer_join(pointer_of_parents(), key), "duplicate key \"" + key + "\" in one object");
        }
        stack_.back().key = &it->first;
        element_ = &it->second;
        return true;
    }

    // nlohmann reports a number too large for a double (1e400) as an
    // out_of_range error through this same call; it gets a pointer, as every
    // other problem with a value does. Syntax errors get a line and column.
    template <class Exception>
    bool parse_error(std::size_t, const std::string& token, const Exception& error) {
        if constexpr (std::is_same_v<Exception, Json::out_of_range>) {
            problems_.error(pointer_of_next_value(), "the number " + token + " is out of range");
            return false;
        } else {
            throw error;
        }
    }

    // Called once parsing ends: says how many problems were not listed.
    void finish() {
        if (unlisted_ > 0) {
            problems_.error("", "and " + std::to_string(unlisted_) + " more repeated keys or NUL characters");
        }
    }

private:
    // An object or array being filled, and which of its members is being
    // read (for arrays, always the last element).
    struct Level {
        Json* container;
        const std::string* key = nullptr;
    };

    template <class Value>
    bool add(Value&& value) {
        add_value(std::forward<Value>(value));
        return true;
    }

    template <class Value>
    Json* add_value(Value&& value) {
        if (stack_.empty()) {
            root_ = Json(std::forward<Value>(value));
            return &root_;
        }
        Json& container = *stack_.back().container;
        if (container.is_array()) {
            auto& array = container.get_ref<Json::array_t&>();
            array.emplace_back(std::forward<Value>(value));
            return &array.back();
        }
        *element_ = Json(std::forward<Value>(value));
        return element_;
    }

    void open(Json* container) { stack_.push_back({container}); }
    bool close() {
        stack_.pop_back();
        return true;
    }

    // Whether one more repeated key or NUL is to be listed; counts it either
    // way. Asked before its pointer is built, which costs the depth.
    bool list_one_more() {
        if (listed_ == max_listed_problems) {
            ++unlisted_;
            return false;
        }
        ++listed_;
        return true;
    }

    // The pointer of the object being filled, e.g. "/columns/3". Appended
    // in place: joining piece by piece copies it once per level, which on a
    // document nested thousands deep is what made a load take seconds.
    std::string pointer_of_parents() const { return pointer_of_levels(stack_.empty() ? 0 : stack_.size() - 1); }

    // The pointer of the value about to be added: a member of the innermost
    // object, or the next element of the innermost array.
    std::string pointer_of_next_value() const {
        std::string pointer = pointer_of_levels(stack_.empty() ? 0 : stack_.size() - 1);
        if (stack_.empty()) return pointer;
        const Level& innermost = stack_.back();
        if (innermost.container->is_array()) return pointer_join(pointer, innermost.container->size());
        return innermost.key ? pointer_join(pointer, *innermost.key) : pointer;
    }

    // The pointer of the member being read in each of the first `count` levels.
    std::string pointer_of_levels(std::size_t count) const {
        std::string pointer;
        for (std::size_t i = 0; i < count; ++i) {
            const Level& level = stack_[i];
            pointer += '/';
            pointer +=
                level.container->is_array() ? std::to_string(level.container->size() - 1) : pointer_token(*level.key);
        }
        return pointer;
    }

    Json& root_;
    Problems& problems_;
    std::vector<Level> stack_;
    Json* element_ = nullptr;   // the member of the innermost object whose key came last
    std::size_t listed_ = 0;    // repeated keys and NUL characters reported
    std::size_t unlisted_ = 0;  // and those past max_listed_problems
};

// nlohmann's lexer takes a NUL byte between tokens for the end of the input
// (as in a C string), so a raw NUL once ended a file early without a word.
bool report_nul_byte(std::string_view text, Problems& problems) {
    const void* nul = std::memchr(text.data(), '\0', text.size());
    if (!nul) return false;
    auto byte = static_cast<std::size_t>(static_cast<const char*>(nul) - text.data());
    problems.error("", "a NUL byte at " + line_and_column(text, byte + 1) + ": manifests are text");
    return true;
}

}  // namespace

std::optional<Json> parse_json(std::string_view text, Problems& problems) {
    if (auto plain = parse_plain_json(text)) return plain;
    if (report_nul_byte(text, problems)) return std::nullopt;
    Json document;
    DocumentBuilder builder(document, problems);
    bool complete = false;
    try {
        complete = Json::sax_parse(text, &builder);
    } catch (const Json::parse_error& error) {
        problems.error(
            "", "invalid JSON at " + line_and_column(text, error.byte) + ": " + parse_error_reason(error.what()));
        return std::nullopt;
    }
    builder.finish();
    if (!complete) return std::nullopt;
    return document;
}

}  // namespace reconcile::desired_state::detail
