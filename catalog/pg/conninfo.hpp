#pragma once
// Keeping passwords out of messages. Pure string work, no libpq: the strings
// that leak are exactly the ones libpq cannot parse, so the rules here are
// our own and err on the side of masking too much.
//
// What counts as a password in a connection string (every form found is
// masked, whether or not libpq would read it that way):
// - in a URI ("scheme://" anywhere in the string), the user info's password:
//   from the first ':' after "://" to the LAST '@' in the rest of the string.
//   An unencoded '@', '/', '?' or '%' in a pasted password makes libpq split
//   the URI elsewhere, and then echo pieces of the password as host, port or
//   database names; taking the widest reading keeps those pieces covered. A
//   '@' in a query value (?user=a@b) makes the mask wider than needed;
// - "password=value" in a URI query (the keyword percent-decoded), up to
//   the next "&keyword=": an unencoded '&' stays inside the password;
// - "password = value" in a keyword/value string, bare or single-quoted,
//   up to the next "keyword =": what follows an unquoted space or a stray
//   quote is the rest of a pasted password, not a new keyword.
// User names are not secrets and stay visible: they are what a reader
// needs to understand "password authentication failed for user ...".
#include <string>
#include <string_view>

namespace reconcile::catalog {

// The connection string for display, each password replaced by "****":
// "postgresql://u:secret@h/db" -> "postgresql://u:****@h/db";
// "host=h password=secret" -> "host=h password=****".
std::string mask_password(std::string_view conninfo);

// text (an error message about conninfo, from libpq or the server) with
// everything that shows conninfo's passwords replaced by "****". A piece of
// text shows a password when it is found in conninfo (as written or
// percent-decoded) only where it overlaps a password: a host name "ss@h"
// cut from "u:p@ss@h" is masked, a user name "u" that also appears outside
// the password is kept. Such pieces are masked when they are four
// characters or longer anywhere, and at any length between double or
// single quotes (libpq and the server quote what they echo; shorter
// unquoted runs would match prose by chance). Each password as written,
// percent-decoded and unquoted is masked wherever it is. Then
// mask_passwords_in_text.
std::string scrub_password(std::string_view text, std::string_view conninfo);

// text with every occurrence of secret replaced by "****". For a password
// known from elsewhere (libpq's resolved options). An empty secret changes
// nothing.
std::string scrub_secret(std::string_view text, std::string_view secret);

// Free text (an option parser's message, anything) with the passwords of the
// connection strings embedded in it masked: URIs with user info, and
// "password=value" words. A URI ends at white space or a quote here, so
// this is a net under scrub_password, not a replacement for it.
std::string mask_passwords_in_text(std::string_view text);

}  // namespace reconcile::catalog
