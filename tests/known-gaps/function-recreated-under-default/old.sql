-- The function returns integer; a column default calls it.
CREATE FUNCTION next_code() RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE TABLE t (id int PRIMARY KEY, code bigint DEFAULT next_code());
