-- A SQL function whose body names another schema's function unqualified,
-- relying on the search_path it runs with (PostgREST's fixtures do this).
-- pg_dump restores it with check_function_bodies off; apply creates it with
-- the body checked under the session's search_path, and fails: function
-- g() does not exist.
SET check_function_bodies = false;
CREATE SCHEMA e;
CREATE FUNCTION e.g() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
CREATE SCHEMA s;
CREATE FUNCTION s.f() RETURNS int LANGUAGE sql AS $$ SELECT g() $$;
