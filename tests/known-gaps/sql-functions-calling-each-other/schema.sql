-- Two SQL-language functions that call each other, as a pg_dump restores
-- them (check_function_bodies off). Export and plan are fine; applying the
-- export to an empty database stops at "cannot order the plan: ... cycle",
-- because a SQL body is ordered after the functions it calls (CREATE
-- FUNCTION checks it). Creating one of them with check_function_bodies off
-- would break the cycle.
SET check_function_bodies = false;
CREATE FUNCTION ping(n integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT n = 0 OR pong(n - 1) $$;
CREATE FUNCTION pong(n integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT n <> 0 AND ping(n - 1) $$;
