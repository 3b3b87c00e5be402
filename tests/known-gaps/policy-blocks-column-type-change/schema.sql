-- A column type change under a policy whose text changes with it: policies
-- are not dropped and created again around the change (views are), so
-- the ALTER COLUMN TYPE fails. From sqldef-style pairs.
CREATE TABLE t (id int, amt numeric(12,2));
CREATE POLICY p ON t USING (amt > 0);
