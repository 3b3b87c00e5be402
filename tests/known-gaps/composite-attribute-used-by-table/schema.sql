-- A composite type's attribute altered while a table column uses the type:
-- PostgreSQL refuses ALTER TYPE ... ALTER ATTRIBUTE, and the plan neither
-- rebuilds the column nor refuses up front. From Atlas-style pairs.
CREATE TYPE addr AS (street text, zip bigint);
CREATE TABLE t (a addr);
