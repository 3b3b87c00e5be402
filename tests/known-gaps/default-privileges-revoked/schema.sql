-- A GraphQL API schema revokes the built-in EXECUTE of new functions from
-- PUBLIC for the whole database (no IN SCHEMA). Default privileges are
-- modelled as grants added to the built-in ones, so a revoked built-in is
-- neither read nor exported: the plan is empty, and in a database rebuilt
-- from the export functions created later (an extension's, say) are
-- executable by PUBLIC again.
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
CREATE FUNCTION full_name(first text, last text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT first || ' ' || last $$;
