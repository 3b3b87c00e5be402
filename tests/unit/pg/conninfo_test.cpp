// Password masking, against the messages libpq 15 really prints for the
// connection strings users really paste. No server: these are pure functions.
#include "catalog/pg/conninfo.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace reconcile::catalog;

TEST_CASE("mask_password: well-formed strings", "[conninfo]") {
    CHECK(mask_password("postgresql://user:secret@host:5432/db") == "postgresql://user:****@host:5432/db");
    CHECK(mask_password("postgres://u:p@ss@h/db?sslmode=require&password=x") ==
          "postgres://u:****@h/db?sslmode=require&password=****");
    CHECK(mask_password("postgresql://user@host/db") == "postgresql://user@host/db");
    CHECK(mask_password("postgresql:///db?password=x") == "postgresql:///db?password=****");
    CHECK(mask_password("postgresql://u:pw@[::1]:5432,h2:5433/db") == "postgresql://u:****@[::1]:5432,h2:5433/db");
    CHECK(mask_password("host=h password=secret dbname=d") == "host=h password=**** dbname=d");
    CHECK(mask_password("host=h password='sec ret' user=u") == "host=h password=**** user=u");
    CHECK(mask_password("password = 'it\\'s' host=h") == "password = **** host=h");
    CHECK(mask_password("host=h user=u") == "host=h user=u");
    CHECK(mask_password("") == "");
}

TEST_CASE("mask_password: strings libpq cannot parse, or splits elsewhere", "[conninfo]") {
    // An unencoded '%', an unclosed '[', and '/', '?' or '@' inside the password.
    CHECK(mask_password("postgresql://u:50%off-S3cr3t@host/db") == "postgresql://u:****@host/db");
    CHECK(mask_password("postgresql://u:pw@[host/db") == "postgresql://u:****@[host/db");
    CHECK(mask_password("postgresql://u:ab/cd@h/db") == "postgresql://u:****@h/db");
    CHECK(mask_password("postgresql://u:a?b=c@h/db?sslmode=x") == "postgresql://u:****@h/db?sslmode=x");
    CHECK(mask_password("postgresql://u:p@ss@h/db") == "postgresql://u:****@h/db");
    // libpq reads these as keyword/value strings and quotes them whole.
    CHECK(mask_password(" postgresql://u:pw@h/db") == " postgresql://u:****@h/db");
    CHECK(mask_password("POSTGRESQL://u:pw@h/db") == "POSTGRESQL://u:****@h/db");
    // A percent-encoded keyword is still the password.
    CHECK(mask_password("postgresql://h/db?pass%77ord=x&a=b") == "postgresql://h/db?pass%77ord=****&a=b");
    CHECK(mask_password("host=h password='unterminated secret") == "host=h password=****");
    CHECK(mask_password("host=h PASSWORD=x") == "host=h PASSWORD=****");
}

TEST_CASE("scrub_password: what libpq echoes back from malformed URIs", "[conninfo]") {
    CHECK(scrub_password("invalid percent-encoded token: \"50%off-S3cr3t\"", "postgresql://u:50%off-S3cr3t@host/db") ==
          "invalid percent-encoded token: \"****\"");
    CHECK(scrub_password("end of string reached when looking for matching \"]\" in IPv6 host address in URI: "
                         "\"postgresql://u:pw@[host/db\"",
                         "postgresql://u:pw@[host/db") ==
          "end of string reached when looking for matching \"]\" in IPv6 host address in URI: "
          "\"postgresql://u:****@[host/db\"");
    // libpq splits at the first '@': the rest of the password becomes the host.
    CHECK(scrub_password("could not translate host name \"ss1234@127.0.0.1\" to address: Name or service not known",
                         "postgresql://u:p@ss1234@127.0.0.1:1/db") ==
          "could not translate host name \"****@127.0.0.1\" to address: Name or service not known");
    // ...and at a '/' before any '@': the start of the password becomes the port.
    CHECK(scrub_password("invalid integer value \"ab12\" for connection option \"port\"",
                         "postgresql://u:ab12/cd34@127.0.0.1/db") ==
          "invalid integer value \"****\" for connection option \"port\"");
    CHECK(scrub_password("missing \"=\" after \"postgresql://u:S3cr3t@127.0.0.1/db\" in connection info string",
                         " postgresql://u:S3cr3t@127.0.0.1/db") ==
          "missing \"=\" after \"postgresql://u:****@127.0.0.1/db\" in connection info string");
}

