// parse_json: the plain fast path (plain_json.cpp) when it can, else
// nlohmann's parser driven by a SAX handler of our own that builds the
// document and spots repeated keys as they arrive.
#include <algorithm>

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
    bool string(Json::string_t& value) { return add(value); }
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
        auto [it, inserted] = object.try_emplace(key);
        if (!inserted) {
            problems_.error(pointer_join(pointer_of_parents(), key), "duplicate key \"" + key + "\" in one object");
        }
        stack_.back().key = &it->first;
        element_ = &it->second;
        return true;
    }

    template <class Exception>
    bool parse_error(std::size_t, const std::string&, const Exception& error) {
        throw error;
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

    // The pointer of the object being filled, e.g. "/columns/3".
    std::string pointer_of_parents() const {
        std::string pointer;
        for (std::size_t i = 0; i + 1 < stack_.size(); ++i) {
            const Level& level = stack_[i];
            pointer = level.container->is_array() ? pointer_join(pointer, level.container->size() - 1)
                                                  : pointer_join(pointer, *level.key);
        }
        return pointer;
    }

    Json& root_;
    Problems& problems_;
    std::vector<Level> stack_;
    Json* element_ = nullptr;  // the member of the innermost object whose key came last
};

}  // namespace

std::optional<Json> parse_json(std::string_view text, Problems& problems) {
    if (auto plain = parse_plain_json(text)) return plain;
    Json document;
    DocumentBuilder builder(document, problems);
    try {
        Json::sax_parse(text, &builder);
    } catch (const Json::parse_error& error) {
        problems.error(
            "", "invalid JSON at " + line_and_column(text, error.byte) + ": " + parse_error_reason(error.what()));
        return std::nullopt;
    }
    return document;
}

}  // namespace reconcile::desired_state::detail
