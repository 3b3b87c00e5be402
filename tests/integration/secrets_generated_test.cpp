// Passwords built from the characters that break connection strings when
// pasted unencoded ('@', '/', '%', '?', '&', quotes, spaces...), given to
// libpq in every form, against a port where nothing listens: no piece of a
// password may come back in the error. Generated with a fixed seed, so a
// failure reproduces; the strings are tried in-process (Connection::open),
// the CLI test covers the binary.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "catalog/pg/connection.hpp"

using namespace reconcile::catalog;

namespace {

// Upper-case markers: nothing else in the connection strings below has
// upper-case letters, so any marker in a message came from a password.
const std::vector<std::string> markers = {"QX", "ZJ", "KW"};

std::string generated_password(std::mt19937& random, bool keyword_value) {
    // '=' is left out of keyword/value passwords: "password=a b=c" is, to
    // libpq and to anyone, the keyword b.
    std::vector<std::string> pieces = {"QX", "ZJ", "KW", "@", "/", "%", "%4", "%41", "?",  "[",
                                       "]",  ":",  "#",  "&", "'", " ", "\\", "\"",  "://"};
    if (!keyword_value) pieces.push_back("=");
    std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1), count(1, 7);
    std::string out;
    for (std::size_t n = count(random); n > 0; --n) out += pieces[piece(random)];
    return out + "QX";
}

}  // namespace

TEST_CASE("connection errors show no piece of generated passwords", "[connection][secrets]") {
    std::mt19937 random(20261130);
    for (int round = 0; round < 150; ++round) {
        const std::string uri_password = generated_password(random, false);
        const std::string kv_password = generated_password(random, true);
        const std::vector<std::string> conninfos = {
            "postgresql://u:" + uri_password + "@127.0.0.1:1/db",
            "postgres://u:" + uri_password + "@[::1]:1/db?sslmode=disable",
            "postgresql://127.0.0.1:1/db?password=" + uri_password,
            "postgresql://u:" + uri_password + "@127.0.0.1:1/db?x",
            "host=127.0.0.1 port=1 password=" + kv_password,
            "host=127.0.0.1 port=1 password='" + kv_password + "'",
        };
        for (const auto& conninfo : conninfos) {
            try {
                Connection::open(conninfo);
                FAIL("connected to " << conninfo);
            } catch (const ConnectionError& error) {
                INFO(conninfo << "\n" << error.what());
                for (const auto& marker : markers) CHECK_THAT(error.what(), !Catch::Contains(marker));
            }
        }
    }
}