TEST_CASE("scrub_password: percent-decoded and unquoted forms", "[conninfo]") {
    // libpq decodes before it reports, e.g. a host cut from the password.
    CHECK(scrub_password("could not translate host name \"ss x@h\" to address", "postgresql://u:p@ss%20x@h/db") ==
          "could not translate host name \"****@h\" to address");
    CHECK(scrub_password("the password S3cr3t was wrong", "postgresql://u:S3%63r3t@h/db") ==
          "the password **** was wrong");
    CHECK(scrub_password("echo sec ret", "host=h password='sec ret'") == "echo ****");
    CHECK(scrub_password("echo it's", "host=h password='it\\'s'") == "echo ****");
    // A quote inside the password does not split the fragment around it.
    CHECK(scrub_password("in URI: \"postgresql://u:a\"b1@[h/db\"", "postgresql://u:a\"b1@[h/db") ==
          "in URI: \"postgresql://u:****@[h/db\"");
}

TEST_CASE("passwords pasted with separators in them", "[conninfo]") {
    // A space in a keyword/value password: libpq ends the value there and
    // quotes the rest back as a keyword it cannot read.
    CHECK(mask_password("host=h password=ab cdQX user=u") == "host=h password=**** user=u");
    CHECK(scrub_password("missing \"=\" after \"cdQX\" in connection info string", "host=h password=ab cdQX user=u") ==
          "missing \"=\" after \"****\" in connection info string");
    CHECK(mask_password("host=h password='ab'cdQX") == "host=h password=****");
    // An '&' in a query password, or an '@' where no user info precedes it.
    CHECK(mask_password("postgresql://h/db?password=a&bQX&sslmode=require") ==
          "postgresql://h/db?password=****&sslmode=require");
    CHECK_THAT(mask_password("postgresql://h:1/db?password=@QX"), !Catch::Contains("QX"));
    // A '"' in the password pairs with libpq's own quotes. (The '@' makes
    // "1/db?password=" read as user info too: masked, "=" included.)
    CHECK(scrub_password("in URI query parameter: \"\"QX\"", "postgresql://h:1/db?password=@://&\"QX") ==
          "in URI query parameter: \"****\"");
    CHECK(scrub_password("connection to server on socket \"@\"QX@127.0.0.1/.s.PGSQL.1\" failed",
                         "postgresql://u::\"@@\"QX@127.0.0.1:1/db") ==
          "connection to server on socket \"****@127.0.0.1/.s.PGSQL.1\" failed");
    // An unquoted piece of four or more characters, wherever it is.
    CHECK(scrub_password("host ss12@h unknown", "postgresql://u:p@ss12@h/db") == "host ****@h unknown");
}

TEST_CASE("scrub_password: what does not show a password stays", "[conninfo]") {
    const std::string conninfo = "postgresql://app:S3cr3t@db.example:5432/orders";
    const std::string message = "password authentication failed for user \"app\"";
    CHECK(scrub_password(message, conninfo) == message);
    CHECK(scrub_password("database \"orders\" does not exist", conninfo) == "database \"orders\" does not exist");
    // Words of the password inside words of the message are not pieces of it.
    const std::string refused = "connection to server at \"127.0.0.1\", port 1 failed: Connection refused";
    CHECK(scrub_password(refused, "postgresql://app:connection1@127.0.0.1:1/db") == refused);
    // Without a password there is nothing to scrub.
    CHECK(scrub_password("role \"u\" does not exist", "host=h user=u") == "role \"u\" does not exist");
}

TEST_CASE("mask_passwords_in_text: connection strings inside prose", "[conninfo]") {
    CHECK(mask_passwords_in_text("plan: unrecognised option '--databse=postgresql://u:S3cr3t@h/db'") ==
          "plan: unrecognised option '--databse=postgresql://u:****@h/db'");
    CHECK(mask_passwords_in_text("unknown option '--dsn=host=h password=S3cr3t user=u'") ==
          "unknown option '--dsn=host=h password=**** user=u'");
    CHECK(mask_passwords_in_text("uri postgresql://h/db?password=S3cr3t&sslmode=require ok") ==
          "uri postgresql://h/db?password=****&sslmode=require ok");
    // Already masked text is left as it is, punctuation included.
    const std::string masked = "cannot connect to host=h password=****: connection refused";
    CHECK(mask_passwords_in_text(masked) == masked);
    CHECK(mask_passwords_in_text("password authentication failed") == "password authentication failed");
}

TEST_CASE("scrub_secret", "[conninfo]") {
    CHECK(scrub_secret("a hunter2 b hunter2", "hunter2") == "a **** b ****");
    CHECK(scrub_secret("abc", "") == "abc");
    // The replacement cannot create a new occurrence.
    CHECK(scrub_secret("***", "*") == "************");
}
