#include "catalog/model/printable.hpp"

#include <catch2/catch.hpp>

using reconcile::catalog::Newlines;
using reconcile::catalog::printable;

TEST_CASE("printable escapes what could rewrite a terminal and keeps the rest", "[model][printable]") {
    CHECK(printable("public.jobs") == "public.jobs");
    CHECK(printable("名前 \"quoted\" back\\slash") == "名前 \"quoted\" back\\slash");
    CHECK(printable("\x1b[2J\x1b]0;title\x07") == "\\x1b[2J\\x1b]0;title\\x07");
    CHECK(printable("a\nb\rc\td\x7f") == "a\\nb\\rc\\td\\x7f");
    CHECK(printable(std::string("nul\0here", 8)) == "nul\\x00here");
    CHECK(printable("csi\xc2\x9b"
                    "31m nel\xc2\x85") == "csi\\u{009B}31m nel\\u{0085}");
    CHECK(printable("rtl\xe2\x80\xae"
                    "fdp.exe") == "rtl\\u{202E}fdp.exe");
    // Bytes that are not UTF-8: a lone 0x9b is a one-byte CSI on 8-bit terminals.
    CHECK(printable("lone\x9b"
                    "31m \xff \xc3") == "lone\\x9b31m \\xff \\xc3");
    CHECK(printable("overlong \xc0\xaf") == "overlong \\xc0\\xaf");
}

TEST_CASE("printable keeps line breaks when asked", "[model][printable]") {
    CHECK(printable("two\nlines\x1b", Newlines::keep) == "two\nlines\\x1b");
    // libpq indents a hint with a tab after a line break: layout, kept.
    CHECK(printable("failed\n\tIs the server running?\r", Newlines::keep) == "failed\n\tIs the server running?\\r");
    CHECK(printable("a\tb") == "a\\tb");
}
