-- A function whose result (or argument) type is a view's row type. Applied
-- to an empty database, plan canonicalizes the function in scratch before
-- any view exists there, and the server refuses: type "public.city_view"
-- does not exist. Export and plan against the source database are fine.
CREATE TABLE city (id int PRIMARY KEY, name text NOT NULL);
CREATE VIEW city_view AS SELECT id, name FROM city;
CREATE FUNCTION cities_after(first_id int) RETURNS SETOF city_view
  LANGUAGE sql STABLE AS $$ SELECT * FROM city_view WHERE id > first_id $$;
