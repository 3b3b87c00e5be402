-- A PL/pgSQL function that declares a variable of a view's row type. The
-- plan creates functions before views, and PL/pgSQL's validator resolves
-- DECLARE types at CREATE FUNCTION time (check_function_bodies on), so
-- applying the export to an empty database fails: type "member_view" does
-- not exist. (pg_dump restores such schemas by turning check_function_bodies
-- off.)
CREATE TABLE member (id int PRIMARY KEY, name text);
CREATE VIEW member_view AS SELECT id, name FROM member;
CREATE FUNCTION member_name(p_id int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  found_row member_view;
BEGIN
  SELECT * INTO found_row FROM member_view WHERE id = p_id;
  RETURN found_row.name;
END $$;
