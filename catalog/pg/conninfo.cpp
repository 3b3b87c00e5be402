// Password masking for connection strings and the messages about them (see
// conninfo.hpp for what counts as a password and why).
#include "catalog/pg/conninfo.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace reconcile::catalog {

namespace {

constexpr std::string_view mask = "****";

bool is_space(char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// A string with, for each character, whether it belongs to a password.
struct Marked {
    std::string text;
    std::vector<bool> secret;

    void mark(std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end && i < secret.size(); ++i) secret[i] = true;
    }
    bool any_secret(std::size_t begin, std::size_t end) const {
        return std::find(secret.begin() + begin, secret.begin() + end, true) != secret.begin() + end;
    }
    // text[begin, end) with each run of password characters as one "****".
    std::string masked(std::size_t begin, std::size_t end) const {
        std::string out;
        for (std::size_t i = begin; i < end; ++i) {
            if (!secret[i]) {
                out += text[i];
            } else if (i == begin || !secret[i - 1]) {
                out += mask;
            }
        }
        return out;
    }
    // Each maximal run of password characters.
    std::vector<std::string> secret_runs() const {
        std::vector<std::string> runs;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (!secret[i]) continue;
            std::size_t j = i;
            while (j < text.size() && secret[j]) ++j;
            runs.emplace_back(text.substr(i, j - i));
            i = j;
        }
        return runs;
    }
};

// The same string percent-decoded as libpq decodes URI parts; a character
// decoded from "%xx" is a password character when any of the three was.
// Malformed escapes are kept as written.
Marked percent_decoded(const Marked& raw) {
    Marked out;
    for (std::size_t i = 0; i < raw.text.size();) {
        if (raw.text[i] == '%' && i + 2 < raw.text.size() && hex_digit(raw.text[i + 1]) >= 0 &&
            hex_digit(raw.text[i + 2]) >= 0) {
            out.text += static_cast<char>(hex_digit(raw.text[i + 1]) * 16 + hex_digit(raw.text[i + 2]));
            out.secret.push_back(raw.any_secret(i, i + 3));
            i += 3;
        } else {
            out.text += raw.text[i];
            out.secret.push_back(raw.secret[i]);
            ++i;
        }
    }
    return out;
}

std::string percent_decode(std::string_view text) {
    Marked plain{std::string(text), std::vector<bool>(text.size(), false)};
    return percent_decoded(plain).text;
}

bool keyword_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// At `at` (just after a '&'), a query parameter as libpq keywords look:
// "sslmode=...". Anything else after a '&' in a password's value is taken
// to be more of the password: an unencoded '&' in a pasted password.
bool starts_query_parameter(std::string_view query, std::size_t at) {
    // libpq's keywords start with a letter.
    if (at >= query.size() || !std::isalpha(static_cast<unsigned char>(query[at]))) return false;
    std::size_t end = at;
    while (end < query.size() && (keyword_char(query[end]) || query[end] == '%')) ++end;
    return end > at && end < query.size() && query[end] == '=';
}

// Marks the password= values in the query `query` (after its '?').
void mark_query(Marked& s, std::size_t offset, std::string_view query) {
    for (std::size_t pos = 0; pos < query.size();) {
        std::size_t amp = query.find('&', pos);
        if (amp == std::string_view::npos) amp = query.size();
        std::string_view param = query.substr(pos, amp - pos);
        std::size_t eq = param.find('=');
        if (eq == std::string_view::npos || !iequals(percent_decode(param.substr(0, eq)), "password")) {
            pos = amp + 1;
            continue;
        }
        while (amp < query.size() && !starts_query_parameter(query, amp + 1)) {
            amp = query.find('&', amp + 1);
            if (amp == std::string_view::npos) amp = query.size();
        }
        s.mark(offset + pos + eq + 1, offset + amp);
        pos = amp + 1;
    }
}

// Marks the passwords of a URI whose user info starts at `start` (just after
// "://") and which ends at `end`.
void mark_uri(Marked& s, std::size_t start, std::size_t end) {
    std::string_view uri = std::string_view(s.text).substr(start, end - start);
    std::size_t at = uri.rfind('@');
    if (at != std::string_view::npos) {
        std::size_t colon = uri.substr(0, at).find(':');
        if (colon != std::string_view::npos) s.mark(start + colon + 1, start + at);
    }
    // The query starts at the first '?' after the user info, or at the
    // first '?' at all when the '@' found above belongs to a query value:
    // both readings are masked.
    for (std::size_t from : {std::size_t{0}, at == std::string_view::npos ? std::size_t{0} : at + 1}) {
        std::size_t question = uri.find('?', from);
        if (question != std::string_view::npos) mark_query(s, start + question + 1, uri.substr(question + 1));
    }
}

