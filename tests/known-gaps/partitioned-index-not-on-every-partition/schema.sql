-- An index created ON ONLY a partitioned table, not yet attached on every
-- partition (INVALID until it is). A plan against this database is empty
-- (such an index reads as valid), but applying the export to an empty
-- database builds it on every partition: pg_dump of the rebuilt database
-- has p_1_v_idx and the ATTACH that the source lacks.
CREATE TABLE p (k int NOT NULL, v int) PARTITION BY LIST (k);
CREATE TABLE p_1 PARTITION OF p FOR VALUES IN (1);
CREATE INDEX p_v_idx ON ONLY p USING btree (v);
