#include "desired-state/json_reader.hpp"

#include <algorithm>
#include <limits>

#include "desired-state/edit_distance.hpp"

namespace reconcile::desired_state::detail {

// PostgreSQL's NAMEDATALEN is 64, including the terminating zero byte.
constexpr std::size_t max_identifier_bytes = 63;

std::string pointer_token(std::string_view token) {
    std::string out;
    for (char c : token) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

std::string pointer_join(const std::string& base, std::string_view key) {
    return base + "/" + pointer_token(key);
}

std::string pointer_join(const std::string& base, std::size_t index) {
    return base + "/" + std::to_string(index);
}

void Problems::error(std::string pointer, std::string message, std::string suggestion) {
    sink_->push_back({{file_, std::move(pointer)}, std::move(message), std::move(suggestion)});
    ++count_;
}

std::string describe_type(const Json& value) {
    switch (value.type()) {
        case Json::value_t::null:
            return "null";
        case Json::value_t::object:
            return "an object";
        case Json::value_t::array:
            return "an array";
        case Json::value_t::string:
            return "a string";
        case Json::value_t::boolean:
            return "a boolean";
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned:
            return "an integer";
        case Json::value_t::number_float:
            return "a number";
        default:
            return "an unsupported value";
    }
}

namespace {

void expected(Problems& problems, const std::string& pointer, std::string_view what, const Json& got) {
    problems.error(pointer, "expected " + std::string(what) + ", got " + describe_type(got));
}

}  // namespace

ObjectReader::ObjectReader(const Json& value, std::string pointer, Problems& problems,
                           const std::vector<std::string_view>& allowed)
    : pointer_(std::move(pointer)), problems_(&problems) {
    if (!value.is_object()) {
        expected(problems, pointer_, "an object", value);
        return;
    }
    object_ = &value;
    for (const auto& [key, unused] : value.items()) {
        if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
        std::vector<std::string> known(allowed.begin(), allowed.end());
        problems.error(pointer_join(pointer_, key), "unknown key \"" + key + "\"", closest(key, known));
    }
}

bool ObjectReader::has(std::string_view key) const {
    return object_ && object_->contains(key);
}

const Json* ObjectReader::value(std::string_view key, Need need) const {
    if (!object_) return nullptr;
    auto it = object_->find(key);
    if (it == object_->end()) {
        if (need == Need::required) {
            problems_->error(pointer(key), "missing required key \"" + std::string(key) + "\"");
        }
        return nullptr;
    }
    return &*it;
}

std::optional<std::string> ObjectReader::string(std::string_view key, Need need) const {
    const Json* found = value(key, need);
    if (!found) return std::nullopt;
    if (!found->is_string()) {
        expected(*problems_, pointer(key), "a string", *found);
        return std::nullopt;
    }
    return found->get<std::string>();
}

std::optional<bool> ObjectReader::boolean(std::string_view key) const {
    const Json* found = value(key);
    if (!found) return std::nullopt;
    if (!found->is_boolean()) {
        expected(*problems_, pointer(key), "a boolean (true or false)", *found);
        return std::nullopt;
    }
    return found->get<bool>();
}

std::optional<std::int64_t> ObjectReader::integer(std::string_view key) const {
    const Json* found = value(key);
    if (!found) return std::nullopt;
    if (found->is_number_unsigned()) {
        auto number = found->get<std::uint64_t>();
        if (number > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            problems_->error(pointer(key), "integer out of range for bigint");
            return std::nullopt;
        }
        return static_cast<std::int64_t>(number);
    }
    if (!found->is_number_integer()) {
        expected(*problems_, pointer(key), "an integer", *found);
        return std::nullopt;
    }
    return found->get<std::int64_t>();
}

const Json* ObjectReader::object(std::string_view key, Need need) const {
    const Json* found = value(key, need);
    if (found && !found->is_object()) {
        expected(*problems_, pointer(key), "an object", *found);
        return nullptr;
    }
    return found;
}

const Json* ObjectReader::array(std::string_view key, Need need) const {
    const Json* found = value(key, need);
    if (found && !found->is_array()) {
        expected(*problems_, pointer(key), "an array", *found);
        return nullptr;
    }
    return found;
}

std::optional<std::vector<std::string>> ObjectReader::strings(std::string_view key, Need need) const {
    const Json* found = array(key, need);
    if (!found) return std::nullopt;
    std::vector<std::string> out;
    bool all_strings = true;
    for (std::size_t i = 0; i < found->size(); ++i) {
        const Json& element = (*found)[i];
        if (!element.is_string()) {
            expected(*problems_, pointer_join(pointer(key), i), "a string", element);
            all_strings = false;
            continue;
        }
        out.push_back(element.get<std::string>());
    }
    // Callers point at elements by their index in the result, which only
    // matches the array's when nothing was left out.
    if (!all_strings) return std::nullopt;
    return out;
}

bool check_identifier(std::string_view name, const std::string& pointer, Problems& problems, std::string_view what) {
    if (name.empty()) {
        problems.error(pointer, "empty " + std::string(what) + " name");
        return false;
    }
    if (name.size() > max_identifier_bytes) {
        problems.error(pointer, std::string(what) + " name \"" + std::string(name) + "\" is " +
                                    std::to_string(name.size()) + " bytes long; PostgreSQL allows at most 63 bytes");
        return false;
    }
    return true;
}

std::string normalize_word(std::string_view text) {
    std::string out;
    for (char c : text) {
        bool space = c == ' ' || c == '_' || c == '-' || c == '\t';
        if (space) {
            if (!out.empty() && out.back() != ' ') out += ' ';
            continue;
        }
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::string suggest_word(std::string_view written, const std::vector<std::string>& spellings) {
    std::vector<std::string> normalized;
    for (const auto& spelling : spellings) normalized.push_back(normalize_word(spelling));
    std::string best = closest(normalize_word(written), normalized);
    for (std::size_t i = 0; i < normalized.size(); ++i) {
        if (!best.empty() && normalized[i] == best) return spellings[i];
    }
    return {};
}

std::vector<std::string> ObjectReader::storage_parameters(std::string_view key) const {
    std::vector<std::string> out;
    const Json* parameters = object(key);
    if (!parameters) return out;
    for (const auto& [name, value] : parameters->items()) {
        std::string at = pointer_join(pointer(key), name);
        if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
            })) {
            problems_->error(at,
                             "\"" + name + "\" is not a storage parameter name (lower case letters, digits, _ and .)");
            continue;
        }
        if (value.is_string()) {
            out.push_back(name + "=" + value.get<std::string>());
        } else if (value.is_boolean()) {
            out.push_back(name + "=" + (value.get<bool>() ? "true" : "false"));
        } else if (value.is_number()) {
            out.push_back(name + "=" + value.dump());
        } else {
            problems_->error(at, "expected a string, number or boolean, got " + describe_type(value));
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace reconcile::desired_state::detail
