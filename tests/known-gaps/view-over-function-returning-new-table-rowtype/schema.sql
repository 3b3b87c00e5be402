-- A view reading from a function that returns a table's row type, applied
-- to a database without the table (found on PostgREST's fixtures). The
-- view's scratch transaction creates the functions it calls before the
-- tables of its batch, and does not point the function's result type at the
-- table's scratch copy: planning fails with 'type "s.t" does not exist'.
-- Without the view, or against a database that has the table, it plans.
CREATE SCHEMA s;
CREATE TABLE s.t (x int);
CREATE FUNCTION s.f(id int) RETURNS SETOF s.t LANGUAGE sql AS $$ SELECT * FROM s.t $$;
CREATE VIEW s.v AS SELECT * FROM s.f(1);
