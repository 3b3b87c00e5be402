-- Applied onto old.sql on PostgreSQL 15 or older: resetting a column's
-- storage renders SET STORAGE DEFAULT, which only PostgreSQL 16 parses
-- (older servers need the type's own storage named). From sqldef's tests.
CREATE TABLE t (a text);
