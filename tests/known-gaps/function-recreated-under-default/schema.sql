-- Its result type changes: DROP FUNCTION is refused while the default
-- depends on it. The plan would have to drop the default, re-create the
-- function and set the default again; today plan refuses, naming the default.
CREATE FUNCTION next_code() RETURNS bigint LANGUAGE sql AS 'SELECT 1';
CREATE TABLE t (id int PRIMARY KEY, code bigint DEFAULT next_code());