// Where a keyword/value password that starts at `from` ends: at the next
// "keyword =", or at the end. libpq ends a bare value at white space and a
// quoted one at its closing quote, then fails on the rest ("missing "="
// after ..."), quoting it: a password pasted with a space or a quote in it.
std::size_t key_value_password_end(std::string_view text, std::size_t from) {
    std::size_t end = from;
    for (;;) {
        std::size_t next = end;
        while (next < text.size() && is_space(text[next])) ++next;
        if (next >= text.size()) return end;
        std::size_t word = next;
        while (word < text.size() && keyword_char(text[word])) ++word;
        std::size_t eq = word;
        while (eq < text.size() && is_space(text[eq])) ++eq;
        if (word > next && eq < text.size() && text[eq] == '=') return end;
        while (next < text.size() && !is_space(text[next])) ++next;
        end = next;
    }
}

// Marks the value of every "password = value" in a keyword/value string:
// values are bare words or single-quoted with backslash escapes, as libpq
// reads them. Appends each value unquoted and unescaped to `values`.
void mark_key_values(Marked& s, std::vector<std::string>& values) {
    const std::string_view text = s.text;
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        while (i < n && is_space(text[i])) ++i;
        std::size_t key_start = i;
        while (i < n && text[i] != '=' && !is_space(text[i])) ++i;
        std::string_view key = text.substr(key_start, i - key_start);
        while (i < n && is_space(text[i])) ++i;
        if (i >= n || text[i] != '=') continue;
        ++i;
        while (i < n && is_space(text[i])) ++i;

        std::size_t value_start = i;
        std::string value;
        const bool quoted = i < n && text[i] == '\'';
        if (quoted) ++i;
        while (i < n && (quoted ? text[i] != '\'' : !is_space(text[i]))) {
            if (text[i] == '\\' && i + 1 < n) ++i;
            value += text[i++];
        }
        if (quoted && i < n) ++i;  // the closing quote
        if (iequals(key, "password") && i > value_start) {
            values.push_back(std::move(value));
            i = key_value_password_end(text, i);
            s.mark(value_start, i);
        }
    }
}

// The URIs and "password=" words embedded in free text. A URI ends at white
// space or a quote; a bare password value also at '&' (the next URI query
// parameter).
void mark_in_text(Marked& s) {
    const std::string_view text = s.text;
    for (std::size_t pos = text.find("://"); pos != std::string_view::npos; pos = text.find("://", pos + 3)) {
        std::size_t end = pos + 3;
        while (end < text.size() && !is_space(text[end]) && text[end] != '"' && text[end] != '\'') ++end;
        mark_uri(s, pos + 3, end);
    }
    constexpr std::string_view keyword = "password";
    for (std::size_t pos = 0; pos + keyword.size() <= text.size(); ++pos) {
        if (!iequals(text.substr(pos, keyword.size()), keyword)) continue;
        std::size_t i = pos + keyword.size();
        while (i < text.size() && is_space(text[i])) ++i;
        if (i >= text.size() || text[i] != '=') continue;
        ++i;
        while (i < text.size() && is_space(text[i])) ++i;
        std::size_t value_start = i;
        if (text.substr(i, mask.size()) == mask) continue;  // masked already; what follows is prose
        if (i < text.size() && text[i] == '\'') {
            for (++i; i < text.size() && text[i] != '\''; ++i) {
                if (text[i] == '\\') ++i;
            }
            i = std::min(i + 1, text.size());
        } else {
            while (i < text.size() && !is_space(text[i]) && text[i] != '&' && text[i] != '"' && text[i] != '\'') ++i;
        }
        s.mark(value_start, i);
    }
}

// conninfo with its passwords marked, and every written form of them.
struct Secrets {
    Marked raw;
    Marked decoded;
    std::vector<std::string> forms;  // longest first
};

