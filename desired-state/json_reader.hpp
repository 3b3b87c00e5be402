#pragma once
// Strict reading of manifest JSON: every value is checked for its type, every
// object for keys it does not allow, and every problem is recorded with the
// file and JSON pointer where it is, so a run reports all of them at once.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "desired-state/manifests.hpp"

namespace reconcile::desired_state::detail {

using Json = nlohmann::json;

// RFC 6901: "~" becomes "~0" and "/" becomes "~1".
std::string pointer_token(std::string_view token);
std::string pointer_join(const std::string& base, std::string_view key);
std::string pointer_join(const std::string& base, std::size_t index);

// Problems found in one file, appended to a shared list.
class Problems {
public:
    Problems(std::string file, std::vector<Diagnostic>& sink) : file_(std::move(file)), sink_(&sink) {}

    void error(std::string pointer, std::string message, std::string suggestion = {});
    SourceLocation at(std::string pointer) const { return {file_, std::move(pointer)}; }
    const std::string& file() const { return file_; }
    std::size_t count() const { return count_; }

private:
    std::string file_;
    std::vector<Diagnostic>* sink_;
    std::size_t count_ = 0;
};

// "a string", "an array"... for "expected a string, got an array".
std::string describe_type(const Json& value);

enum class Need { optional, required };

// One JSON object read strictly. Keys not in `allowed` are reported at
// construction, with the closest allowed key as a suggestion. Accessors
// report a missing required key or a value of the wrong type and then
// return nothing, so callers simply skip what they could not read.
class ObjectReader {
public:
    ObjectReader(const Json& value, std::string pointer, Problems& problems,
                 const std::vector<std::string_view>& allowed);

    bool valid() const { return object_ != nullptr; }
    bool has(std::string_view key) const;
    const std::string& pointer() const { return pointer_; }
    std::string pointer(std::string_view key) const { return pointer_join(pointer_, key); }
    Problems& problems() const { return *problems_; }

    // The raw value, or nullptr (reporting it when required and missing).
    const Json* value(std::string_view key, Need need = Need::optional) const;
    std::optional<std::string> string(std::string_view key, Need need = Need::optional) const;
    std::optional<bool> boolean(std::string_view key) const;
    std::optional<std::int64_t> integer(std::string_view key) const;
    const Json* object(std::string_view key, Need need = Need::optional) const;
    const Json* array(std::string_view key, Need need = Need::optional) const;
    // An array of strings. Elements of another type are reported, and then
    // the whole array is nothing, so that every index a caller reports is
    // the index in the file.
    std::optional<std::vector<std::string>> strings(std::string_view key, Need need = Need::optional) const;
    // Storage parameters: an object of name -> string, number or boolean,
    // as "name=value" sorted by name (pg_class.reloptions form).
    std::vector<std::string> storage_parameters(std::string_view key) const;

private:
    const Json* object_ = nullptr;
    std::string pointer_;
    Problems* problems_;
};

// Names must fit PostgreSQL's NAMEDATALEN - 1 = 63 bytes: the server would
// silently truncate a longer one, and the truncated name would never match.
// Returns false (after reporting) for an empty or too long name.
bool check_identifier(std::string_view name, const std::string& pointer, Problems& problems, std::string_view what);

// A word from a fixed vocabulary ("set null", "by_default"...). Matching
// ignores case and treats "_", "-" and spaces alike, so natural spellings
// such as "SET NULL" or "set_null" are accepted.
template <typename E>
struct Word {
    std::string_view text;  // the spelling export writes
    E value;
};

std::string normalize_word(std::string_view text);

template <typename E, std::size_t N>
std::string_view spelling_of(const Word<E> (&words)[N], E value) {
    for (const auto& word : words) {
        if (word.value == value) return word.text;
    }
    return {};
}

std::string suggest_word(std::string_view written, const std::vector<std::string>& spellings);

template <typename E, std::size_t N>
std::optional<E> read_word(const ObjectReader& reader, std::string_view key, const Word<E> (&words)[N],
                           std::string_view what) {
    auto text = reader.string(key);
    if (!text) return std::nullopt;
    std::vector<std::string> spellings;
    for (const auto& word : words) {
        if (normalize_word(word.text) == normalize_word(*text)) return word.value;
        spellings.emplace_back(word.text);
    }
    std::string list;
    for (const auto& spelling : spellings) list += (list.empty() ? "" : ", ") + spelling;
    reader.problems().error(reader.pointer(key),
                            "unknown " + std::string(what) + " \"" + *text + "\"; expected one of: " + list,
                            suggest_word(*text, spellings));
    return std::nullopt;
}

}  // namespace reconcile::desired_state::detail
