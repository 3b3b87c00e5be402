// Password masking for connection strings. Pure string work, no libpq: it
// must also mask strings libpq would reject, since those end up in messages.
#include <cctype>
#include <string>
#include <string_view>

#include "catalog/pg/connection.hpp"

namespace reconcile::catalog {

namespace {

constexpr std::string_view mask = "****";

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
    }
    return true;
}

// URI query parameters: "?sslmode=require&password=secret".
std::string mask_query(std::string_view query) {
    std::string out;
    std::size_t pos = 0;
    while (pos <= query.size()) {
        std::size_t end = query.find('&', pos);
        if (end == std::string_view::npos) end = query.size();
        std::string_view param = query.substr(pos, end - pos);
        std::size_t eq = param.find('=');
        if (eq != std::string_view::npos && param.substr(0, eq) == "password") {
            out += "password=";
            out += mask;
        } else {
            out += param;
        }
        if (end == query.size()) break;
        out += '&';
        pos = end + 1;
    }
    return out;
}

// postgresql://user:secret@host:port/db?param=value
std::string mask_uri(std::string_view uri, std::size_t scheme_end) {
    std::string out(uri.substr(0, scheme_end));
    std::string_view rest = uri.substr(scheme_end);
    std::size_t authority_end = rest.find_first_of("/?");
    std::string_view authority = rest.substr(0, authority_end);
    std::string_view tail = authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);

    // The user info ends at the last '@': a password may itself contain '@'
    // when the user did not percent-encode it.
    std::size_t at = authority.rfind('@');
    if (at != std::string_view::npos) {
        std::string_view userinfo = authority.substr(0, at);
        std::size_t colon = userinfo.find(':');
        if (colon != std::string_view::npos) {
            out += userinfo.substr(0, colon + 1);
            out += mask;
        } else {
            out += userinfo;
        }
        out += authority.substr(at);
    } else {
        out += authority;
    }

    std::size_t question = tail.find('?');
    if (question == std::string_view::npos) {
        out += tail;
    } else {
        out += tail.substr(0, question + 1);
        out += mask_query(tail.substr(question + 1));
    }
    return out;
}

// keyword = value pairs; values are bare words or single-quoted with
// backslash escapes, as libpq parses them.
std::string mask_key_value(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    const std::size_t n = text.size();
    auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    while (i < n) {
        while (i < n && is_space(text[i])) out += text[i++];
        std::size_t key_start = i;
        while (i < n && text[i] != '=' && !is_space(text[i])) ++i;
        std::string_view key = text.substr(key_start, i - key_start);
        out += key;
        while (i < n && is_space(text[i])) out += text[i++];
        if (i >= n || text[i] != '=') continue;  // malformed; copy on
        out += text[i++];
        while (i < n && is_space(text[i])) out += text[i++];

        std::size_t value_start = i;
        if (i < n && text[i] == '\'') {
            ++i;
            while (i < n && text[i] != '\'') i += (text[i] == '\\' && i + 1 < n) ? 2 : 1;
            if (i < n) ++i;  // closing quote
        } else {
            while (i < n && !is_space(text[i])) i += (text[i] == '\\' && i + 1 < n) ? 2 : 1;
        }
        if (key == "password") {
            out += mask;
        } else {
            out += text.substr(value_start, i - value_start);
        }
    }
    return out;
}

}  // namespace

std::string mask_password(std::string_view conninfo) {
    for (std::string_view scheme : {std::string_view("postgresql://"), std::string_view("postgres://")}) {
        if (starts_with_nocase(conninfo, scheme)) return mask_uri(conninfo, scheme.size());
    }
    return mask_key_value(conninfo);
}

}  // namespace reconcile::catalog