Secrets find_secrets(std::string_view conninfo) {
    Secrets out;
    out.raw = Marked{std::string(conninfo), std::vector<bool>(conninfo.size(), false)};
    // Every "://", not only a leading one: libpq reads " postgresql://..."
    // (leading space) as a keyword/value string and quotes it whole. Each
    // runs to the end: a password may hold "://" too.
    for (std::size_t pos = conninfo.find("://"); pos != std::string_view::npos; pos = conninfo.find("://", pos + 3)) {
        mark_uri(out.raw, pos + 3, conninfo.size());
    }
    mark_key_values(out.raw, out.forms);
    out.decoded = percent_decoded(out.raw);
    for (auto& run : out.raw.secret_runs()) out.forms.push_back(std::move(run));
    for (auto& run : out.decoded.secret_runs()) out.forms.push_back(std::move(run));
    std::erase_if(out.forms, [](const std::string& form) { return form.empty(); });
    std::sort(out.forms.begin(), out.forms.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    return out;
}

// The masked form of `fragment` when it shows part of a password: it occurs
// in `view`, and every occurrence overlaps a password. Empty otherwise.
std::string masked_fragment(std::string_view fragment, const Marked& view) {
    std::size_t first = view.text.find(fragment);
    if (first == std::string::npos) return {};
    for (std::size_t pos = first; pos != std::string::npos; pos = view.text.find(fragment, pos + 1)) {
        if (!view.any_secret(pos, pos + fragment.size())) return {};
    }
    return view.masked(first, first + fragment.size());
}

// Pieces of a password copied into text unquoted, or cut off by a quote
// character inside the password itself: at each position, the longest run
// of text also found in `view` that starts and ends there where libpq cuts
// a connection string (at its ends or next to punctuation, never inside a
// word); when it is at least `min_length` long and shows a password
// (masked_fragment), its password characters are masked. "connect" in a
// message stays when the password is "connection1". Shorter runs are left
// to mask_quoted.
std::string mask_copied_runs(std::string_view text, const Marked& view, std::size_t min_length) {
    std::string out;
    const std::string_view source = view.text;
    auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
    for (std::size_t i = 0; i < text.size();) {
        std::size_t longest = 0;
        for (std::size_t j = 0; j < source.size(); ++j) {
            if (j > 0 && word_char(source[j - 1]) && word_char(source[j])) continue;
            std::size_t length = 0;
            while (i + length < text.size() && j + length < source.size() && text[i + length] == source[j + length]) {
                ++length;
            }
            const std::size_t end = j + length;
            if (length > 0 && end < source.size() && word_char(source[end - 1]) && word_char(source[end])) continue;
            longest = std::max(longest, length);
        }
        if (longest >= min_length) {
            std::string masked = masked_fragment(text.substr(i, longest), view);
            if (!masked.empty()) {
                out += masked;
                i += longest;
                continue;
            }
        }
        out += text[i++];
    }
    return out;
}

// Rewrites each fragment of text between two `quote` characters that shows
// a password. Not only between neighbouring quotes: a quote inside the
// password itself would pair up with the wrong one.
std::string mask_quoted(std::string text, char quote, const Secrets& secrets) {
    for (std::size_t open = text.find(quote); open != std::string::npos; open = text.find(quote, open + 1)) {
        for (std::size_t close = text.find(quote, open + 1); close != std::string::npos;
             close = text.find(quote, close + 1)) {
            std::string_view fragment = std::string_view(text).substr(open + 1, close - open - 1);
            if (fragment.empty()) continue;
            std::string replacement = masked_fragment(fragment, secrets.raw);
            if (replacement.empty()) replacement = masked_fragment(fragment, secrets.decoded);
            if (replacement.empty()) continue;
            text.replace(open + 1, close - open - 1, replacement);
            open += 1 + replacement.size();  // the closing quote, which opens no fragment
            break;
        }
    }
    return text;
}

}  // namespace

std::string mask_password(std::string_view conninfo) {
    Secrets secrets = find_secrets(conninfo);
    return secrets.raw.masked(0, conninfo.size());
}

std::string scrub_secret(std::string_view text, std::string_view secret) {
    std::string out(text);
    if (secret.empty()) return out;
    for (std::size_t pos = out.find(secret); pos != std::string::npos; pos = out.find(secret, pos + mask.size())) {
        out.replace(pos, secret.size(), mask);
    }
    return out;
}

std::string scrub_password(std::string_view text, std::string_view conninfo) {
    Secrets secrets = find_secrets(conninfo);
    std::string out(text);
    if (std::find(secrets.raw.secret.begin(), secrets.raw.secret.end(), true) == secrets.raw.secret.end()) {
        return mask_passwords_in_text(out);
    }
    // Longest pieces first, whole passwords last: once a short password is
    // masked inside a longer piece ("%41" in "%41QX&"), or a password that
    // is a quote character has replaced libpq's quotes, the rest of the
    // piece matches nothing.
    constexpr std::size_t min_run = 4;
    out = mask_copied_runs(out, secrets.raw, min_run);
    out = mask_copied_runs(out, secrets.decoded, min_run);
    out = mask_quoted(std::move(out), '"', secrets);
    out = mask_quoted(std::move(out), '\'', secrets);
    for (const auto& form : secrets.forms) out = scrub_secret(out, form);
    return mask_passwords_in_text(out);
}

std::string mask_passwords_in_text(std::string_view text) {
    Marked marked{std::string(text), std::vector<bool>(text.size(), false)};
    mark_in_text(marked);
    return marked.masked(0, text.size());
}

}  // namespace reconcile::catalog
