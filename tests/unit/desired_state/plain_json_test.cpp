#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "desired-state/loader.hpp"

using reconcile::desired_state::detail::Json;
using reconcile::desired_state::detail::parse_plain_json;

namespace {

// Equal values of the same types all the way down: nlohmann's == counts 5
// (unsigned) and 5 (signed) as equal, and the fast path must not mix them up.
bool same(const Json& a, const Json& b) {
    if (a.type() != b.type()) return false;
    if (a.is_object()) {
        if (a.size() != b.size()) return false;
        for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j) {
            if (i.key() != j.key() || !same(*i, *j)) return false;
        }
        return true;
    }
    if (a.is_array()) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (!same(a[i], b[i])) return false;
        }
        return true;
    }
    return a == b;
}

// What nlohmann makes of text, or nothing when it rejects it.
std::optional<Json> nlohmann_parse(const std::string& text) {
    try {
        return Json::parse(text);
    } catch (const Json::parse_error&) {
        return std::nullopt;
    }
}

// The fast path either declines or agrees with nlohmann exactly.
void check_agrees(const std::string& text) {
    INFO("text: " << text);
    auto plain = parse_plain_json(text);
    if (!plain) return;
    auto reference = nlohmann_parse(text);
    REQUIRE(reference);
    CHECK(same(*plain, *reference));
}

// A random document, mostly in the plain subset, sometimes not.
std::string random_value(std::mt19937& random, int depth) {
    auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
    auto space = [&] { return std::string(" \n\t\r").substr(0, static_cast<std::size_t>(pick(3))); };
    static const std::vector<std::string> strings = {R"("")",
                                                     R"("id")",
                                                     R"("a \"quoted\" \\ word")",
                                                     R"("tab\there\/\b\f\n\r")",
                                                     R"("timestamp with time zone")",
                                                     R"("'{}'::jsonb")",
                                                     R"("caf\u00e9")",
                                                     "\"caf\xc3\xa9\"",
                                                     R"("~/path")",
                                                     "\"\x7f\""};
    static const std::vector<std::string> scalars = {"0",
                                                     "-0",
                                                     "7",
                                                     "-12",
                                                     "9223372036854775807",
                                                     "9223372036854775808",
                                                     "-9223372036854775808",
                                                     "-9223372036854775809",
                                                     "18446744073709551615",
                                                     "18446744073709551616",
                                                     "1.5",
                                                     "1e3",
                                                     "true",
                                                     "false",
                                                     "null"};
    int kind = depth > 3 ? pick(2) : pick(4);
    if (kind == 0) return space() + strings[static_cast<std::size_t>(pick(static_cast<int>(strings.size())))];
    if (kind == 1) return space() + scalars[static_cast<std::size_t>(pick(static_cast<int>(scalars.size())))];
    std::string out;
    int count = pick(5);
    if (kind == 2) {
        out = "[";
        for (int i = 0; i < count; ++i) out += (i ? "," : "") + random_value(random, depth + 1) + space();
        return space() + out + "]";
    }
    out = "{";
    for (int i = 0; i < count; ++i) {
        // Few distinct keys, so some objects repeat one.
        std::string key = "\"k" + std::to_string(pick(6)) + "\"";
        out += (i ? "," : "") + space() + key + space() + ":" + random_value(random, depth + 1) + space();
    }
    return space() + out + "}";
}

}  // namespace

TEST_CASE("plain JSON: the same document as nlohmann", "[desired_state][json]") {
    const char* plain[] = {
        R"({"table": "jobs", "columns": [{"name": "id", "type": "bigint", "not_null": true}], "comment": null})",
        R"({"a": {"b": [1, -2, 0, -0, [], {}]}, "c": false, "e": "\"\\\/\b\f\n\r\t"})",
        R"({"max": 18446744073709551615, "big": 9223372036854775807, "min": -9223372036854775808})",
        " \n\t\r[1] \r\n",
        "\"just a string\"",
        "42",
        "{\"del\": \"\x7f\"}",
    };
    for (const char* text : plain) {
        INFO("text: " << text);
        auto document = parse_plain_json(text);
        REQUIRE(document);
        CHECK(same(*document, Json::parse(text)));
    }
    auto numbers = parse_plain_json(R"([18446744073709551615, 9223372036854775807, -1, -0, 0])");
    REQUIRE(numbers);
    CHECK((*numbers)[0].is_number_unsigned());
    CHECK((*numbers)[1].is_number_unsigned());
    CHECK((*numbers)[2].is_number_integer());
    CHECK_FALSE((*numbers)[2].is_number_unsigned());
    CHECK_FALSE((*numbers)[3].is_number_unsigned());
    CHECK((*numbers)[4].is_number_unsigned());
}

TEST_CASE("plain JSON: declines everything else, valid or not", "[desired_state][json]") {
    const char* declined[] = {// Outside the subset, left to nlohmann.
                              R"({"a": 1.5})", R"({"a": 1e3})", R"({"a": 18446744073709551616})",
                              R"({"a": -9223372036854775809})", R"({"a": "\u0041"})", "{\"a\": \"caf\xc3\xa9\"}",
                              "\xef\xbb\xbf{}", R"({"a": 1, "a": 2})", R"({"a": {"b": 1, "b": 1}})",
                              // Invalid JSON, for nlohmann to describe.
                              "", " ", "{", "[1,]", R"({"a": 1,})", "{,}", R"({"a" 1})", "01", "-", "-a", "tru", "nul",
                              "truex", "[1 2]", "{} {}", R"({"a": "tab	inside"})", R"({"a": "\x"})",
                              R"("unterminated)", R"({"a": 1]})", "[1}", "/* comment */ {}", R"({'a': 1})"};
    for (const char* text : declined) {
        INFO("text: " << text);
        CHECK_FALSE(parse_plain_json(text));
    }
    // Very deep nesting is left to nlohmann's parser, which does not recurse.
    CHECK_FALSE(parse_plain_json(std::string(1000, '[') + std::string(1000, ']')));
    CHECK(parse_plain_json(std::string(100, '[') + std::string(100, ']')));
}

TEST_CASE("plain JSON: random documents and their mutations", "[desired_state][json]") {
    std::mt19937 random(20261121);
    int accepted = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string text = random_value(random, 0);
        check_agrees(text);
        if (parse_plain_json(text)) ++accepted;
        // Damaged copies: a byte dropped, doubled or replaced.
        for (int j = 0; j < 3 && !text.empty(); ++j) {
            std::string damaged = text;
            auto at = random() % damaged.size();
            switch (random() % 3) {
                case 0:
                    damaged.erase(at, 1);
                    break;
                case 1:
                    damaged.insert(at, 1, damaged[at]);
                    break;
                default:
                    damaged[at] = "{}[]:,\"\\ -0a"[random() % 13];
            }
            check_agrees(damaged);
        }
    }
    // The subset is most of what the generator writes, so the comparison
    // above is not vacuous.
    CHECK(accepted > 1000);
}
