#include <set>

#include "desired-state/loader.hpp"

namespace reconcile::desired_state::detail {

namespace {

// nlohmann reports a byte offset; users want a line and column (1-based,
// counted in bytes) they can jump to.
std::string line_and_column(const std::string& text, std::size_t byte) {
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

// Tracks where the parser is, to name the pointer of a repeated key.
struct Frame {
    bool array = false;
    std::size_t index = 0;
    std::string key;
    std::set<std::string> keys;
};

}  // namespace

std::optional<Json> parse_json(const std::string& text, Problems& problems) {
    std::vector<Frame> stack;
    auto advance = [&] {
        if (!stack.empty() && stack.back().array) ++stack.back().index;
    };
    auto pointer_of_parents = [&] {
        std::string pointer;
        for (std::size_t i = 0; i + 1 < stack.size(); ++i) {
            pointer = stack[i].array ? pointer_join(pointer, stack[i].index) : pointer_join(pointer, stack[i].key);
        }
        return pointer;
    };
    auto callback = [&](int, Json::parse_event_t event, Json& parsed) {
        switch (event) {
            case Json::parse_event_t::object_start:
                stack.push_back({});
                break;
            case Json::parse_event_t::array_start:
                stack.emplace_back();
                stack.back().array = true;
                break;
            case Json::parse_event_t::key: {
                auto& frame = stack.back();
                frame.key = parsed.get<std::string>();
                if (!frame.keys.insert(frame.key).second) {
                    problems.error(pointer_join(pointer_of_parents(), frame.key),
                                   "duplicate key \"" + frame.key + "\" in one object");
                }
                break;
            }
            case Json::parse_event_t::object_end:
            case Json::parse_event_t::array_end:
                stack.pop_back();
                advance();
                break;
            case Json::parse_event_t::value:
                advance();
                break;
        }
        return true;
    };
    try {
        return Json::parse(text, callback);
    } catch (const Json::parse_error& error) {
        problems.error(
            "", "invalid JSON at " + line_and_column(text, error.byte) + ": " + parse_error_reason(error.what()));
        return std::nullopt;
    }
}

}  // namespace reconcile::desired_state::detail
